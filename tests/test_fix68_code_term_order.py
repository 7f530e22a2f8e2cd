"""probe68 P68-6: ``notation="code"`` writes a sum's terms in the text's textbook order (``dZ = Z - Y``, the
course's form), never SymPy's ``-Y + Z``; the code still computes the gradient (checked against NumPy by hand)."""

import numpy as np

import symopt
from symopt import ops
from symopt.display import derive


def _regression(divisor: int):
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 3))
    W, b = symopt.Variable("W", 0.0, shape=(2, 3)), symopt.Variable("b", 0.0, shape=(1, 3))
    return ops.sum(ops.square(ops.bias_add(X @ W, b) - Y)) / (divisor * X.shape[0]), [W, b]


def test_code_and_text_write_z_minus_y():
    cost, wrt = _regression(2)
    assert str(derive(cost, wrt, notation="code")).splitlines()[0] == "dZ = Z - Y  # (m×3)"
    assert "  dZ (m×3) = Z - Y" in str(derive(cost, wrt)).splitlines()


def test_the_reordered_code_computes_the_gradient():
    cost, wrt = _regression(1)
    source = str(derive(cost, wrt, notation="code"))
    assert source.splitlines()[0] == "dZ = 2*Z - 2*Y  # (m×3)"
    rng = np.random.default_rng(0)
    x, y, w, b = rng.normal(size=(5, 2)), rng.normal(size=(5, 3)), rng.normal(size=(2, 3)), rng.normal(size=(1, 3))
    names = {"np": np, "m": 5, "X": x, "Y": y, "Z": x @ w + b}
    exec(source, names)
    # J = (1/m) Σ (XW + b - Y)²: dJ/dW = (2/m) Xᵀ(XW + b - Y), by hand
    assert np.allclose(names["dW"], 2 / 5 * x.T @ (x @ w + b - y))
