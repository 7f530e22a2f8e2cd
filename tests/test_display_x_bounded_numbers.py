"""Numbers under ``at=`` past float64's range are ∞ at once, as the generated code gives them (probe U2).

Substituting into the whole tree made SymPy evaluate exp of 10^(3.5·10⁸) with mpmath, computing ln 2 to ~10⁹ bits
(derive, graph and explain never returned).  Counted, not timed: the precision mpmath is asked for ln 2 stays
small, and asking for more fails the test at once instead of hanging it."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest
import sympy
from mpmath.libmp import libelefun

import symopt
from symopt import cli
from symopt.display import derive, graph

w = sympy.Symbol("w")
MOST_BITS = 10_000


@pytest.fixture
def bounded_precision(monkeypatch):
    """Every precision asked of mpmath's ln 2 (the constant a huge exponential needs), refused past MOST_BITS."""
    asked = []
    original = libelefun.ln2_fixed

    def recorded(precision):
        asked.append(precision)
        if precision > MOST_BITS:
            raise AssertionError(f"ln 2 to {precision} bits: a number past float64's range was computed exactly")
        return original(precision)
    monkeypatch.setattr(libelefun, "ln2_fixed", recorded)
    return asked


def _tower(levels: int):
    cost = w
    for _ in range(levels):
        cost = sympy.exp(cost)
    return cost


def test_a_tower_of_six_exponentials_is_infinite_like_the_generated_code(bounded_precision):
    cost = _tower(6)
    lines = str(derive(cost, w, at={w: 0.1})).splitlines()
    assert lines[1:6] == ["  u = exp(w) = 1.10517", "  v = exp(u) = 3.01974", "  p = exp(v) = 20.486",
                          "  q = exp(p) = 7.88763e+08", "  r = exp(q) = ∞"]
    assert lines[6] == "  J = exp(r) = ∞" and lines[-1].endswith(" = ∞")
    with np.errstate(all="ignore"):
        value, gradient = symopt.compile(cost, w)(w=0.1)
    assert np.isinf(value) and np.isinf(gradient)
    assert "r = exp(q) = ∞" in str(graph(cost, at={w: 0.1}))
    assert "not finite" in str(symopt.explain(cost, w, at={w: 0.1}))


def test_the_cli_at_a_large_point(bounded_precision):
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        assert cli.main(["derive", "exp(exp(w))", "--wrt", "w", "--at", "w=10000000"]) == 0
    assert printed.getvalue().splitlines()[1:3] == ["  u = exp(w) = ∞", "  J = exp(u) = ∞"]


def test_exact_where_rational_and_float64_past_its_range(bounded_precision):
    cost = w ** (10**9)
    assert str(derive(cost, w, at={w: 3})).splitlines()[1] == "  J = w¹⁰⁰⁰⁰⁰⁰⁰⁰⁰ = ∞"
    assert str(derive(cost, w, at={w: sympy.Rational(1, 2)})).splitlines()[-1].endswith(" = 0")
    assert str(derive(cost, w, at={w: 1})).splitlines()[-1] == "  dJ/dw = 1000000000w⁹⁹⁹⁹⁹⁹⁹⁹⁹ = 1000000000"
    a, b, c = sympy.symbols("a b c")
    assert str(derive(3 * (a + b * c), [a, b, c], at={a: 5, b: 3, c: 2})).splitlines()[3] == "  J = 3v = 33"


def test_a_function_of_infinity_is_undefined_as_numpys_nan(bounded_precision):
    cost = sympy.sin(_tower(2))
    lines = str(derive(cost, w, at={w: 10})).splitlines()
    assert lines[2:4] == ["  v = exp(u) = ∞", "  J = sin(v) = undefined"]
    with np.errstate(all="ignore"):
        assert np.isnan(symopt.compile(cost, w)(w=10.0)[0])
