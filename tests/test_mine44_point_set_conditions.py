"""A Piecewise branch taken only at a point of a parameter, written as SymPy's simplify writes it
(``(w > 0) | (w < 0)`` for ``Ne(w, 0)``, ``(w >= 1) & (w <= 1)`` for ``Eq(w, 1)``, a double root): its partial is NaN
there and a run from that point is a DivergenceError, as for ``Eq``/``Ne`` (probe73 P73-1: the branch's slope 0 was
returned silently, and every method claimed success at a point whose slope is -1)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import DivergenceError

w = symopt.Variable("w", 0.0)
GEOMETRIC = (1 - w**5) / (1 - w)  # 1 + w + w^2 + w^3 + w^4: slope 10 at w = 1


@pytest.mark.parametrize("condition", [
    (w >= 1) & (w <= 1), sympy.Eq(w, 1) | sympy.Eq(w, 2), sympy.Eq((w - 1)**2, 0), sympy.Eq(sympy.Abs(w - 1), 0),
    (w - 1)**2 <= 0, sympy.Abs(w - 1) <= 0, sympy.Eq(sympy.Max(w, 1), sympy.Min(w, 1))])
def test_a_branch_that_holds_at_one_point_has_no_slope_there(condition):
    cost = sympy.Piecewise((5, condition), (GEOMETRIC, True))
    value, slope = symopt.compile(cost, w)(w=1.0)
    assert value == 5.0 and np.isnan(slope)  # not the branch's 0 (the function's slope is 10)
    _, slope = symopt.compile(cost, w)(w=0.5)
    assert slope == pytest.approx(float(sympy.diff(GEOMETRIC, w).subs(w, 0.5)))  # 1 + 2w + 3w^2 + 4w^3 = 4.25


def test_simplify_s_removable_singularity_is_a_divergence_not_a_success():
    t = sympy.Symbol("t")
    mean = sympy.simplify(sympy.integrate(sympy.exp(w * t), (t, 0, 1)))  # (exp(w) - 1)/w, its limit 1 at w = 0
    assert isinstance(mean, sympy.Piecewise)
    assert np.isnan(symopt.compile(mean, w)(w=0.0)[1])  # mpmath: the slope of expm1(w)/w at 0 is 0.5, not 0
    for options in ({}, {"optimizer": symopt.Adam(0.1), "steps": 50}, {"method": "bfgs"}):
        with pytest.raises(DivergenceError, match="the gradient is not finite at (the starting point )?w = 0"):
            symopt.minimize((mean - 2)**2, w, **options)


def test_conditions_that_hold_on_intervals_keep_their_slopes():
    cost = sympy.Piecewise((w**2, w > 0), (0, True)) + sympy.Piecewise((w, (w >= 1) & (w <= 3)), (0, True))
    f = symopt.compile(cost, w)
    assert f(w=2.0)[1] == 5.0 and f(w=-1.0)[1] == 0.0  # sympy.diff: 2w + 1 on [1, 3], 0 below 0
