"""Data larger than memory: out-of-core arrays read slice by slice, streams of mini-batches, block shuffling.

Reads are counted structurally with a duck-typed dataset (like h5py/zarr) that records every slice
and refuses a whole-array read; every out-of-core run is compared with an in-memory run on the same rows.
"""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.batched import evaluate_in_batches
from symopt.data_sources import is_out_of_core, read_rows
from symopt.errors import ConfigurationError, FeedError

rng = np.random.default_rng(3)
ROWS = 35
FEATURES = rng.normal(size=(ROWS, 4))
TARGETS = FEATURES @ np.array([[1.0], [-2.0], [0.5], [3.0]]) + 0.1 * rng.normal(size=(ROWS, 1))
X, y = symopt.Placeholder("X", (None, 4)), symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.zeros((4, 1)), shape=(4, 1))
MSE = ops.mean(ops.square(X @ W - y))
BLOCKS = [(start, min(start + 10, ROWS)) for start in range(0, ROWS, 10)]


class RecordingDataset:
    """An h5py/zarr-like dataset: ``shape``, ``dtype`` and ``[a:b]``; records each read, refuses a whole read."""

    def __init__(self, array):
        self._array, self.shape, self.dtype, self.reads = array, array.shape, array.dtype, []

    def __getitem__(self, index):
        start, stop = index.start or 0, self.shape[0] if index.stop is None else index.stop
        assert index.step is None and (start, stop) != (0, self.shape[0]), f"whole array requested: {index}"
        self.reads.append((start, stop))
        return self._array[index].copy()

    def __array__(self, *args, **kwargs):
        raise AssertionError("the whole array was requested")


def _train(data, **options):
    return symopt.minimize(MSE, W, data=data, optimizer=symopt.GradientDescent(0.05), **options)


def _memmap(tmp_path, array, name):
    stored = np.lib.format.open_memmap(tmp_path / f"{name}.npy", mode="w+", dtype=array.dtype, shape=array.shape)
    stored[:] = array
    stored.flush()
    return np.load(tmp_path / f"{name}.npy", mmap_mode="r")


def test_a_memmap_run_equals_the_in_memory_run_on_the_same_rows(tmp_path):
    data = {X: _memmap(tmp_path, FEATURES, "X"), y: _memmap(tmp_path, TARGETS, "y")}
    assert is_out_of_core(data[X]) and not is_out_of_core(FEATURES)
    on_disk = _train(data, batch_size=10, epochs=3, shuffle=False)
    in_memory = _train({X: FEATURES, y: TARGETS}, batch_size=10, epochs=3, shuffle=False)
    np.testing.assert_array_equal(on_disk[W], in_memory[W])
    np.testing.assert_array_equal(on_disk.history, in_memory.history)


def test_read_rows_of_a_memmap_with_a_header_offset(tmp_path):
    stored = _memmap(tmp_path, FEATURES.astype(np.float32), "X32")
    assert stored.offset > 0  # the .npy header
    np.testing.assert_array_equal(read_rows(stored, 7, 19), FEATURES.astype(np.float32)[7:19])


def test_shuffling_out_of_core_permutes_whole_batches_and_reads_each_once_per_epoch():
    features, targets = RecordingDataset(FEATURES), RecordingDataset(TARGETS)
    result = _train({X: features, y: targets}, batch_size=10, epochs=3, seed=5)
    assert len(features.reads) == 3 * len(BLOCKS) and features.reads == targets.reads
    epochs = [features.reads[i:i + len(BLOCKS)] for i in range(0, len(features.reads), len(BLOCKS))]
    assert all(sorted(epoch) == BLOCKS for epoch in epochs)
    assert any(epoch != BLOCKS for epoch in epochs)  # seed 5 reorders at least one epoch
    # the same batches in the recorded order, fed as a stream, give the same parameters
    stream = [{X: FEATURES[a:b], y: TARGETS[a:b]} for a, b in features.reads]
    np.testing.assert_array_equal(result[W], _train(stream)[W])


def test_out_of_core_data_is_refused_without_batch_size_before_any_read():
    features = RecordingDataset(FEATURES)
    with pytest.raises(ConfigurationError, match="batch_size"):
        _train({X: features, y: TARGETS}, steps=5)
    assert features.reads == []


def test_nan_in_a_later_out_of_core_batch_is_a_feed_error():
    dirty = FEATURES.copy()
    dirty[33, 2] = np.nan
    with pytest.raises(FeedError, match="NaN"):
        _train({X: RecordingDataset(dirty), y: TARGETS}, batch_size=10, shuffle=False)


def test_a_list_of_batches_is_one_epoch_per_pass():
    stream = [{"X": FEATURES[a:b], "y": TARGETS[a:b]} for a, b in BLOCKS]
    streamed = _train(stream, epochs=2)
    in_memory = _train({X: FEATURES, y: TARGETS}, batch_size=10, epochs=2, shuffle=False)
    np.testing.assert_array_equal(streamed[W], in_memory[W])
    assert streamed.steps == 2 * len(BLOCKS)


