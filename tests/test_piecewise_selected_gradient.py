"""The gradient of a ``Piecewise`` selects the taken branch's derivative (probe8 R4).

It was :math:`\\sum_i \\mathrm{mask}_i\\, de_i`, so a branch not taken that has no derivative at the point (the
signed square root's :math:`\\sqrt{-w}` at :math:`w > 0`, :math:`\\sin(w)/w` and :math:`w \\log w` at 0) made the
gradient :math:`0 \\cdot \\mathrm{NaN} = \\mathrm{NaN}` everywhere: minimize stopped as diverging, and explain said the
cost had no real value.  Oracles: SymPy's derivative of the taken branch, and central differences."""

import numpy as np
import pytest
import sympy

import symopt
from tests.central_differences import central_difference

w = symopt.Variable("w", 0.0)
SIGNED_SQRT = sympy.Piecewise((sympy.sqrt(w), w >= 0), (-sympy.sqrt(-w), True))


def _branch_derivative(at: float) -> float:
    """SymPy's derivative of ``(s(w) - 2)**2`` with the branch of ``s`` taken at ``at`` written alone."""
    plain = sympy.Symbol("v", real=True)
    branch = sympy.sqrt(plain) if at >= 0 else -sympy.sqrt(-plain)
    return float(sympy.diff((branch - 2) ** 2, plain).subs(plain, at))


@pytest.mark.parametrize("at", [1.0, 4.0, 0.25, -1.0, -9.0])
def test_the_signed_square_root_has_the_taken_branchs_slope(at):
    cost = (SIGNED_SQRT - 2) ** 2
    value, slope = symopt.compile(cost, w)(w=at)
    plain = np.sign(at) * np.sqrt(abs(at))
    assert np.isclose(value, (plain - 2) ** 2)
    assert np.isclose(slope, _branch_derivative(at))
    assert np.isclose(slope, central_difference(lambda v: (np.sign(v) * np.sqrt(abs(v)) - 2) ** 2,
                                                [np.array(at)], 0), rtol=1e-6)


def test_guarded_points_take_the_guarding_branch():
    sinc = sympy.Piecewise((sympy.sin(w) / w, sympy.Ne(w, 0)), (1, True))
    value, slope = symopt.compile(sinc, w)(w=0.0)
    assert value == 1.0 and np.isnan(slope)  # the branch 1 holds at the point 0 only: no slope (probe35 P35-6)
    x_log_x = sympy.Piecewise((w * sympy.log(w), w > 0), (0, True))
    assert [float(x) for x in symopt.compile(x_log_x, w)(w=0.0)] == [0.0, 0.0]
    assert np.isclose(symopt.compile(x_log_x, w)(w=2.0)[1], np.log(2.0) + 1)


def test_where_no_condition_holds_the_slope_is_nan_as_the_value():
    partial = sympy.Piecewise((w**2, w > 1), (w, w > -1))
    value, slope = symopt.compile(partial, w)(w=-3.0)
    assert np.isnan(value) and np.isnan(slope)
    assert symopt.compile(partial, w)(w=0.5) == (0.5, 1.0)


def test_an_elementwise_signed_square_root_of_a_matrix():
    X = symopt.Placeholder("X", (None, 1))
    W = symopt.Variable("W", 1.0, shape=(1, 1))
    cost = symopt.ops.sum((X @ W).applyfunc(lambda t: sympy.Piecewise((sympy.sqrt(t), t >= 0), (-sympy.sqrt(-t), True))))
    x = np.array([[1.0], [4.0], [-4.0]])
    with np.errstate(invalid="ignore"):
        value, slope = symopt.compile(cost, W)(W=np.array([[1.0]]), X=x)
    signed = lambda v: float(np.sum(np.sign(x * v) * np.sqrt(np.abs(x * v))))  # noqa: E731
    assert np.isclose(value, signed(1.0))
    np.testing.assert_allclose(slope, [[central_difference(signed, [np.array(1.0)], 0)]], rtol=1e-6)


def test_minimize_and_explain_see_a_finite_slope():
    cost = (SIGNED_SQRT - 2) ** 2
    result = symopt.minimize(cost, {w: 1.0}, steps=2000, optimizer=symopt.GradientDescent(0.5))
    assert np.isclose(result.params[w], 4.0, atol=1e-6)
    assert str(symopt.explain(cost, w, at={w: 1.0})).splitlines()[1] == "  w: fine: dJ/dw = -1"  # hand: 2(√1 - 2)/(2√1)


def test_an_entry_of_a_matrix_variable_inside_a_piecewise():
    """review1 F11: a Piecewise of W[0, 0] kept the masked sum (NaN); oracle: central differences."""
    W = symopt.Variable("W", np.ones((2, 1)))
    entry = W[0, 0]
    cost = (sympy.Piecewise((sympy.sqrt(entry), entry >= 0), (-sympy.sqrt(-entry), True)) - 2) ** 2 + W[1, 0] ** 2
    with np.errstate(invalid="ignore"):
        value, slope = symopt.compile(cost, W)(W=np.array([[1.0], [1.0]]))

    def by_hand(m):
        return float((np.sign(m[0, 0]) * np.sqrt(abs(m[0, 0])) - 2) ** 2 + m[1, 0] ** 2)

    assert np.isclose(value, by_hand(np.ones((2, 1))))
    np.testing.assert_allclose(slope, central_difference(by_hand, [np.ones((2, 1))], 0), rtol=1e-6)


def test_a_target_that_is_an_expression_inside_a_piecewise_gets_its_adjoint():
    """review1 F1: adjoints() sent the selected derivative only to Symbols inside the Piecewise: an expression target
    (as derive's backward steps ask for) got 0."""
    from symopt.calculus import adjoints
    b = symopt.Variable("b", 2.0)
    inner = sympy.sin(b)
    found = adjoints(sympy.Piecewise((3 * inner**2, b > 0), (inner, True)), [inner, b])
    assert sympy.simplify(found[inner] - sympy.Piecewise((6 * inner, b > 0), (1, True))) == 0
    assert np.isclose(float(found[b].subs(b, 2.0)), 6 * np.sin(2.0) * np.cos(2.0))
    assert np.isclose(float(found[b].subs(b, -1.0)), np.cos(-1.0))
