"""probe45 P45-6: the pinball (quantile) loss ``Max(0.9*t, -0.1*t)`` inside ``applyfunc`` raised DepthLimitError
"nested 7 levels deep" with advice to raise the recursion limit (which ended in a segfault): SymPy 1.14's
``Piecewise`` turns the mask's comparison ``-0.1*t >= 0.9*t`` round and back without end.  The mask is now built
from ``a - b >= 0`` where SymPy would loop, and a RecursionError on a shallow expression is called a loop."""

import sys

import numpy as np
import pytest
import sympy
from scipy.optimize import linprog

import symopt
from symopt import ops
from symopt.depth import depth_limit
from symopt.errors import DepthLimitError

TAU = 0.9


def _data():
    rng = np.random.default_rng(9)
    m = 60
    X = np.hstack([rng.uniform(0, 5, size=(m, 1)), np.ones((m, 1))])
    y = (X @ [1.5, 0.5] + rng.standard_exponential(m)).reshape(-1, 1)
    return X, y


def _pinball(rows):
    X, y, b = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1)), symopt.Variable("b", np.zeros(2))
    return X, y, b, ops.mean((y - X @ b).applyfunc(rows))


def test_the_pinball_loss_and_its_gradient_match_hand_numpy_and_finite_differences():
    Xd, yd = _data()
    X, y, b, J = _pinball(lambda t: sympy.Max(TAU * t, (TAU - 1) * t))
    function = symopt.compile(J, b, inputs=[X, y])
    point = np.array([1.2, 0.3])
    value, gradient = function(b=point, X=Xd, y=yd)

    def pinball(v):
        r = yd.ravel() - Xd @ v
        return float(np.mean(np.maximum(TAU * r, (TAU - 1) * r)))
    r = yd.ravel() - Xd @ point
    assert value == pytest.approx(pinball(point), rel=1e-14)
    assert np.allclose(np.ravel(gradient), -Xd.T @ np.where(r > 0, TAU, TAU - 1) / len(r), rtol=1e-13)
    h = 1e-7
    fd = [(pinball(point + h * e) - pinball(point - h * e)) / (2 * h) for e in np.eye(2)]
    assert np.allclose(np.ravel(gradient), fd, atol=1e-6)


def test_at_the_lp_optimum_the_value_is_linprogs_and_zero_is_a_subgradient_direction():
    Xd, yd = _data()
    m = len(yd)
    c = np.r_[0, 0, TAU * np.ones(m), (1 - TAU) * np.ones(m)] / m
    lp = linprog(c, A_eq=np.hstack([Xd, np.eye(m), -np.eye(m)]), b_eq=yd.ravel(),
                 bounds=[(None, None)] * 2 + [(0, None)] * (2 * m))
    X, y, b, J = _pinball(lambda t: sympy.Max(TAU * t, (TAU - 1) * t))
    assert float(symopt.evaluate(J, {X: Xd, y: yd, b: lp.x[:2]})) == pytest.approx(lp.fun, rel=1e-9)
    result = symopt.minimize(J, b, data={X: Xd, y: yd}, optimizer=symopt.Adam(0.05), steps=3000)
    assert result.value < lp.fun * 1.01  # a subgradient run gets within 1% of the LP's optimum


@pytest.mark.parametrize("rows", [lambda t: sympy.Max(0.5 * t, -1.5 * t), lambda t: sympy.Min(0.9 * t, -0.1 * t),
                                  lambda t: sympy.Max(0.9 * t, -0.1 * t, 0.2 * t - 1),
                                  lambda t: sympy.Max(0.9 * t, -0.1 * t) ** 2])
def test_other_maxima_of_float_multiples_differentiate(rows):
    Xd, yd = _data()
    X, y, b, J = _pinball(rows)
    point = np.array([1.2, 0.3])
    value, gradient = symopt.compile(J, b, inputs=[X, y])(b=point, X=Xd, y=yd)
    function = sympy.lambdify(sympy.Symbol("t"), rows(sympy.Symbol("t")), "numpy")

    def cost(v):
        return float(np.mean(function(yd.ravel() - Xd @ v)))
    h = 1e-7
    fd = [(cost(point + h * e) - cost(point - h * e)) / (2 * h) for e in np.eye(2)]
    assert value == pytest.approx(cost(point), rel=1e-13) and np.allclose(np.ravel(gradient), fd, atol=1e-5)


def test_a_recursion_error_on_a_shallow_expression_is_called_a_loop_not_depth():
    x = sympy.Symbol("x")
    limit = sys.getrecursionlimit()
    with pytest.raises(DepthLimitError) as caught:
        with depth_limit("grad", sympy.Max(0.9 * x, -0.1 * x)):
            sympy.Piecewise((1, sympy.Ge(-0.1 * x, 0.9 * x)), (0, True))  # SymPy 1.14's own loop
    message = str(caught.value)
    assert message.startswith("grad: expected SymPy's steps to finish on an expression nested 3 levels deep; given one "
                              "on which sympy.functions.elementary.piecewise: ")
    assert "a loop inside SymPy, not a deep expression, so raising the limit does not help" in message
    assert "setrecursionlimit" not in message and sys.getrecursionlimit() == limit  # left as it was (final39a F39a-14)


