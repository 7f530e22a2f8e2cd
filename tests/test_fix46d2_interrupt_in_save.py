"""46d-1: a KeyboardInterrupt that lands inside a periodic ``checkpoint_every`` save propagates as the
KeyboardInterrupt with its resume note (it became a BufferError: the interrupted save's frames kept a view of the
cost history alive while the interrupt's save cut it in place), and the file on disk is whole.

The interrupt is raised inside the save itself, as a Ctrl-C would land there. Oracle: the step count the
interrupted save had reached, and gradient descent written out by hand."""

import numpy as np
import pytest

import symopt
from symopt import run_checkpoints
from symopt.checkpoint import load_checkpoint

LR = 0.05
XS = np.random.default_rng(5).normal(size=(12, 2))
YS = XS @ np.array([[1.5], [-2.0]]) + 0.25


def _by_hand(steps, batch_size):
    W = np.zeros((2, 1))
    for step in range(steps):
        start = (step * batch_size) % len(XS)
        X, y = XS[start:start + batch_size], YS[start:start + batch_size]
        W = W - float(np.float32(LR)) * (2 * X.T @ (X @ W - y) / len(X))
    return W


@pytest.mark.parametrize("kw", [dict(steps=3000, checkpoint_every=777),
                                dict(batch_size=4, epochs=20, shuffle=False, checkpoint_every=3)])
def test_an_interrupt_inside_a_periodic_save_stays_a_keyboard_interrupt(tmp_path, monkeypatch, kw):
    X = symopt.Placeholder("X", shape=(None, 2))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    cost = symopt.ops.mean(symopt.ops.square(X @ W - y))
    real_save, calls = run_checkpoints.save_checkpoint, []

    def interrupted_save(path, checkpoint):  # the checkpoint (a view of the history) stays alive in this frame
        calls.append(checkpoint.step)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return real_save(path, checkpoint)
    monkeypatch.setattr(run_checkpoints, "save_checkpoint", interrupted_save)
    path = tmp_path / "run.npz"
    with pytest.raises(KeyboardInterrupt) as caught:
        symopt.minimize(cost, W, data={X: XS, y: YS}, optimizer=symopt.GradientDescent(LR), checkpoint=path, **kw)
    assert f"resume_from={str(path)!r}" in "".join(caught.value.__notes__)
    stored = load_checkpoint(path)
    assert stored.step == calls[0] and len(stored.history) == calls[0]
    np.testing.assert_allclose(stored.params["W"], _by_hand(calls[0], kw.get("batch_size", 12)), rtol=1e-12)


def test_an_interrupt_whose_checkpoint_cannot_be_written_still_propagates(tmp_path, monkeypatch):
    w = symopt.Variable("w", 0.0)

    def failing_save(path, checkpoint):
        raise OSError(28, "No space left on device")

    def stop(step, cost, params):
        if step == 5:
            monkeypatch.setattr(run_checkpoints, "save_checkpoint", failing_save)
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt) as caught:
        symopt.minimize((w - 5) ** 2, w, steps=50, checkpoint=tmp_path / "run.npz", callback=stop)
    assert "could not be written" in "".join(caught.value.__notes__)
