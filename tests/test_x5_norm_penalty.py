"""f-probe F13: a network cost plus a norm penalty whose gradient's coefficient reads the weights
(``0.1·√(sum(W∘²))``) shows its numbers in ``derive(at=)`` and ``explain`` instead of raising."""

import numpy as np
import sympy

import symopt
from symopt import ops

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(2, 1))
XS = np.array([[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]])
YS = np.array([[1.0], [0.0], [2.0]])
J = ops.mean(ops.square(X @ W - y)) + 0.1 * sympy.sqrt(ops.sum(ops.square(W)))


def test_derive_at_a_point_shows_the_norm_penalty_gradient():
    shown = str(symopt.derive(J, W, at={W: np.ones((2, 1)), X: XS, y: YS})).splitlines()
    # J = (4 + 0.25 + 0)/3 + 0.1·√2; dW = (1/3) Xᵀ dZ + (0.1/√2) W = [3.5/3, 9/3] + 0.0707
    assert shown[3] == "  J = (1/m) Σ L + 0.1√(sum(W∘²)) = 1.5581"
    assert shown[-1] == "  dW (2×1) = (1/m) Xᵀ (2×m) · dZ (m×1) + (0.1/√(sum(W∘²))) W (2×1) = [[1.2374], [3.0707]]"
    expected = np.array([[3.5 / 3], [3.0]]) + 0.1 / np.sqrt(2.0)
    assert np.allclose(symopt.compile(J, W)(W=np.ones((2, 1)), X=XS, y=YS)[1], expected)


def test_explain_of_the_norm_penalty_at_a_point_and_at_its_kink():
    assert str(symopt.explain(J, W, at={W: np.ones((2, 1))}, data={X: XS, y: YS})).splitlines()[1:] == [
        "  W: fine (largest |entry| 3.071)"]
    at_zero = str(symopt.explain(J, W, at={W: np.zeros((2, 1))}, data={X: XS, y: YS})).splitlines()
    assert at_zero[1:] == ["  W: not finite in 2 of 2 entries (NaN or ∞)",
                           "    at dW = (1/m) Xᵀ dZ + (0.1/√(sum(W∘²))) W"]
