"""derive's simplification is bounded by the structure of what it simplifies (an independent probe's K22: an 8-level
iterated square ``(((x^2 + x)^2 + x)^2 ...`` ran for minutes in sympy.factor; 46 characters passed every parser
bound).  No clock: the test counts what reaches SymPy's factor and cancel."""

import sympy as sp

import symopt
from symopt.display import tidy as tidy_module
from symopt.display.tidy import TIDY_DEGREE, degree_bound

x, y = sp.symbols("x y")


def test_the_degree_bound_follows_the_structure():
    assert degree_bound(x) == 1 and degree_bound(sp.Integer(7)) == 0
    assert degree_bound((x + y) ** 3 * x) == 4
    assert degree_bound(((x ** 2 + x) ** 2 + x) ** 2) == 8
    assert degree_bound(sp.exp(x ** 3) + x) == 3  # a function: at least its argument's degree
    assert degree_bound(1 / (x ** 2 + 1)) == 2


def test_an_iterated_square_reaches_factor_only_below_the_bound(monkeypatch):
    seen = []
    for name in ("factor", "cancel"):
        original = getattr(sp, name)
        monkeypatch.setattr(tidy_module.sympy, name,
                            lambda e, *a, _f=original, **k: seen.append(degree_bound(e)) or _f(e, *a, **k))
    expr = x
    for _ in range(8):  # degree 256
        expr = expr ** 2 + x
    derivation = symopt.derive(expr, x, at={x: sp.Rational(1, 10)})
    assert seen and max(seen) <= TIDY_DEGREE
    shown = float(str(derivation).splitlines()[-1].rsplit("= ", 1)[1])
    assert abs(shown - float(sp.diff(expr, x).subs(x, sp.Rational(1, 10)))) < 1e-5
