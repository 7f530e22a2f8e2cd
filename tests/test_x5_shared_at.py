"""f-probe F5.5: ``derive(..., at=...)`` refused a symbol the cost does not read ("at: y is not an input of the cost")
while ``evaluate`` ignores it, so one ``at`` dict could not serve several costs; a re-created symbol named like an
input is still refused (its value would silently not be used)."""

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError


def test_one_point_serves_two_scalar_costs():
    a, b, c = symopt.Variable("a", 0.0), symopt.Variable("b", 0.0), symopt.Variable("c", 0.0)
    at = {a: 5, b: 3, c: 2}
    assert str(symopt.derive(3 * (a + b), [a, b], at=at)).splitlines()[0] == "forward (a = 5, b = 3)"
    assert str(symopt.graph(3 * (a + b), at=at)).splitlines()[-1] == "J = 3u = 24  ← u"
    with pytest.raises(ConfigurationError, match="another symbol than the expression's a"):
        symopt.derive(3 * (a + b), [a, b], at={symopt.Variable("a", 1.0): 5, b: 3})


def test_one_point_serves_two_matrix_costs():
    X, y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    at = {X: np.array([[1.0, 2.0], [3.0, 4.0]]), y: np.array([[1.0], [0.0]]), W: np.ones((2, 1))}
    shown = str(symopt.derive(ops.mean(ops.square(X @ W)), W, at=at)).splitlines()
    with pytest.raises(ConfigurationError, match="another symbol than the expression's W"):
        symopt.derive(ops.mean(ops.square(X @ W)), W, at={**at, symopt.Variable("W", 0.0, shape=(2, 1)): 1.0})
    assert shown[1] == "  Z = X W = [[3], [7]]" and shown[-1] == "  dW (2×1) = (1/m) Xᵀ (2×m) · dZ (m×1) = [[24], [34]]"