def _calls_itself(n):
    return _calls_itself(n + 1)


def test_a_loop_outside_sympy_is_not_called_sympy_s():
    """final39a F39a-12: any function that called itself was reported as "a loop inside SymPy"."""
    with pytest.raises(DepthLimitError) as caught:
        with depth_limit("grad", sympy.Symbol("x") * 0.9):
            _calls_itself(0)
    message = str(caught.value)
    assert message.startswith("grad: expected the steps to finish on an expression nested 2 levels deep; given one on "
                              "which test_probe45_pinball_loss: _calls_itself kept calling itself")
    assert "SymPy" not in message and "a loop in that function" in message


def test_a_mask_sympy_would_loop_on_reads_as_a_comparison_of_its_terms():
    """final39a F39a-6: the settled mask was printed as the difference with 0 (``-2.0*w >= 0``, and derive's
    ``[1Z - 1y ≥ 0]``, "1" for the coefficient 1.0); it now drops the common factor and puts each term on the side
    where it is positive, where that form settles too."""
    w, v = sympy.symbols("w v", real=True)
    assert str(symopt.grad(sympy.Max(1.5 * w, -0.5 * w) + v ** 2, [w, v])) == \
        "[-0.5*Piecewise((1, w <= 0), (0, True)) + 1.5*Piecewise((1, w > 0), (0, True)), 2*v]"
    assert str(symopt.grad(sympy.Max(0.9 * (3 - w), -0.1 * (3 - w)), [w])) == \
        "[-0.9*Piecewise((1, w <= 3.0), (0, True)) + 0.1*Piecewise((1, w > 3.0), (0, True))]"
    X, y, b, J = _pinball(lambda t: sympy.Max(TAU * t, (TAU - 1) * t))
    assert "dZ (m×1) = 0.1[Z ≥ y] - 0.9[Z < y]" in str(symopt.derive(J, b))


def test_applyfunc_of_something_not_a_function_says_so():
    """A number passed to applyfunc was "called": "60(v) raised 'int' object is not callable"."""
    with pytest.raises(symopt.errors.UnsupportedOperationError,
                       match=r"^applyfunc: expected a function of one argument; given 60 \(int\)\. Pass a function"):
        _pinball(60)


def test_a_settled_mask_is_not_multiplied_out():
    """final40c F40c-1: the readable form expanded the difference, so the mask of Max(0.9 r, -0.1 r) with
    r = (a + b)**3 became a cubic polynomial whose sign rounding flipped near 0: the gradient at a = 1e8,
    b = -1e8 + 1 was -0.3 where it is 2.7 (hand: 0.9 * 3 (a + b)**2); (a + b + c + d)**20 printed 104k characters."""
    a, b = symopt.Variable("a_f40c1", 0.0), symopt.Variable("b_f40c1", 0.0)
    r = (a + b) ** 3
    function = symopt.compile(sympy.Max(0.9 * r, -0.1 * r), [a, b])
    value, gradient = function(a_f40c1=1e8, b_f40c1=-1e8 + 1)
    assert value == pytest.approx(0.9) and list(gradient) == pytest.approx([2.7, 2.7])
    c, d = symopt.Variable("c_f40c1", 0.0), symopt.Variable("d_f40c1", 0.0)
    s = (c + d) ** 19
    assert str(symopt.grad(sympy.Max(0.9 * s, -0.1 * s), [c])[0]) == (
        "(c_f40c1 + d_f40c1)**18*(-1.9*Piecewise((1, (c_f40c1 + d_f40c1)**19 <= 0), (0, True)) + "
        "17.1*Piecewise((1, (c_f40c1 + d_f40c1)**19 > 0), (0, True)))")


def test_derive_and_explain_of_the_textbook_pinball_loss_show_what_grad_computes():
    """final40c F40c-9: derive and explain rebuilt the masks with the step symbols replaced, evaluated, and SymPy's
    Piecewise looped on -0.1 r >= 0.9 r (DepthLimitError) where grad worked."""
    w, x, y = sympy.symbols("w x y")
    r = y - w * x
    cost = sympy.Max(0.9 * r, -0.1 * r)
    at = {w: 0.5, x: 2, y: 3}  # r = 2 > 0: J = 1.8, dJ/dw = -0.9 x = -1.8
    lines = str(symopt.derive(cost, w, at=at)).splitlines()
    assert lines[-1] == "  dJ/dw = 0.1x[wx > y] - 0.9x[wx ≤ y] = -1.8"
    assert "1.8" in str(symopt.explain(cost, w, at=at))
