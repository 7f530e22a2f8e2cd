"""probe61 P61-7: a mini-batch checkpoint keeps its examples and their order; resuming with other rows, or with
shuffled data moved between memory and a memmap, is refused (the resumed epoch trained rows twice, skipped others)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import CheckpointError

ROWS, BATCH = 40, 8
RATE = 0.05


def _problem(tmp_path):
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    rng = np.random.default_rng(0)
    features, targets = rng.normal(size=(ROWS, 2)), rng.normal(size=(ROWS, 1))
    np.save(tmp_path / "X.npy", features)
    np.save(tmp_path / "y.npy", targets)
    mapped = {X: np.load(tmp_path / "X.npy", mmap_mode="r"), y: np.load(tmp_path / "y.npy", mmap_mode="r")}
    return X, y, W, ops.mean(ops.square(X @ W - y)), {X: features, y: targets}, mapped


def _stopped(cost, W, data, path, **run):
    symopt.minimize(cost, W, data=data, checkpoint=path, callback=lambda step, c, p: step == 7, **run)


@pytest.mark.parametrize("first, second", [("memory", "mapped"), ("mapped", "memory")])
def test_shuffled_data_moved_between_memory_and_a_memmap_is_refused(tmp_path, first, second):
    X, y, W, cost, memory, mapped = _problem(tmp_path)
    data = {"memory": memory, "mapped": mapped}
    run = dict(optimizer=symopt.GradientDescent(RATE), batch_size=BATCH, epochs=3, seed=0)
    _stopped(cost, W, data[first], tmp_path / "run.npz", **run)
    with pytest.raises(CheckpointError, match="in memory.*out of core|out of core.*in memory") as caught:
        symopt.minimize(cost, W, data=data[second], resume_from=tmp_path / "run.npz", **run)
    assert "twice" in str(caught.value) and "resume_from" in str(caught.value)


def test_fewer_rows_with_the_same_batch_count_is_refused(tmp_path):
    X, y, W, cost, memory, _ = _problem(tmp_path)
    run = dict(optimizer=symopt.GradientDescent(RATE), batch_size=BATCH, epochs=3, seed=0)
    _stopped(cost, W, memory, tmp_path / "run.npz", **run)
    fewer = {X: memory[X][:36], y: memory[y][:36]}  # still 5 batches of 8
    with pytest.raises(CheckpointError, match="40 examples; this run has 36"):
        symopt.minimize(cost, W, data=fewer, resume_from=tmp_path / "run.npz", **run)


def test_unshuffled_data_moved_to_a_memmap_resumes_as_the_rows_in_order(tmp_path):
    X, y, W, cost, memory, mapped = _problem(tmp_path)
    run = dict(optimizer=symopt.GradientDescent(RATE), batch_size=BATCH, epochs=3, shuffle=False)
    _stopped(cost, W, memory, tmp_path / "run.npz", **run)
    resumed = symopt.minimize(cost, W, data=mapped, resume_from=tmp_path / "run.npz", **run)
    hand, rate = np.zeros((2, 1)), np.float64(np.float32(RATE))
    for _ in range(3):
        for start in range(0, ROWS, BATCH):
            rows, labels = memory[X][start:start + BATCH], memory[y][start:start + BATCH]
            hand -= (2 * rows.T @ (rows @ hand - labels) / BATCH) * rate
    np.testing.assert_allclose(resumed[W], hand, rtol=1e-12)


def test_a_full_batch_run_resumes_over_more_rows(tmp_path):
    """final42d F42d-7: a full-batch checkpoint keeps no example count (each step reads every row), so a fit goes on
    over rows added since, as it did before P61-7."""
    X, y, W, cost, memory, _ = _problem(tmp_path)
    rng = np.random.default_rng(5)
    more = {X: np.vstack([memory[X], rng.normal(size=(ROWS, 2))]), y: np.vstack([memory[y], rng.normal(size=(ROWS, 1))])}
    symopt.minimize(cost, W, data=memory, optimizer=symopt.GradientDescent(RATE), steps=20,
                    checkpoint=tmp_path / "full.npz")
    resumed = symopt.minimize(cost, W, data=more, optimizer=symopt.GradientDescent(RATE), steps=35,
                              resume_from=tmp_path / "full.npz")
    hand, rate = np.zeros((2, 1)), np.float64(np.float32(RATE))
    for step in range(35):
        rows, labels = (memory[X], memory[y]) if step < 20 else (more[X], more[y])
        hand -= (2 * rows.T @ (rows @ hand - labels) / len(rows)) * rate
    np.testing.assert_allclose(resumed[W], hand, rtol=1e-12)
