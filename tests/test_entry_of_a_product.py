"""The entry ``[0, 0]`` of a 1 x 1 product (the quadratic form :math:`x^\\top A x` a SymPy user writes as
``(x.T @ A @ x)[0, 0]``) stays one matrix expression; SymPy expanded it into its :math:`n^2` products of
entries (a 50 x 50 form took over a minute to compile into thousands of lines)."""

import numpy as np
import pytest
import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

import symopt

N = 200
rng = np.random.default_rng(5)
A_VALUE, X_VALUE = rng.normal(size=(N, N)), rng.normal(size=(N, 1))
A = symopt.Variable("A_form", A_VALUE, shape=(N, N))
x = symopt.Placeholder("x_form", (N, 1))
y = symopt.Variable("y_form", X_VALUE, shape=(N, 1))


@pytest.mark.parametrize("key", [(0, 0), (-1, -1), (np.int64(0), sympy.Integer(0))])
def test_the_entry_of_a_quadratic_form_is_not_expanded(key):
    entry = (x.T @ A @ x)[key]
    assert isinstance(entry, MatrixElement) and entry.args[0] == x.T @ A @ x
    f = symopt.compile(entry, A)
    assert f.source == ("def value_and_grad(A_form, x_form):\n"
                        "    return (x_form.T @ A_form @ x_form)[0, 0], (x_form @ x_form.T,)\n")
    value, gradient = f({A: A_VALUE, x: X_VALUE})
    assert value == pytest.approx((X_VALUE.T @ A_VALUE @ X_VALUE)[0, 0], rel=1e-12)
    np.testing.assert_allclose(gradient, X_VALUE @ X_VALUE.T, rtol=1e-12)


def test_a_function_of_the_entry_against_central_differences():
    cost = sympy.sqrt((y.T @ y)[0, 0]) + (y.T @ A @ y)[0, 0] ** 2 / N ** 3
    (dA, dy) = symopt.compile(cost, [A, y])({A: A_VALUE, y: X_VALUE})[1]
    form = (X_VALUE.T @ A_VALUE @ X_VALUE)[0, 0]
    np.testing.assert_allclose(dA, 2 * form / N ** 3 * X_VALUE @ X_VALUE.T, rtol=1e-10)
    expected = X_VALUE / np.linalg.norm(X_VALUE) + 2 * form / N ** 3 * (A_VALUE + A_VALUE.T) @ X_VALUE
    np.testing.assert_allclose(dy, expected, rtol=1e-10)


def test_other_entries_keep_sympys_meaning():
    W = symopt.Variable("W_form", 0.0, shape=(2, 3))
    V = symopt.Variable("V_form", 0.0, shape=(3, 2))
    assert not isinstance((W @ V)[0, 1], MatrixElement)  # a sum of three products, as SymPy writes it
    assert y[0, 0] == MatrixElement(y, 0, 0)
    with pytest.raises(symopt.errors.IndexingError):
        (x.T @ A @ x)[0, 1]


def test_the_derivation_names_the_form_once():
    q = symopt.Variable("q", np.ones((2, 1)), shape=(2, 1))
    S = symopt.Variable("S", np.eye(2), shape=(2, 2))
    lines = str(symopt.derive((q.T @ S @ q)[0, 0], S)).splitlines()
    assert lines[:3] == ["forward", "  u = qᵀSq", "  J = u[0,0]"]
    assert lines[-1] == "  dJ/dS = qqᵀ"
