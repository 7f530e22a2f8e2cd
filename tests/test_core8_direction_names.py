"""probe12 V4: hvp named its direction ``v_<parameter>`` (a real Symbol, or a MatrixSymbol of the parameter's shape)
and jacobian its pulled-back direction ``u``: a user's own symbol of that name was taken for the direction, so hvp
silently ignored its data (d²(v_a·a⁴)/da² · 1 gave 12a²·1 instead of 12·v_a·a²) and jacobian refused a valid
Jacobian.  The directions now take a name no symbol of the cost has."""

import numpy as np
import sympy

import symopt

a, v_a = sympy.symbols("a v_a", real=True)


def test_hvp_keeps_data_named_like_its_direction():
    product = symopt.hvp(v_a * a**4, [a])
    oracle = float(sympy.diff(v_a * a**4, a, 2).subs({a: 2, v_a: 3}))  # 144
    assert float(product(np.array([1.0]), {a: 2.0, v_a: 3.0})[0]) == oracle
    assert v_a in product.inputs and v_a not in product.directions


def test_hvp_of_a_vector_parameter_keeps_its_data():
    theta = symopt.Variable("th", np.zeros((2, 1)))
    data = sympy.MatrixSymbol("v_th", 2, 1)
    cost = symopt.ops.sum(data.T * theta) ** 2  # Hessian 2·v·vᵀ
    v = np.array([[2.0], [3.0]])
    direction = np.array([[1.0], [0.0]])
    got = symopt.hvp(cost, [theta])(direction, {theta: np.ones((2, 1)), data: v})
    np.testing.assert_allclose(got, 2 * v @ v.T @ direction)


def test_jacobian_with_a_users_u():
    A = sympy.MatrixSymbol("A", 3, 3)
    u = sympy.MatrixSymbol("u", 3, 1)
    w = symopt.Variable("w", np.zeros(3))
    assert symopt.jacobian((A + u * u.T) * w, w) == A + u * u.T


def test_two_directions_never_take_one_name():
    """review2 F3: ``a`` beside data ``v_a`` got ``v_a_1``, and so did the parameter ``a_1``: the generated code
    had the argument twice (a raw SyntaxError)."""
    a_1 = sympy.Symbol("a_1", real=True)
    cost = v_a * a**4 + a**2 * a_1**2
    product = symopt.hvp(cost, [a, a_1])
    assert len({str(v) for v in product.directions}) == 2
    point = {a: 1.5, a_1: -0.5, v_a: 2.0}
    oracle = np.array(sympy.hessian(cost, [a, a_1]).subs(point), dtype=float) @ np.array([0.3, 0.7])
    np.testing.assert_allclose(product(np.array([0.3, 0.7]), point), oracle, rtol=1e-12)
