"""A batch cost whose data Placeholders were all substituted by explicit matrices is told to substitute the batch
size too (probe57 P57-5).  Oracle: hand NumPy of the mean squared error and its gradient 2 Xᵀ(XW - y)/m."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ShapeError

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(2, 1))
J = ops.mean(ops.square(X @ W - y))
Xd = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]])
yd = np.array([[1.0], [2.0], [4.0]])
substituted = J.xreplace({X: sympy.ImmutableMatrix(Xd), y: sympy.ImmutableMatrix(yd)})


@pytest.mark.parametrize("call", [lambda: symopt.compile(substituted, W), lambda: symopt.grad(substituted, W),
                                  lambda: symopt.evaluate(substituted, {W: np.ones((2, 1))})])
def test_the_message_names_the_batch_substitution(call):
    with pytest.raises(ShapeError, match=r"cost.subs\(symopt.BATCH, 3\)") as error:
        call()
    assert "cancelled out" not in str(error.value)


def test_the_advice_gives_the_numbers():
    Wd = np.array([[0.5], [-0.2]])
    value, gradient = symopt.compile(substituted.subs(symopt.BATCH, 3), W)(W=Wd)
    residual = Xd @ Wd - yd
    assert float(value) == pytest.approx(float(np.mean(residual ** 2)))
    assert np.allclose(gradient, 2 * Xd.T @ residual / 3)


def test_a_cost_that_keeps_its_data_is_untouched():
    assert symopt.evaluate(J, {X: Xd, y: yd, W: np.zeros((2, 1))}) == pytest.approx(float(np.mean(yd ** 2)))
