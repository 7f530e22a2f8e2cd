"""48e-2: graph(at=) of a cost reading a MatrixSymbol entry by entry, where a value on the way is ∞, draws derive's
lines (not the IEEE sweep's 0) and on each entry both numbers; derive remarks that compile's slope is not finite.
Oracle: J = log(σ(z)/(1 - σ(z))) is z = W[0,0]·x + W[0,1] (mpmath at 50 digits), so dJ/dW = [[x, 1]] = [[1, 1]]."""

import math

import mpmath
import numpy as np
import sympy

import symopt

W = sympy.MatrixSymbol("W", 1, 2)
x = sympy.Symbol("x")
Z = W[0, 0] * x + W[0, 1]
J = sympy.log(symopt.sigmoid(Z) / (1 - symopt.sigmoid(Z)))
AT = {W: np.array([[40.0, 0.0]]), x: 1}


def test_the_exact_slope_is_one_and_compile_is_nan():
    mpmath.mp.dps = 50
    cost = lambda a, c: mpmath.log(1 / (1 + mpmath.exp(-(a + c))) / (1 - 1 / (1 + mpmath.exp(-(a + c)))))  # noqa
    h = mpmath.mpf("1e-10")
    assert abs((cost(40 + h, 0) - cost(40 - h, 0)) / (2 * h) - 1) < 1e-15
    assert abs((cost(40, h) - cost(40, -h)) / (2 * h) - 1) < 1e-15
    assert all(math.isnan(v) for v in symopt.compile(J, [W])(W=np.array([[40.0, 0.0]]), x=1.0)[1][0].ravel())


def test_derive_remarks_the_compiled_nan():
    text = str(symopt.derive(J, [W], at=AT))
    assert ("backward (the compiled gradient of the cost as written is not finite for W here (see symopt.explain); "
            "the lines show the simplified formulas' values)") in text
    assert "  dJ/dW[0,0] = dJ/du · du/dW[0,0] = x = 1\n" in text and "  dJ/dW = [[x, 1]] = [[1, 1]]\n" in text


def test_graph_draws_derives_numbers_on_entries_and_steps():
    text = str(symopt.graph(J, at=AT))
    for line in ["W[0,0] = 40, dJ/dW[0,0] = 1 (compiled: undefined)", "W[0,1] = 0, dJ/dW[0,1] = 1 (compiled: undefined)",
                 "u = W[0,0]·x = 40, dJ/du = 1  ← W[0,0], x", "v = u + W[0,1] = 40, dJ/dv = 1  ← u, W[0,1]",
                 "p = σ(v) = 1, dJ/dp = -∞  ← v", "q = 1 - p = 0, dJ/dq = ∞  ← p"]:
        assert line in text
