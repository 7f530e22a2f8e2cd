"""A sum of thousands of terms compiles (a least-squares cost with its data written inline): printed as
``sum([...], first)``, the same additions in the same order, not an expression nested too deep for Python's
compiler (a raw RecursionError at 3 000 terms)."""

import numpy as np
import sympy

import symopt
from symopt import printers
from symopt.cache import CACHE
from symopt.printers import WIDE_SUM


def test_a_least_squares_cost_of_4000_inline_terms_compiles():
    """The cost alone (``evaluate``: no gradient, so the test stays fast; ``compile`` prints the same sums)."""
    a, b = sympy.symbols("a_wide b_wide")
    xs = np.random.default_rng(30).normal(size=4000)
    cost = sympy.Add(*[(a * float(x) + b - float(2 * x + 1)) ** 2 for x in xs])
    value = symopt.evaluate(cost, {a: 0.5, b: 0.2})
    assert np.isclose(value, np.sum((0.5 * xs + 0.2 - (2 * xs + 1)) ** 2), rtol=1e-13)


def test_the_same_additions_in_the_same_order(monkeypatch):
    """Past WIDE_SUM terms the value has the bits of the same sum printed as ``a + b + ...`` (which Python still
    compiles at this size)."""
    x = sympy.Symbol("x_wide")
    cost = sympy.Add(*[sympy.sin((k + 1) * x) for k in range(WIDE_SUM + 1)])
    wide = symopt.compile(cost, [x])
    CACHE.clear()
    monkeypatch.setattr(printers, "WIDE_SUM", 10 ** 6)
    written_out = symopt.compile(cost, [x])
    assert "sum([" in wide.source and "sum([" not in written_out.source
    for point in (0.1, -2.5, 7.0):
        assert wide({x: point}) == written_out({x: point})
