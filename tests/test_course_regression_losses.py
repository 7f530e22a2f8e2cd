"""derive and explain on the regression losses a course starts with (an independent probe's K8): the mean squared
error without an output activation (``L = (Z - y)²`` has no ``A`` line) and with a bias, which SymPy flattens into
one sum ``X W + 𝟙·b - y``.  Text exact; the numbers against NumPy written here by hand."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.display import derive

X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(3, 1))
b = symopt.Variable("b", 0.0, shape=(1, 1))
XV, YV, WV = np.arange(6.0).reshape(2, 3), np.array([[1.0], [-2.0]]), np.array([[0.1], [-0.2], [0.3]])

COURSE_WITH_BIAS = """\
forward
  Z = X W + b
  L = (Z - y)²
  J = (1/m) Σ L
backward (dZ = m·∂J/∂Z, the gradient of each example's loss L; Σ sums over the examples, axis 0, dimensions kept)
  dZ (m×1) = 2Z - 2y
  dW (3×1) = (1/m) Xᵀ (3×m) · dZ (m×1)
  db (1×1) = (1/m) Σ dZ (m×1)"""


def _values(derivation, name):
    return derivation.values[derivation.line(name).symbol]


def test_linear_regression_with_a_bias_is_shown_in_the_course_form():
    cost = ops.mean(ops.square(ops.bias_add(X @ W, b) - y))
    assert str(derive(cost, [W, b])) == COURSE_WITH_BIAS
    c = symopt.Variable("c", 0.0)  # a scalar bias
    assert str(derive(ops.mean(ops.square(ops.bias_add(X @ W, c) - y)), [W, c])).splitlines()[:3] == [
        "forward", "  Z = X W + c", "  L = (Z - y)²"]


@pytest.mark.parametrize("with_bias", [False, True])
def test_numbers_of_the_mean_squared_error(with_bias):
    """Every line's numbers (K8: ``KeyError: A`` before), checked against the gradient written out here."""
    bias = np.array([[0.5]]) if with_bias else np.zeros((1, 1))
    z = ops.bias_add(X @ W, b) if with_bias else X @ W
    wrt = [W, b] if with_bias else [W]
    at = {X: XV, y: YV, W: WV, **({b: bias} if with_bias else {})}
    derivation = derive(ops.mean(ops.square(z - y)), wrt, at=at)
    Z = XV @ WV + bias
    dZ = 2 * (Z - YV)
    np.testing.assert_allclose(_values(derivation, "Z"), Z)
    np.testing.assert_allclose(_values(derivation, "L"), (Z - YV) ** 2)
    np.testing.assert_allclose(_values(derivation, "dZ"), dZ)
    np.testing.assert_allclose(_values(derivation, "dW"), XV.T @ dZ / 2)
    if with_bias:
        np.testing.assert_allclose(_values(derivation, "db"), dZ.mean(keepdims=True))


def test_numbers_of_a_relu_network_with_a_squared_error():
    W1, W2 = symopt.Variable("W1", 0.0, shape=(3, 2)), symopt.Variable("W2", 0.0, shape=(2, 1))
    W1V, W2V = np.array([[0.1, -0.3], [0.2, 0.1], [-0.1, 0.2]]), np.array([[0.7], [-0.4]])
    cost = ops.mean(ops.square(ops.relu(X @ W1) @ W2 - y))
    derivation = derive(cost, [W1, W2], at={X: XV, y: YV, W1: W1V, W2: W2V})
    Z1 = XV @ W1V
    A1 = np.maximum(Z1, 0)
    dZ2 = 2 * (A1 @ W2V - YV)
    dZ1 = (dZ2 @ W2V.T) * (Z1 > 0)
    np.testing.assert_allclose(_values(derivation, "dW2"), A1.T @ dZ2 / 2)
    np.testing.assert_allclose(_values(derivation, "dW1"), XV.T @ dZ1 / 2)


def test_explain_a_relu_network_with_a_squared_error():
    W1, W2 = symopt.Variable("W1", 0.0, shape=(3, 2)), symopt.Variable("W2", 0.0, shape=(2, 1))
    cost = ops.mean(ops.square(ops.relu(X @ W1) @ W2 - y))
    shown = str(symopt.explain(cost, [W1, W2], at={W1: np.ones((3, 2)), W2: np.zeros((2, 1))},
                               data={X: XV, y: YV}))
    assert "W₂ = 0" in shown and "no signal reaches Z₁" in shown


def test_numbers_of_a_generic_matrix_derivation_are_shown_line_by_line():
    """A scalar cost whose steps are matrices but no layer of the course's form: each line's array (this test
    refused them before the general derivation computed them), J and dJ/dW against NumPy written here by hand."""
    cost = ops.sum(ops.square(X @ W - y)) / ops.sum(ops.square(y))
    lines = str(derive(cost, W, at={X: XV, y: YV, W: WV})).splitlines()
    residual = XV @ WV - YV
    assert lines[0] == "forward (m = 2)"
    assert lines[1] == "  u = XW = [[0.4], [1]]"
    assert lines[7] == f"  J = q/s = {np.sum(residual**2) / np.sum(YV**2):g}"  # no step w beside W
    gradient = 2 * XV.T @ residual / np.sum(YV**2)
    assert lines[-1] == "  dJ/dW = (2/sum(y∘²))Xᵀ(XW - y) = [[" + "], [".join(f"{g:g}" for g in gradient.ravel()) + "]]"
