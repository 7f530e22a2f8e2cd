"""A Piecewise condition ``a w + b > 0`` (or <, <=, >=) of one parameter holds on a half-line, never on points
only, so differentiating it runs no SymPy solver (probe93 P93-3: ``Relational.as_set`` took 20-90 ms per
condition, 14 s for 160 thresholds); conditions that may hold on points only still go to the solver."""

import numpy as np
import pytest
import sympy
from sympy.logic.boolalg import Boolean

import symopt
from symopt import derivatives

w = symopt.Variable("w", 0.3)
x = sympy.Symbol("x")


@pytest.fixture
def solver_calls(monkeypatch):
    """How many times SymPy's ``as_set`` runs (the solver behind it), with the derivative caches emptied."""
    calls = []
    original = Boolean.as_set

    def counted(self):
        calls.append(self)
        return original(self)
    monkeypatch.setattr(Boolean, "as_set", counted)
    derivatives._finite_where.cache_clear()
    return calls


def thresholds(n: int):
    return sum(sympy.Piecewise((w**2 * x, w > sympy.Rational(k, n)), (w * x, True)) for k in range(n))


def test_linear_thresholds_run_no_solver_and_keep_their_slopes(solver_calls):
    n = 7
    cost = thresholds(n)
    f = symopt.compile(cost, w)
    assert solver_calls == []  # on main: two as_set calls per threshold
    for point in (0.05, 0.3, 0.61, 0.9):  # the hand oracle: k/n < w takes w^2 x (slope 2 w x), else w x (slope x)
        above = sum(1 for k in range(n) if point > k / n)
        value, slope = f(w=point, x=0.7)
        assert value == pytest.approx(0.7 * (above * point**2 + (n - above) * point), rel=1e-14)
        assert slope == pytest.approx(0.7 * (above * 2 * point + (n - above)), rel=1e-14)
        assert slope == pytest.approx(float(sympy.diff(cost, w).subs({w: point, x: 0.7})), rel=1e-14)


@pytest.mark.parametrize("condition", [2 * w - 1 < 0, 3 - w >= 0, -w / 4 + sympy.pi <= 0, w * sympy.sqrt(2) > 1])
def test_every_form_of_a_half_line_skips_the_solver(solver_calls, condition):
    cost = sympy.Piecewise((w**3, condition), (w, True))
    f = symopt.compile(cost, w)
    assert solver_calls == []
    for point in (-20.0, 0.2, 0.9, 20.0):  # central differences of the cost as SymPy evaluates it
        step = 1e-6
        exact = [float(cost.subs(w, point + d)) for d in (step, -step)]
        assert f(w=point)[1] == pytest.approx((exact[0] - exact[1]) / (2 * step), rel=1e-6)


@pytest.mark.parametrize("condition", [(w - 1)**2 <= 0, sympy.Abs(w - 1) <= 0, w * w < 1, (w >= 1) & (w <= 1)])
def test_conditions_that_may_hold_on_points_still_ask_the_solver(solver_calls, condition):
    cost = sympy.Piecewise((5, condition), ((1 - w**5) / (1 - w), True))
    symopt.compile(cost, w)
    assert solver_calls != []


def test_a_half_line_needs_a_nonzero_real_slope():
    real = derivatives._REAL
    assert derivatives._half_line(sympy.Gt(2 * real + 1, 0))
    assert not derivatives._half_line(sympy.Gt(real**2, 1))
    assert not derivatives._half_line(sympy.Gt(sympy.Abs(real), 1))
    assert not derivatives._half_line(sympy.Eq(real, 1))
    assert not derivatives._half_line(sympy.Gt(sympy.I * real, 1, evaluate=False))
