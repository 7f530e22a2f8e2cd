"""The course form of a hinge loss writes grad's indicator [Zy ≤ 1], not SymPy's Heaviside (½ at the margin), so a
point on the margin shows symopt.grad's numbers instead of raising (probe U12).  Oracle: NumPy by hand with the
tie rule (the subgradient of max(0, 1 - Zy) counts the margin), and central differences off the margin."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

X = symopt.Placeholder("X", (None, 2))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(2, 1))
HINGE = ops.mean(ops.hadamard(y, X @ W).applyfunc(lambda e: sympy.Max(0, 1 - e)))
XV, YV = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]), np.array([[1.0], [-1.0], [1.0]])


def _by_hand(w):
    active = (YV * (XV @ w) <= 1).astype(float)  # example 0 lies on the margin at w = [1, 0.25]
    return XV.T @ (-YV * active) / 3


def test_the_line_and_its_code():
    lines = str(symopt.derive(HINGE, W)).splitlines()
    assert lines[-2:] == ["  dZ (m×1) = -y[Z·y ≤ 1]", "  dW (2×1) = (1/m) Xᵀ (2×m) · dZ (m×1)"]
    assert symopt.derive(HINGE, W, notation="code").code().splitlines()[0] == "dZ = -y*(Z*y <= 1)  # (m×1)"


@pytest.mark.parametrize("w", [np.array([[1.0], [0.25]]), np.array([[0.3], [-0.7]])], ids=["margin", "off"])
def test_numbers_at_and_off_the_margin(w):
    derivation = symopt.derive(HINGE, W, at={X: XV, y: YV, W: w})
    shown = derivation.values[derivation.line("dW").symbol]
    np.testing.assert_allclose(shown, _by_hand(w), rtol=1e-12)
    _, compiled = symopt.compile(HINGE, W)({X: XV, y: YV, W: w})
    np.testing.assert_allclose(shown, compiled, rtol=1e-12)
    if np.all(np.abs(YV * (XV @ w) - 1) > 1e-3):
        def cost(v):
            return np.mean(np.maximum(0, 1 - YV * (XV @ v)))
        steps = [np.eye(2)[:, [k]] * 1e-6 for k in range(2)]
        differences = np.array([[(cost(w + s) - cost(w - s)) / 2e-6] for s in steps])
        np.testing.assert_allclose(shown, differences, rtol=1e-6)
