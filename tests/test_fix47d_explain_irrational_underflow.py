"""P87-1: ``explain`` of a cost whose exact slope is nearer 0 than float64's smallest number and keeps a constant
SymPy leaves exact (π, √π, √2) names that slope; it crashed with mpmath's ``TypeError: cannot create mpf from
-2.7e-391/sqrt(pi)``.  The oracle is mpmath at 30 digits, written out by hand."""

import re

import mpmath
import pytest
import sympy

import symopt
from symopt.cli import main

mpmath.mp.dps = 30
PI = mpmath.pi

#: (cost of w, w, the exact slope by hand with mpmath)
CASES = [
    (lambda w: sympy.erfc(w), 30.0, lambda: -2 * mpmath.exp(-900) / mpmath.sqrt(PI)),
    (lambda w: sympy.pi * sympy.exp(-w), 800.0, lambda: -PI * mpmath.exp(-800)),
    (lambda w: sympy.pi * symopt.softplus(-w), 750.0, lambda: -PI / (1 + mpmath.exp(750))),
    (lambda w: sympy.pi * sympy.atan(w), 1e170, lambda: PI / (1 + mpmath.mpf("1e170") ** 2)),
    (lambda w: w * sympy.erfc(w), 30.0,
     lambda: mpmath.erfc(30) - 60 * mpmath.exp(-900) / mpmath.sqrt(PI)),
    (lambda w: sympy.erfc(w) ** 2, 20.0, lambda: -4 * mpmath.exp(-400) * mpmath.erfc(20) / mpmath.sqrt(PI)),
    (lambda w: sympy.sqrt(2) * sympy.exp(-w) * (w - 800), 800.0, lambda: mpmath.sqrt(2) * mpmath.exp(-800)),
]


@pytest.mark.parametrize("cost, at, oracle", CASES)
def test_underflowing_slope_with_an_exact_constant_is_named(cost, at, oracle):
    w = symopt.Variable("w", at)
    text = str(symopt.explain(cost(w), w))
    assert "underflow:" in text
    expected = oracle()
    shown = mpmath.mpf(re.search(r"= (\S+) at w = .*nearer 0 than", text).group(1))
    assert abs(shown / expected - 1) < 1e-5  # six significant digits


def test_cli_explains_erfc_at_30(capsys):
    assert main(["explain", "erfc(w)", "--wrt", "w", "--at", "w=30"]) == 0
    out = capsys.readouterr().out
    assert "dJ/dw = -1.53965e-391 exactly, computed as 0" in out  # mpmath: -1.53964766040999594e-391
