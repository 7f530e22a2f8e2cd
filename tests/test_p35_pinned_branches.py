"""probe35 P35-6: a Piecewise branch taken only on a point set of a differentiated symbol (``Eq(w, 1)``, or the
fallback of ``Ne(w, -1)``: SymPy's patch of a removable singularity, from ``Sum(...).doit()`` or ``integrate``) says
nothing about the function's slope there; its branch's derivative (0 for a constant) was the gradient, and GD and
L-BFGS reported success at a non-minimum.  Now the partial is NaN there (a run stops with an error); conditions on
data and inequalities are unchanged.  P35-7: the advice for an improper integral or infinite sum that ``.doit()``
kept in its Piecewise no longer says ``.doit()``.  Oracles: the explicit polynomial's derivative, central differences.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import DivergenceError, UnsupportedOperationError

w, x, i = sympy.symbols("w x i")
N = sympy.Symbol("n", integer=True, positive=True)
GEOMETRIC = sympy.Sum(w**i, (i, 0, N)).doit().subs(N, 4)  # Piecewise((5, Eq(w, 1)), ((1 - w**5)/(1 - w), True))
COST = (GEOMETRIC - 10) ** 2


def polynomial_slope(at: float) -> float:
    return 2 * (sum(at**k for k in range(5)) - 10) * sum(k * at ** (k - 1) for k in range(1, 5))


def test_sympys_patch_is_the_expected_piecewise():
    assert GEOMETRIC.args[0] == (5, sympy.Eq(w, 1))


@pytest.mark.parametrize("at", [0.999, 1.001, 0.5, 1.5])
def test_away_from_the_point_the_gradient_is_the_functions(at):
    value, slope = symopt.compile(COST, w)(w=at)
    assert slope == pytest.approx(polynomial_slope(at), rel=1e-6)


def test_at_the_point_the_gradient_is_nan_not_the_branchs_zero():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value, slope = symopt.compile(COST, w)(w=1.0)
    assert value == 25.0 and math.isnan(slope)  # the true slope is -100: a 0 would be a silent wrong number
    assert str(symopt.grad(COST, w).args[1].args[0]) == "(nan, Eq(w, 1))"


@pytest.mark.parametrize("method", [{"steps": 100}, {"method": "lbfgs"}])
def test_a_run_from_the_point_does_not_report_success(method):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DivergenceError, match="gradient is not finite at"):
            symopt.minimize(COST, {w: 1.0}, **method)


def test_the_fallback_of_ne_from_integrate():
    v, t = sympy.symbols("v t", real=True)
    integral = sympy.integrate(t**v, (t, 1, 2))  # Piecewise((.., Ne(v, -1)), (log(2), True))
    compiled = symopt.compile((integral - 1) ** 2, v)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert math.isnan(compiled(v=-1.0)[1])
    h = 1e-6
    fd = ((compiled(v=-0.5 + h)[0] - compiled(v=-0.5 - h)[0]) / (2 * h))
    assert compiled(v=-0.5)[1] == pytest.approx(fd, rel=1e-6)


def test_the_display_shows_the_compiled_nan():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        shown = str(symopt.derive(COST, w, at={w: 1.0})).splitlines()[-1]
    assert shown.endswith("= undefined")


def test_an_equality_on_data_alone_keeps_its_branch():
    cost = sympy.Piecewise((w**2, sympy.Eq(x, 0)), (w, True))
    compiled = symopt.compile(cost, w)
    assert compiled(w=3.0, x=0.0) == (9.0, 6.0) and compiled(w=3.0, x=1.0) == (3.0, 1.0)


def test_an_equality_of_a_step_function_is_no_point():
    cost = sympy.Piecewise((w**2, sympy.Eq(sympy.floor(w), 0)), (w, True))  # [0, 1)
    assert symopt.compile(cost, w)(w=0.5) == (0.25, 1.0)


def test_inequalities_are_unchanged():
    cost = sympy.Piecewise((w**2, w > 1), (3 * w, True))
    assert symopt.compile(cost, w)(w=2.0) == (4.0, 4.0) and symopt.compile(cost, w)(w=1.0) == (3.0, 3.0)


def test_a_matrix_inside_takes_a_nan_mask_at_the_point():
    W = symopt.Variable("W", 1.0, shape=(1, 1))
    s = symopt.ops.sum(W)
    cost = sympy.Piecewise((5 * s, sympy.Eq(w, 1)), (s * w, True))
    compiled = symopt.compile(cost, [W, w])
    value, (g_W, g_w) = compiled(W=np.ones((1, 1)), w=2.0)
    assert value == 2.0 and g_W[0, 0] == 2.0 and g_w == 1.0
    value, (g_W, g_w) = compiled(W=np.ones((1, 1)), w=1.0)
    assert value == 5.0 and math.isnan(g_w)


@pytest.mark.parametrize("make", [
    lambda t, n: sympy.Integral(sympy.exp(-w * t), (t, 0, sympy.oo)).doit(),
    lambda t, n: sympy.Sum(w**n, (n, 0, sympy.oo)).doit(),
])
def test_the_advice_for_what_doit_kept_is_not_doit(make):
    t = sympy.Symbol("t", real=True)
    n = sympy.Symbol("n", integer=True)
    cost = make(t, n)
    assert cost.doit() == cost
    with pytest.raises(UnsupportedOperationError) as error:
        symopt.compile(cost, w)
    message = str(error.value)
    assert "calling .doit() again does not help" in message and "expression.args[0][0]" in message
    assert "write it out with .doit()" not in message and "call .doit()" not in message


SINC = sympy.Piecewise((sympy.sin(w) / w, sympy.Ne(w, 0)), (1, True))


@pytest.mark.parametrize("cost, start, branch", [(COST, 1.0, "(5, Eq(w, 1))"), (SINC + (w - 1)**2, 0.0, "(1, True)")])
@pytest.mark.parametrize("how", [dict(steps=5), dict(method="lbfgs"), dict(steps=5, trace=True)])
def test_a_run_at_the_point_names_the_piecewise_and_the_rewrite(cost, start, branch, how):
    """The DivergenceError names the Piecewise and its branch that holds at that point alone, and the rewrite
    (sympy.cancel / factor), not a generated division line and 'sqrt at 0'."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(DivergenceError) as error:
            symopt.minimize(cost, {w: start}, **how)
    message = str(error.value)
    assert f"takes its branch {branch} there, which holds at that point alone" in message
    assert "sympy.cancel(...) or sympy.factor(...)" in message
    assert "sqrt at 0" not in message and "generated line" not in message


