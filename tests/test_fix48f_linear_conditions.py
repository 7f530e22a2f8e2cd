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
def solver_calls(count_calls):
    """How many times SymPy's ``as_set`` runs (the solver behind it), with the derivative caches emptied."""
    calls = count_calls(Boolean, "as_set")
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


@pytest.mark.parametrize("condition", [(w - 1)**2 <= 0, sympy.Abs(w - 1) <= 0, w * w < 1])
def test_conditions_that_may_hold_on_points_still_ask_the_solver(solver_calls, condition):
    cost = sympy.Piecewise((5, condition), ((1 - w**5) / (1 - w), True))
    symopt.compile(cost, w)
    assert solver_calls != []


def test_linear_conditions_are_read_as_sympy_solves_them():
    """final48f: bins (an And of two half-lines), Ne of a removable singularity and their negations, against
    SymPy's own ``as_set``; a condition not linear in the unknown (or with a slope of unknown sign) is left to it."""
    from symopt.linear_conditions import linear_solutions
    real = derivatives._REAL
    for condition in [2 * real + 1 > 0, (real > sympy.Rational(1, 3)) & (real <= sympy.Rational(2, 3)),
                      sympy.Ne(real, 2), sympy.Eq(3 * real, 1), (real >= 1) & (real <= 1), ~(real < -1) | sympy.Eq(real, -5),
                      -real / 4 + sympy.pi <= 0]:
        assert linear_solutions(condition, real) == condition.as_set()
    for condition in [real**2 > 1, sympy.Abs(real) > 1, sympy.Eq(real**2, 1), sympy.Gt(x * real, 1)]:
        assert linear_solutions(condition, real) is None


def bins(n: int):
    return sum(sympy.Piecewise((w**2, (w > sympy.Rational(k, n)) & (w <= sympy.Rational(k + 1, n))), (w, True))
               for k in range(n))


def test_bins_and_removable_singularities_run_no_solver(solver_calls):
    """(w > k/n) & (w <= (k+1)/n) takes w² in its bin (slope 2w) and w elsewhere (slope 1); sin(w - c)/(w - c) is
    written by SymPy with Ne(w, c), its slope by sympy.diff away from c."""
    f = symopt.compile(bins(5), w)
    singular = sympy.Piecewise((sympy.sin(w - 0.5) / (w - 0.5), sympy.Ne(w, 0.5)), (1, True))
    g = symopt.compile(singular, w)
    assert solver_calls == []
    for point in (0.1, 0.35, 0.9):
        inside = sum(1 for k in range(5) if k / 5 < point <= (k + 1) / 5)
        assert f(w=point)[1] == pytest.approx(inside * 2 * point + (5 - inside), rel=1e-14)
        assert g(w=point)[1] == pytest.approx(float(sympy.diff(singular.args[0][0], w).subs(w, point)), rel=1e-12)


def test_a_bin_that_is_one_point_is_still_pinned():
    """(w >= 1) & (w <= 1) holds at w = 1 only: the branch's constant 5 is not the function's slope there (NaN, as
    for Eq(w, 1)); elsewhere the slope of 1 + w + w² + w³ + w⁴."""
    cost = sympy.Piecewise((5, (w >= 1) & (w <= 1)), ((1 - w**5) / (1 - w), True))
    f = symopt.compile(cost, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        assert np.isnan(f(w=1.0)[1])
    assert f(w=2.0)[1] == pytest.approx(1 + 2 * 2 + 3 * 4 + 4 * 8, rel=1e-14)
