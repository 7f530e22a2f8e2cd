"""steps= bounds a stream's run: an endless stream (Keras' ``while True: yield batch``) trains that many steps and
stops (probe34 P34-4: steps= was refused and one epoch of it never ended).  The stream below refuses to be read past
a bound, so a regression fails instead of running for ever.  Oracle: a hand NumPy loop of gradient descent."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError

RNG = np.random.default_rng(5)
XS, YS = RNG.normal(size=(40, 3)), RNG.normal(size=(40, 1))
RATE = float(np.float32(0.01))  # the rate as symopt stores it


def model():
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    return ops.mean(ops.square(X @ W - y)), W


def endless(bound: int = 200):
    for read in range(bound):
        start = 8 * (read % 5)
        yield {"X": XS[start:start + 8], "y": YS[start:start + 8]}
    raise AssertionError(f"the endless stream was read past {bound} batches")


def hand(steps: int) -> np.ndarray:
    W = np.zeros((3, 1))
    for read in range(steps):
        start = 8 * (read % 5)
        x, t = XS[start:start + 8], YS[start:start + 8]
        W = W - RATE * (2 / 8) * x.T @ (x @ W - t)
    return W


def test_an_endless_stream_stops_after_steps():
    cost, W = model()
    result = symopt.minimize(cost, W, data=endless(), steps=12, optimizer=symopt.GradientDescent(0.01))
    assert result.steps == 12 and len(result.history) == 12 and "steps=12" in result.message
    np.testing.assert_allclose(result[W], hand(12), rtol=1e-12, atol=1e-15)


def test_steps_bound_a_resumed_stream_in_all(tmp_path):
    cost, W = model()
    path, gd = str(tmp_path / "run.ckpt"), symopt.GradientDescent(0.01)
    data = lambda: endless()
    symopt.minimize(cost, W, data=data, steps=7, checkpoint=path, optimizer=gd)
    resumed = symopt.minimize(cost, W, data=data, steps=12, resume_from=path, optimizer=gd)
    assert resumed.steps == 12
    np.testing.assert_allclose(resumed[W], hand(12), rtol=1e-12, atol=1e-15)


def test_epochs_end_a_finite_stream_before_its_steps():
    cost, W = model()
    batches = [{"X": XS[s:s + 8], "y": YS[s:s + 8]} for s in range(0, 40, 8)]
    assert symopt.minimize(cost, W, data=batches, epochs=2, steps=100).steps == 10


@pytest.mark.parametrize("steps", [0, 2.5, True])
def test_a_bad_step_bound_is_refused(steps):
    cost, W = model()
    with pytest.raises(ConfigurationError, match=r"steps: expected a positive integer"):
        symopt.minimize(cost, W, data=endless(), steps=steps)


def test_batch_size_with_a_stream_names_steps_as_the_bound():
    cost, W = model()
    with pytest.raises(ConfigurationError, match=r"batch_size=4 cannot apply.*steps=\.\.\. \(at most"):
        symopt.minimize(cost, W, data=endless(), batch_size=4)
