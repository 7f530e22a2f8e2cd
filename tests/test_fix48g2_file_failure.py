"""48g-3 (reader final48g): an out-of-core dataset (h5py or zarr-like: shape, dtype, [a:b]) whose read raises mid-run
(an OSError: a network file system gone) lost the whole run, as a stream's exception did before P97-4.  It is now raised
unchanged with the run so far in error.result, a note saying where, and the checkpoint written first.  Oracle: a hand
NumPy gradient-descent loop over the same batches in file order."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.checkpoint import load_checkpoint

RNG = np.random.default_rng(0)
XS = RNG.normal(size=(30, 2))
YS = XS @ np.array([[1.0], [-2.0]])
LR = 0.125  # float32 holds it exactly


class Flaky:
    """An h5py-like dataset whose ``fail_at``-th read raises."""

    def __init__(self, rows, fail_at):
        self.rows, self.shape, self.dtype, self.reads, self.fail_at = rows, rows.shape, rows.dtype, 0, fail_at

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, key):
        self.reads += 1
        if self.reads == self.fail_at:
            raise OSError("network file system went away")
        return self.rows[key]


def by_hand(steps: int) -> np.ndarray:
    w = np.zeros((2, 1))
    for step in range(steps):
        start = (step % 6) * 5
        xb, yb = XS[start:start + 5], YS[start:start + 5]
        w = w - LR * 2 * xb.T @ (xb @ w - yb) / 5
    return w


def test_a_file_read_failing_mid_run_keeps_the_run(tmp_path):
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)), shape=(2, 1))
    flaky, path = Flaky(XS, 20), str(tmp_path / "run.npz")
    with pytest.raises(OSError, match="network file system went away") as caught:
        symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data={X: flaky, Y: YS}, batch_size=5, epochs=5,
                        shuffle=False, optimizer=symopt.GradientDescent(LR), checkpoint=path)
    error = caught.value
    steps = error.result.steps
    assert 0 < steps < 19 + 1 and type(error) is OSError  # raised unchanged, after the reads that succeeded
    assert np.allclose(error.result[W], by_hand(steps), rtol=1e-12, atol=0)
    epoch, batch = divmod(steps, 6)
    assert error.__notes__[0] == (f"symopt.minimize: the data file raised this reading epoch {epoch + 1}, mini-batch "
                                  f"{batch + 1}, after {steps} steps; error.result holds the parameters trained so far.")
    stored = load_checkpoint(path)
    assert stored.step == steps and np.allclose(stored.params["W"], by_hand(steps), rtol=1e-12, atol=0)


def test_a_file_gone_at_the_verdict_keeps_the_costs_verdict():
    """The same-rows check of a fixed-order run reads the first batch again, only where the costs grew (48g-1): a file
    gone by then must not lose the finished run; the costs' verdict (diverging) stands.  Every row x = (1, 0), y = 0
    and lr 1.5: w[0] times 1 - 3 a step (the hand loop), the cost from 1 to 4^30."""
    ones = np.tile([[1.0, 0.0]], (30, 1))
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.ones((2, 1)), shape=(2, 1))
    options = dict(batch_size=5, epochs=5, shuffle=False, optimizer=symopt.GradientDescent(1.5))
    counting = Flaky(ones, 0)
    whole = symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data={X: counting, Y: np.zeros((30, 1))}, **options)
    assert not whole.success and "the run is diverging" in whole.message  # it read the first batch again last
    gone = Flaky(ones, counting.reads)  # the same run, its last read (the verdict's) failing
    result = symopt.minimize(ops.mean(ops.square(X @ W - Y)), W, data={X: gone, Y: np.zeros((30, 1))}, **options)
    assert gone.reads == counting.reads and not result.success and result.message == whole.message
    hand = 1.0
    for _ in range(30):
        hand -= 1.5 * 2 * hand
    assert np.isclose(float(result[W][0, 0]), hand, rtol=1e-4)  # lr is kept in float32
