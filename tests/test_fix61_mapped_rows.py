"""probe61 P61-12/13/8: a memmap is read as the array holds it (never its file by name), and a view of one (a row
split, a Fortran-order file) is read about a batch at a time."""

import os

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.batched import evaluate_in_batches

ROWS, COLUMNS = 400, 3


def _model():
    X, y = symopt.Placeholder("X", (None, COLUMNS)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", np.zeros((COLUMNS, 1)), shape=(COLUMNS, 1))
    return X, y, w, ops.mean(ops.square(X @ w - y))


def _numpy_cost(features, targets, weights):
    return float(np.mean((np.asarray(features) @ weights - targets) ** 2))


@pytest.fixture
def saved(tmp_path):
    rng = np.random.default_rng(0)
    raw, targets = rng.normal(50.0, 10.0, size=(ROWS, COLUMNS)), rng.normal(size=(ROWS, 1))
    np.save(tmp_path / "X.npy", raw)
    return tmp_path / "X.npy", raw, targets


def test_copy_on_write_memmap_changed_in_place_is_read_as_it_holds(saved):
    path, raw, targets = saved
    X, y, w, cost = _model()
    changed = np.load(path, mmap_mode="c")
    changed -= changed.mean(axis=0)  # standardized in the process only: the file keeps the raw numbers
    changed /= changed.std(axis=0)
    held = np.array(changed)
    weights = np.ones((COLUMNS, 1))
    expected = _numpy_cost(held, targets, weights)
    assert expected != pytest.approx(_numpy_cost(raw, targets, weights))
    assert evaluate_in_batches(cost, {X: changed, y: targets, w: weights}, batch_size=64) == pytest.approx(expected)
    result = symopt.minimize(cost, w, data={X: changed, y: targets}, optimizer=symopt.GradientDescent(0.05),
                             batch_size=100, epochs=1, shuffle=False)
    hand, rate = np.zeros((COLUMNS, 1)), np.float64(np.float32(0.05))
    for start in range(0, ROWS, 100):
        rows, labels = held[start:start + 100], targets[start:start + 100]
        hand -= (2 * rows.T @ (rows @ hand - labels) / len(rows)) * rate
    np.testing.assert_allclose(result[w], hand, rtol=1e-12)


def test_memmap_whose_file_was_replaced_reads_the_mapping(saved, tmp_path):
    path, raw, targets = saved
    X, y, w, cost = _model()
    mapped = np.load(path, mmap_mode="r")
    np.save(tmp_path / "new.npy", raw + 100.0)
    os.replace(tmp_path / "new.npy", path)  # the safe-write pattern: the name now means another file
    weights = np.ones((COLUMNS, 1))
    found = evaluate_in_batches(cost, {X: mapped, y: targets, w: weights}, batch_size=64)
    assert found == pytest.approx(_numpy_cost(raw, targets, weights))


def test_memmap_whose_file_was_deleted_is_still_read(saved):
    path, raw, targets = saved
    X, y, w, cost = _model()
    mapped = np.load(path, mmap_mode="r")
    os.unlink(path)
    weights = np.ones((COLUMNS, 1))
    found = evaluate_in_batches(cost, {X: mapped, y: targets, w: weights}, batch_size=64)
    assert found == pytest.approx(_numpy_cost(raw, targets, weights))


def _resident_kib(address: int) -> int:
    """Resident KiB of the mapping holding ``address``, from /proc/self/smaps (Linux)."""
    inside = False
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            head = line.split()[0]
            if "-" in head and all(c in "0123456789abcdef-" for c in head):
                low, high = (int(part, 16) for part in head.split("-"))
                inside = low <= address < high
            elif inside and head == "Rss:":
                return int(line.split()[1])
    raise AssertionError("mapping not found")


@pytest.mark.skipif(not os.path.exists("/proc/self/smaps"), reason="counts resident pages from Linux's smaps")
@pytest.mark.parametrize("order", ["C", "F"])
def test_a_split_of_a_memmap_is_read_a_batch_at_a_time(tmp_path, order):
    rows, columns, batch = 65536, 16, 4096  # an 8 MiB file, read in 512 KiB batches
    values = np.asarray(np.random.default_rng(1).normal(size=(rows, columns)), order=order)
    np.save(tmp_path / "big.npy", values)
    whole = np.load(tmp_path / "big.npy", mmap_mode="r")
    assert whole.flags.f_contiguous == (order == "F")
    train = whole[:60000]  # a train split: a view whose base is the memmap
    X, ones = symopt.Placeholder("X", (None, columns)), symopt.Variable("ones", np.ones((columns, 1)))
    total = evaluate_in_batches(ops.mean(X @ ones), {X: train}, batch_size=batch)
    assert total == pytest.approx(values[:60000].sum(axis=1).mean())
    assert _resident_kib(whole.ctypes.data) <= 2 * batch * columns * 8 // 1024  # at most about a batch mapped


@pytest.mark.parametrize("span_columns, pieces", [(None, 1), (16, 4)])
def test_a_fortran_order_memmap_is_released_once_per_batch(tmp_path, monkeypatch, span_columns, pieces):
    """final42d F42d-3: a batch of a Fortran-order file is copied whole and its pages released once, not a column
    at a time (which made an epoch 35-200x slower); a file whose columns span more than RELEASE_SPAN in pieces of
    as many columns as fit in it."""
    import symopt.mapped_rows as mapped_rows

    rows, columns, batch = 1000, 64, 100
    if span_columns is not None:
        monkeypatch.setattr(mapped_rows, "RELEASE_SPAN", span_columns * rows * 8)
    values = np.asfortranarray(np.random.default_rng(2).normal(size=(rows, columns)))
    np.save(tmp_path / "f.npy", values)
    releases = []
    release = mapped_rows._release
    monkeypatch.setattr(mapped_rows, "_release", lambda mapping, part: releases.append(1) or release(mapping, part))
    X, ones = symopt.Placeholder("X", (None, columns)), symopt.Variable("ones", np.ones((columns, 1)))
    total = evaluate_in_batches(ops.mean(X @ ones), {X: np.load(tmp_path / "f.npy", mmap_mode="r")}, batch_size=batch)
    assert total == pytest.approx(values.sum(axis=1).mean())
    assert len(releases) == rows // batch * pieces


def test_a_memmap_is_read_without_numpy_2s_array_utils(saved, monkeypatch):
    """final42d F42d-6: NumPy 1.26 (which pyproject allowed then) has no ``numpy.lib.array_utils``; a shared memmap's
    rows are read there too."""
    monkeypatch.delattr(np.lib, "array_utils", raising=False)
    path, raw, targets = saved
    X, y, w, cost = _model()
    weights = np.full((COLUMNS, 1), 0.01)
    value = evaluate_in_batches(cost, {X: np.load(path, mmap_mode="r"), y: targets, w: weights}, batch_size=64)
    assert value == pytest.approx(_numpy_cost(raw, targets, weights))


@pytest.mark.parametrize("order", ["C", "F"])
def test_unflushed_writes_to_an_r_plus_memmap_are_read_and_kept(tmp_path, order):
    """final42d F42d-9: rows written to an ``r+`` memmap and not flushed are read as written, and stay in the
    array and its file after the pages are released."""
    values = np.asarray(np.random.default_rng(3).normal(size=(5000, 4)), order=order)
    np.save(tmp_path / "w.npy", values)
    mm = np.load(tmp_path / "w.npy", mmap_mode="r+")
    mm[:] *= 3
    mm[5] = 7.0
    written = values * 3
    written[5] = 7.0
    X, ones = symopt.Placeholder("X", (None, 4)), symopt.Variable("ones", np.ones((4, 1)))
    total = evaluate_in_batches(ops.mean(X @ ones), {X: mm}, batch_size=1000)
    assert total == pytest.approx(written.sum(axis=1).mean())
    np.testing.assert_array_equal(np.asarray(mm), written)
    del mm
    np.testing.assert_array_equal(np.load(tmp_path / "w.npy"), written)