def test_a_gradient_fault_elsewhere_keeps_its_message():
    """A branch on an inequality taken at the point is no pinned branch: the usual diagnosis."""
    cost = sympy.Piecewise((sympy.sqrt(w**2), w > -5), (w, True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(DivergenceError, match="sqrt at 0") as error:
            symopt.minimize(cost, {w: 0.0}, steps=5)
    assert "holds at that point alone" not in str(error.value)


T = sympy.Symbol("t")
W = sympy.Symbol("w", real=True)


def test_an_equality_the_data_make_hold_for_every_w_keeps_its_slope():
    """``integrate(exp(w x t), (t, 0, 1))`` is ``Piecewise((..., Ne(x*w, 0)), (1, True))``: in a row with x = 0
    the fallback holds for every w, so its slope 0 is the function's (final37 F37-1: it was NaN, and a fit on
    data with a zero row stopped); at x != 0 and w = 0 the branch holds at one point alone: NaN."""
    x_data = symopt.Placeholder("x_data", ())
    F = sympy.integrate(sympy.exp(W * x_data * T), (T, 0, 1))
    assert F.args[-1] == (1, True)
    f = symopt.compile(F, wrt=[W])
    assert f(w=0.5, x_data=0.0) == (1.0, [0.0])
    value, (slope,) = f(w=0.5, x_data=2.0)
    assert slope == pytest.approx(((2 * 0.5 - 1) * math.exp(1) + 1) / 0.5**2 / 2, rel=1e-12)  # d/dw (e^{2w}-1)/(2w)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert math.isnan(f(w=0.0, x_data=2.0)[1][0])


def test_an_equality_that_holds_on_an_interval_keeps_its_slope():
    """``Eq(Abs(w), w)`` holds for every w >= 0: at w = 3 the branch w**2 has slope 6 (final37 F37-1: NaN); at
    w = 0, where the equality's own slope sign(w) - 1 is not 0, the branch's edge: NaN."""
    cost = sympy.Piecewise((W**2, sympy.Eq(sympy.Abs(W), W)), (0, True))
    f = symopt.compile(cost, wrt=[W])
    assert f(w=3.0) == (9.0, [6.0])
    assert f(w=-2.0) == (0.0, [0.0])


def test_a_fit_on_data_with_a_zero_row_trains():
    """The mean of ``(integrate(exp(w a t), (t, 0, 1)) - 1.5)**2`` over rows of data with an a = 0 trains as the
    written-out function (e^{wa} - 1)/(wa), 1 at a = 0, does by hand (final37 F37-1: DivergenceError)."""
    a = sympy.Symbol("a", real=True)
    X = symopt.Placeholder("X", (None, 1))
    F = sympy.integrate(sympy.exp(W * a * T), (T, 0, 1))
    cost = symopt.ops.mean(X.applyfunc(sympy.Lambda(a, (F - 1.5)**2)))
    data = np.array([[0.0], [1.0], [2.0], [0.5]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = symopt.minimize(cost, {W: 0.3}, data={X: data}, optimizer=symopt.GradientDescent(0.1), steps=50)
    w_hand, rows = 0.3, data[:, 0]
    for _ in range(50):
        slope = 0.0
        for row in rows:
            if row == 0:
                continue  # F is 1 for every w there
            z = w_hand * row
            value = np.expm1(z) / z
            slope += 2 * (value - 1.5) * (row * np.exp(z) * z - row * np.expm1(z)) / z**2
        w_hand -= 0.1 * slope / len(rows)
    assert result[W] == pytest.approx(w_hand, rel=1e-9)
