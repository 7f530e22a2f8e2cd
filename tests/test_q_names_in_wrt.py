"""A name in ``wrt`` means the cost's symbol of that name in hessian, hvp, jacobian, newton_update, the Hessian
eigenvalue helpers and bounds=, as it does in grad (probe P6: hessian/jacobian by name were an all-zero matrix)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, NoGradientError
from symopt.second_order import hessian_eigenvalues, newton_update, stable_step_size

a, b = sympy.symbols("a b")
p, q = symopt.Variable("p", 0.0), symopt.Variable("q", 0.0)
X = symopt.Variable("X", np.arange(12.0).reshape(4, 3))
th = symopt.Variable("th", 0.0, shape=(3, 1))


def test_hessian_by_name_is_sympys_hessian():
    assert symopt.hessian(sympy.exp(a * b), ["a", "b"]) == sympy.hessian(sympy.exp(a * b), (a, b))
    assert symopt.hessian(a ** 3, "a") == sympy.Matrix([[6 * a]])
    assert symopt.hessian(sympy.exp(p * q), ("p", q)) == symopt.hessian(sympy.exp(p * q), [p, q])
    assert symopt.hessian(sympy.exp(p * q), ["p", "q"]) != sympy.zeros(2, 2)
    assert symopt.hessian(p * q ** 2, {p: 1.0, "q": 2.0}) == sympy.Matrix([[0, 2 * q], [2 * q, 2 * p]])  # as grad


def test_a_matrix_parameter_by_name():
    cost = ops.sum(ops.square(X @ th))
    assert symopt.hessian(cost, "th") == symopt.hessian(cost, th)
    v = np.array([[1.0], [-2.0], [0.5]])
    np.testing.assert_allclose(symopt.hvp(cost, "th")(v, {}), 2 * X.init.T @ X.init @ v)
    assert symopt.jacobian(X @ th, "th") == symopt.jacobian(X @ th, th)


def test_jacobian_of_scalar_outputs_by_name():
    assert symopt.jacobian([p * q, p + q], ["p", "q"]) == sympy.Matrix([[q, p], [1, 1]])


def test_newton_update_by_name_is_the_update_by_symbol():
    assert str(newton_update((p - 3) ** 2, "p")) == str(newton_update((p - 3) ** 2, p)) == "p <- p - (p - 3)"
    assert newton_update(p ** 2 + 3 * q ** 2 - p, ["p", "q"]).solved() == ((p, sympy.Rational(1, 2)), (q, 0))


def test_eigenvalue_helpers_take_names_in_wrt_and_values():
    cost = p ** 2 + 3 * q ** 2
    np.testing.assert_allclose(hessian_eigenvalues(cost, ["p", "q"], {p: 0.0, q: 0.0}), [2.0, 6.0])
    np.testing.assert_allclose(hessian_eigenvalues(cost, [p, q], {"p": 0.0, "q": 0.0}), [2.0, 6.0])
    assert stable_step_size(cost, ["p", "q"], {"p": 0.0, "q": 0.0}) == pytest.approx(1 / 3)


def test_bounds_by_name():
    assert symopt.minimize((p - 3) ** 2, [p], method="lbfgs", bounds={"p": (0, 1)})[p] == pytest.approx(1.0)


def test_an_unknown_or_ambiguous_name_is_refused():
    with pytest.raises(NoGradientError, match="wrt names 'z', but the cost has no symbol of that name"):
        symopt.hessian(p ** 2, "z")
    twin = symopt.Variable("p", 1.0)
    with pytest.raises(ConfigurationError, match="2 different symbols of that name"):
        symopt.hessian(p * twin, "p")
    with pytest.raises(NoGradientError, match="no symbol of that name"):
        symopt.jacobian([p * q], ["r"])
