"""probe41 P41-8 and the Newton-update display: the Hessian of the quadratic form written ``x.T @ A @ x`` is the
closed matrix ``(A + A.T)/2`` (``2*I`` for ``x.T @ x``; the zero matrix for a linear cost), and newton_update writes
its step; ``θ - step`` prints with ``θ`` first and no ``- (-1)*`` / ``- -``.  Oracles: (A + Aᵀ)/2 by hand and central
differences of the gradient; sympy.hessian(...).inv() times the gradient for the printed steps."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import SingularHessianError, UnsupportedOperationError
from symopt.hessian import evaluate_hessian
from symopt.second_order import newton_update

x = symopt.Variable("x", np.zeros(3))
A, b = symopt.Placeholder("A", (3, 3)), symopt.Placeholder("b", (3, 1))
RNG = np.random.default_rng(1)
A_DATA, B_DATA, POINT = RNG.normal(size=(3, 3)), RNG.normal(size=(3, 1)), RNG.normal(size=3)


def _central_differences(cost, values):
    gradient = symopt.grad(cost, x)
    columns = []
    for k in range(3):
        step = np.eye(3)[k] * 1e-6
        plus, minus = ({**values, x: POINT + s} for s in (step, -step))
        columns.append((np.ravel(symopt.evaluate(gradient, plus)) - np.ravel(symopt.evaluate(gradient, minus))) / 2e-6)
    return np.column_stack(columns)


@pytest.mark.parametrize("name", ["half quadratic", "x.T @ x", "x.T @ (A @ x)"])
def test_the_quadratic_form_has_its_closed_matrix(name):
    cost, shown, expected = {
        "half quadratic": ((x.T @ A @ x) / 2 - b.T @ x, "(1/2)*A + (1/2)*A.T", (A_DATA + A_DATA.T) / 2),
        "x.T @ x": (x.T @ x, "2*I", 2 * np.eye(3)),
        "x.T @ (A @ x)": (x.T @ (A @ x), "A + A.T", A_DATA + A_DATA.T)}[name]
    matrix = symopt.hessian(cost, x)
    assert isinstance(matrix, sympy.MatrixExpr) and str(matrix) == shown
    values = {k: v for k, v in {A: A_DATA, b: B_DATA}.items() if cost.has(k)}
    computed = evaluate_hessian(cost, [x], {**values, x: POINT})
    np.testing.assert_allclose(computed, expected, rtol=0, atol=1e-15)
    np.testing.assert_allclose(computed, _central_differences(cost, values), atol=1e-8)


def test_newton_update_writes_the_quadratic_forms_step():
    update = newton_update((x.T @ A @ x) / 2 - b.T @ x, x)
    assert str(update) == "x <- x - ((1/2)*A + (1/2)*A.T)**(-1)*((1/2)*A*x - b + (1/2)*A.T*x)"
    assert update.latex().splitlines()[-2] == (
        r"x &\leftarrow x - \left(\left(\frac{1}{2}\right) A + \left(\frac{1}{2}\right) A^{T}\right)^{-1} "
        r"\left(\left(\frac{1}{2}\right) A x - b + \left(\frac{1}{2}\right) A^{T} x\right)")
    assert str(newton_update(x.T @ x, x)) == "x <- 0"  # x - (2I)⁻¹ 2x: the minimum in one step


def test_a_cost_linear_in_a_vector_has_no_newton_step_and_a_logistic_loss_no_closed_form():
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    assert isinstance(symopt.hessian(ops.sum(X @ x), x), sympy.ZeroMatrix)
    with pytest.raises(SingularHessianError, match=r"given the zero matrix \(3, 3\).*no curvature in x"):
        newton_update(ops.sum(X @ x), x)
    with pytest.raises(UnsupportedOperationError) as caught:
        newton_update(ops.sigmoid_cross_entropy(X @ x, y), x)
    assert "no closed matrix form" not in str(caught.value)
    assert "v sits inside an elementwise product" in str(caught.value)


def test_a_step_with_a_negative_factor_prints_as_a_sum():
    p, q = symopt.Variable("p", 1.0), symopt.Variable("q", 1.0)
    rosenbrock = (1 - p) ** 2 + 100 * (q - p ** 2) ** 2
    update = newton_update(rosenbrock, [p, q])
    assert str(update).splitlines() == [
        "p <- p - (p - 1)/(200*p**2 - 200*q + 1)",
        "q <- q + (200*p**4 - 400*p**2*q - p**2 + 2*p + 200*q**2 - q)/(200*p**2 - 200*q + 1)"]
    assert update.latex().splitlines()[-2] == (
        r"q &\leftarrow q + \frac{200 p^{4} - 400 p^{2} q - p^{2} + 200 q^{2} + 2 p - q}{200 p^{2} - 200 q + 1}")
    exact = sympy.Matrix([p, q]) - sympy.hessian(rosenbrock, [p, q]).inv() * sympy.Matrix(
        [sympy.diff(rosenbrock, s) for s in (p, q)])
    assert all(sympy.simplify(e - expected) == 0 for (_, e), expected in zip(update.assignments, exact))
    assert str(newton_update(p ** 4, p)) == "p <- p - p/3"  # as the LaTeX, p - \frac{p}{3}