def test_a_generator_function_is_called_once_per_epoch():
    calls = []

    def batches():
        calls.append(1)
        for a, b in BLOCKS:
            yield {X: FEATURES[a:b], y: TARGETS[a:b]}
    result = _train(batches, epochs=3)
    assert len(calls) == 3 and result.steps == 3 * len(BLOCKS)


def test_stream_mistakes_are_refused_before_training():
    one_shot = ({X: FEATURES[a:b], y: TARGETS[a:b]} for a, b in BLOCKS)
    with pytest.raises(ConfigurationError, match="one-shot iterator"):
        _train(one_shot, epochs=2)
    with pytest.raises(ConfigurationError, match="batch_size=10"):
        _train([{X: FEATURES, y: TARGETS}], batch_size=10)
    with pytest.raises(FeedError, match="expected a mapping"):
        _train([FEATURES, TARGETS])


def test_a_bad_batch_later_in_a_stream_names_what_is_missing():
    stream = [{X: FEATURES[:10], y: TARGETS[:10]}, {X: FEATURES[10:20]}]
    with pytest.raises(FeedError, match=r"no data for \['y'\]"):
        _train(stream)


def test_resuming_a_shuffled_out_of_core_run_continues_its_trajectory(tmp_path):
    data = {X: RecordingDataset(FEATURES), y: RecordingDataset(TARGETS)}
    whole = _train(data, batch_size=10, epochs=2, seed=1)
    _train(data, batch_size=10, epochs=1, seed=1, checkpoint=tmp_path / "run.npz")
    resumed = _train(data, batch_size=10, epochs=2, seed=1, resume_from=tmp_path / "run.npz")
    np.testing.assert_array_equal(whole[W], resumed[W])


def test_evaluate_in_batches_reads_out_of_core_data_and_streams():
    full = symopt.evaluate(MSE, {X: FEATURES, y: TARGETS})
    features = RecordingDataset(FEATURES)
    assert evaluate_in_batches(MSE, {X: features, y: RecordingDataset(TARGETS)}, batch_size=10) == \
        pytest.approx(full, rel=1e-13)
    assert features.reads == BLOCKS
    stream = [{X: FEATURES[a:b], y: TARGETS[a:b]} for a, b in BLOCKS]
    assert evaluate_in_batches(MSE, stream) == pytest.approx(full, rel=1e-13)


def test_a_memmap_is_read_one_batch_of_rows_at_a_time(tmp_path, monkeypatch):
    import symopt.data_sources as sources
    reads = []

    def recording(value, start, stop):
        reads.append((value.shape, start, stop))
        return read_rows(value, start, stop)
    monkeypatch.setattr(sources, "read_rows", recording)
    data = {X: _memmap(tmp_path, FEATURES, "X"), y: _memmap(tmp_path, TARGETS, "y")}
    _train(data, batch_size=10, epochs=2, seed=0)
    assert len(reads) == 2 * 2 * len(BLOCKS)  # two inputs, two epochs
    assert sorted((a, b) for shape, a, b in reads if shape == FEATURES.shape) == sorted(BLOCKS * 2)


def test_out_of_core_data_with_the_jax_backend_is_refused():
    pytest.importorskip("jax")
    with pytest.raises(ConfigurationError, match="needs data in memory"):
        _train({X: RecordingDataset(FEATURES), y: TARGETS}, batch_size=10, backend="jax")


def test_an_out_of_core_input_beside_rank_1_in_memory_ones(tmp_path):
    """probe26 P26-1: with a memmap among the inputs, every in-memory input was converted again for each batch, so a
    rank-1 Variable, a frozen rank-1 Variable or 1-D labels in memory were refused ("expected shape (3,); given
    (3, 1)"), though data.md says in-memory and out-of-core inputs mix.  The results equal the in-memory run's."""
    rng = np.random.default_rng(24)
    Xd, yd = rng.normal(size=(37, 3)), rng.normal(size=37)
    np.save(tmp_path / "X.npy", Xd)
    np.save(tmp_path / "y.npy", yd)
    Xm, ym = np.load(tmp_path / "X.npy", mmap_mode="r"), np.load(tmp_path / "y.npy", mmap_mode="r")
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None,))
    th, frozen = symopt.Variable("th", np.zeros(3)), symopt.Variable("fz", np.ones(3), trainable=False)
    cost = ops.mean(ops.square(X @ th - y))
    expected = symopt.evaluate_in_batches(cost, {X: Xd, y: yd, th: np.ones(3)}, batch_size=6)
    for data in ({X: Xm, y: ym}, {X: Xm, y: yd}):
        assert symopt.evaluate_in_batches(cost, {**data, th: np.ones(3)}, batch_size=6) == expected
        on_disk = symopt.minimize(cost, th, data=data, batch_size=6, shuffle=False, epochs=2)
        in_memory = symopt.minimize(cost, th, data={X: Xd, y: yd}, batch_size=6, shuffle=False, epochs=2)
        assert np.array_equal(on_disk[th], in_memory[th])
    assert symopt.minimize(cost + ops.sum(ops.square(th - frozen)), th, data={X: Xm, y: ym}, batch_size=6).steps == 7
