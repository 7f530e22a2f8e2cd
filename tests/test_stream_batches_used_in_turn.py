"""A stream's batch is used before the next is asked for, so a generator that refills one buffer trains each step on
its own batch (probe34 P34-2); a resumed stream that got shorter, and a trailing None, get the right diagnosis
(probe34 P34-6).  Oracle: a hand NumPy loop of gradient descent on mean((X W - y)^2)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import CheckpointError, FeedError

RNG = np.random.default_rng(3)
XS, YS = RNG.normal(size=(40, 3)), RNG.normal(size=(40, 1))


def model():
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    return ops.mean(ops.square(X @ W - y)), W


def one_buffer():
    """Each batch written into the same two arrays (a memory-saving loader)."""
    bx, by = np.empty((8, 3)), np.empty((8, 1))
    for start in range(0, 40, 8):
        bx[:], by[:] = XS[start:start + 8], YS[start:start + 8]
        yield {"X": bx, "y": by}


def hand(epochs: int = 1):
    W, history = np.zeros((3, 1)), []
    for _ in range(epochs):
        for start in range(0, 40, 8):
            x, t = XS[start:start + 8], YS[start:start + 8]
            r = x @ W - t
            history.append(float(np.mean(r**2)))
            W = W - float(np.float32(0.01)) * (2 / 8) * x.T @ r  # the rate as symopt stores it (float32)
    return W, history


def test_a_refilled_buffer_trains_on_each_batch_in_turn():
    cost, W = model()
    result = symopt.minimize(cost, W, data=one_buffer, epochs=3, optimizer=symopt.GradientDescent(0.01))
    expected, history = hand(3)
    np.testing.assert_allclose(result[W], expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(result.history, history, rtol=1e-9)


def test_evaluate_in_batches_reads_a_refilled_buffer_in_turn():
    cost, W = model()
    w = np.ones((3, 1))
    chunks = [np.sum((XS[s:s + 8] @ w - YS[s:s + 8])**2) for s in range(0, 40, 8)]
    value = symopt.evaluate_in_batches(cost.xreplace({W: sympy.ones(3, 1)}), one_buffer())
    assert value == pytest.approx(sum(chunks) / 40, rel=1e-12)


def test_resuming_a_stream_that_got_shorter_names_the_checkpoints_position(tmp_path):
    cost, W = model()
    batches = lambda m: [{"X": XS[i:i + 8], "y": YS[i:i + 8]} for i in range(0, m, 8)]
    path = str(tmp_path / "run.ckpt")
    symopt.minimize(cost, W, data=batches(40), epochs=3, checkpoint=path, callback=lambda s, c, p: s == 4)
    with pytest.raises(CheckpointError, match=r"epoch 0, batch 4.*gives 2 mini-batches.*same data stream"):
        symopt.minimize(cost, W, data=batches(16), epochs=3, resume_from=path)


def test_stopped_after_an_epochs_last_batch_resumes_at_the_next_epoch(tmp_path):
    cost, W = model()
    batches = [{"X": XS[i:i + 8], "y": YS[i:i + 8]} for i in range(0, 40, 8)]
    path = str(tmp_path / "run.ckpt")
    gd = symopt.GradientDescent(0.01)
    symopt.minimize(cost, W, data=batches, epochs=2, checkpoint=path, optimizer=gd, callback=lambda s, c, p: s == 5)
    resumed = symopt.minimize(cost, W, data=batches, epochs=2, resume_from=path, optimizer=gd)
    np.testing.assert_allclose(resumed[W], hand(2)[0], rtol=1e-9, atol=1e-12)


def test_a_trailing_none_is_a_bad_batch_not_the_end():
    cost, W = model()
    batch = {"X": XS[:8], "y": YS[:8]}
    with pytest.raises(FeedError, match="batch 1 is NoneType"):
        symopt.minimize(cost, W, data=[batch, None])
