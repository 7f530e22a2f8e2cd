"""P83-4: a KeyboardInterrupt (Ctrl-C, a notebook's kernel interrupt) during ``minimize(..., checkpoint=p)`` writes
the state of the last completed step to ``p`` before it propagates, so ``resume_from=p`` continues the run.

Oracle: gradient descent written out by hand in NumPy, step for step (the rate a float32 constant, as in TF1)."""

import numpy as np
import pytest

import symopt
from symopt.checkpoint import load_checkpoint
from symopt.training_run import TrainingRun

LR = 0.05
rng = np.random.default_rng(3)
XS = rng.normal(size=(12, 2))
YS = XS @ np.array([[1.5], [-2.0]]) + 0.25


def _model():
    X = symopt.Placeholder("X", shape=(None, 2))
    y = symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    return symopt.ops.mean(symopt.ops.square(X @ W - y)), W, {X: XS, y: YS}


def _by_hand(steps, batch_size=None):
    """Gradient descent on the mean squared error, batches in order (no shuffling)."""
    W = np.zeros((2, 1))
    starts = [0] if batch_size is None else list(range(0, len(XS), batch_size))
    for step in range(steps):
        start = starts[step % len(starts)]
        end = len(XS) if batch_size is None else start + batch_size
        X, y = XS[start:end], YS[start:end]
        W = W - float(np.float32(LR)) * (2 * X.T @ (X @ W - y) / len(X))
    return W


def _interrupt_after(count):
    def callback(step, cost, params):
        if step == count:
            raise KeyboardInterrupt
    return callback


@pytest.mark.parametrize("kw", [dict(steps=50), dict(batch_size=4, epochs=20, shuffle=False)])
def test_an_interrupted_run_writes_its_completed_steps_and_resumes(tmp_path, kw):
    cost, W, data = _model()
    path = tmp_path / "run.npz"
    with pytest.raises(KeyboardInterrupt) as caught:
        symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(LR), checkpoint=path,
                        callback=_interrupt_after(17), **kw)
    assert path.exists()
    stored = load_checkpoint(path)
    assert stored.step == 17 and len(stored.history) == 17
    np.testing.assert_allclose(stored.params["W"], _by_hand(17, kw.get("batch_size")), rtol=1e-12)
    assert "resume_from" in "".join(caught.value.__notes__)
    result = symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(LR), resume_from=path, **kw)
    total = kw.get("steps") or kw["epochs"] * 3
    assert result.steps == total
    np.testing.assert_allclose(result[W], _by_hand(total, kw.get("batch_size")), rtol=1e-12)


def test_an_interrupt_inside_the_generated_loop_keeps_the_calls_completed(tmp_path, monkeypatch):
    """The full-batch loop runs in generated code, in calls of at most 1024 steps when a checkpoint is asked for:
    an interrupt in the third call keeps the 2048 steps of the first two."""
    cost, W, data = _model()
    path = tmp_path / "run.npz"
    calls = []
    generated = TrainingRun._train

    def interrupted_third_call(self, *args):
        calls.append(args[0])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return generated(self, *args)
    monkeypatch.setattr(TrainingRun, "_train", interrupted_third_call)
    with pytest.raises(KeyboardInterrupt):
        symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(LR), checkpoint=path, steps=5000)
    stored = load_checkpoint(path)
    assert stored.step == sum(calls[:2]) == 2048 and len(stored.history) == 2048
    np.testing.assert_allclose(stored.params["W"], _by_hand(2048), rtol=1e-10)


def test_an_interrupt_between_an_epochs_last_step_and_its_end_resumes_in_the_next_epoch(tmp_path, monkeypatch):
    cost, W, data = _model()
    path = tmp_path / "run.npz"
    ends = []
    end_epoch = TrainingRun._end_epoch

    def interrupted_second_end(self):
        ends.append(self.epoch)
        if len(ends) == 2:
            raise KeyboardInterrupt
        end_epoch(self)
    monkeypatch.setattr(TrainingRun, "_end_epoch", interrupted_second_end)
    kw = dict(batch_size=4, epochs=5, seed=1)
    with pytest.raises(KeyboardInterrupt):
        symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(LR), checkpoint=path, **kw)
    stored = load_checkpoint(path)
    assert (stored.step, stored.epoch, stored.batch) == (6, 2, 0)
    monkeypatch.setattr(TrainingRun, "_end_epoch", end_epoch)
    resumed = symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(LR), resume_from=path, **kw)
    whole = symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(LR), **kw)
    np.testing.assert_array_equal(resumed[W], whole[W])  # the shuffles of epochs 3-5 are those of one run
