"""A run's message counts in English (probe10 T10): "stopped after 1 step (1 epoch)", never "1 steps (1 epochs)"."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt.result import counted

w = symopt.Variable("w", 0.0)
X, y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("y", (None, 1))
J = symopt.ops.mean(symopt.ops.square(X * w - y))
DATA = {X: np.ones((3, 1)), y: np.ones((3, 1))}


@pytest.mark.parametrize("number, text", [(0, "0 steps"), (1, "1 step"), (2, "2 steps"), (1001, "1001 steps")])
def test_counted(number, text):
    assert counted(number, "step") == text


@pytest.mark.parametrize("run, message", [
    (lambda: symopt.minimize(w ** 2 - 10 * w + 25, w, optimizer=symopt.GradientDescent(0.01), steps=1),
     "stopped after 1 step"),
    (lambda: symopt.minimize(J, w, data=DATA, batch_size=3, epochs=1), "stopped after 1 step (1 epoch)"),
    (lambda: symopt.minimize(J, w, data=DATA, batch_size=1, epochs=2), "stopped after 6 steps (2 epochs)"),
    (lambda: symopt.minimize(w ** 2 - 10 * w + 25, w, method="newton"), "converged: every |gradient| <= 1e-10 after 1 step"),
    # probe21 P21-5: tol met by one mini-batch's gradient is said to be that batch's (an estimate of the data's)
    (lambda: symopt.minimize(J, w, data={X: np.array([[1.0], [2.0], [1.0]]), y: np.array([[0.0], [2.0], [1.0]])},
                             batch_size=1, epochs=3, shuffle=False, tol=0.0),
     "converged on mini-batch 1 of epoch 1: every |gradient| of that batch <= 0.0 after 0 steps (a mini-batch's "
     "gradient estimates the whole data's; for the full-data test train full batch, or evaluate "
     "symopt.compile(cost, wrt) on all the data)"),
])
def test_the_lecture_and_a_mini_batch_run(run, message):
    assert run().message == message


@pytest.mark.parametrize("count", [np.uint8(2), np.uint16(2), np.uint32(2), np.uint64(2)])
def test_unsigned_numpy_counts_are_counts(count):
    """probe21 P21-15: -(-m // batch_size) in an unsigned type raised a raw OverflowError."""
    assert symopt.minimize(J, w, data=DATA, batch_size=count, epochs=count).message == "stopped after 4 steps (2 epochs)"
    assert symopt.minimize(J, w, data=DATA, steps=count).message == "stopped after 2 steps"


def test_one_mini_batch_of_every_example_is_the_whole_datas_test():
    """review11 R11-5: with batch_size = the number of examples, tol tests the whole data's gradient (in another
    order): the message is the full-batch run's, at the same step."""
    whole = symopt.minimize(J, w, data=DATA, steps=1000, tol=1e-3)
    batched = symopt.minimize(J, w, data=DATA, batch_size=3, epochs=1000, tol=1e-3)
    assert batched.message == whole.message == f"converged: every |gradient| <= 0.001 after {whole.steps} steps"
