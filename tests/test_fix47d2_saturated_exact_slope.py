"""47d-2: explain's "exactly" slope of a saturated tanh / sigmoid was evaluated at 15 digits, where 1 - tanh(400)²
cancels: it printed 2.36364e-125 for 1.46715e-347."""

import mpmath
import pytest
import sympy

import symopt
from symopt import sigmoid


@pytest.mark.parametrize("make, at, exact", [
    (lambda w: sympy.tanh(w), 400, lambda w: 1 - mpmath.tanh(w) ** 2),
    (lambda w: sympy.pi * sympy.tanh(w), 400, lambda w: mpmath.pi * (1 - mpmath.tanh(w) ** 2)),
    (lambda w: sigmoid(w), 800, lambda w: mpmath.exp(-w) / (1 + mpmath.exp(-w)) ** 2),
])
def test_saturated_slope_is_exact(make, at, exact):
    mpmath.mp.dps = 800
    shown = mpmath.nstr(exact(mpmath.mpf(at)), 6)
    W = symopt.Variable("w", float(at))
    text = str(symopt.explain(make(W), W))
    assert f"dJ/dw = {shown} exactly, computed as 0" in text
