"""Entries of explicit matrices in gradients and Hessians are scalar expressions, and second-order methods run on a
cost over an explicit matrix of residuals (probe57 P57-11).

Oracle: sympy.hessian / sympy.diff of (w-1)**2 + (w*b)**2, the same cost written as a scalar formula."""

import numpy as np
import pytest
import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

import symopt
from symopt import ops

w = symopt.Variable("w", 0.5)
b = symopt.Variable("b", 0.2)
ws, bs = sympy.symbols("w b", real=True)
FORMULA = (ws - 1) ** 2 + (ws * bs) ** 2


@pytest.mark.parametrize("kind", [sympy.Matrix, sympy.ImmutableMatrix])
def test_hessian_is_the_formula_hessian(kind):
    hessian = symopt.hessian(ops.sum(ops.square(kind([w - 1, w * b]))), [w, b])
    assert sympy.Matrix(hessian) == sympy.hessian(FORMULA, (ws, bs)).subs({ws: w, bs: b})


def test_hvp_is_the_formula_hessian_times_the_direction():
    product = symopt.hvp(ops.sum(ops.square(sympy.Matrix([w - 1, w * b]))), [w, b])
    direction = np.array([0.3, -0.7])
    expected = np.array(sympy.hessian(FORMULA, (ws, bs)).subs({ws: 1.0, bs: 2.0}), dtype=float) @ direction
    assert np.allclose(np.ravel(product(direction, {w: 1.0, b: 2.0})), expected)


@pytest.mark.parametrize("method", ["newton", "trust-ncg", "newton-cg"])
def test_second_order_methods_reach_the_minimum(method):
    result = symopt.minimize(ops.sum(ops.square(sympy.Matrix([w - 1, w * b]))), [w, b], method=method)
    assert float(result.params[w]) == pytest.approx(1.0, abs=1e-6)
    assert float(result.params[b]) == pytest.approx(0.0, abs=1e-6)


def test_an_entry_of_an_explicit_product_compiles():
    entry = MatrixElement(sympy.MatMul(2, sympy.ImmutableMatrix([w - 1, w * b])), 1, 0)  # 2*w*b, unevaluated
    value, gradient = symopt.compile(entry ** 2, [w, b])(w=1.0, b=2.0)
    formula = (2 * ws * bs) ** 2
    assert float(value) == float(formula.subs({ws: 1.0, bs: 2.0}))
    assert [float(g) for g in gradient] == [float(sympy.diff(formula, s).subs({ws: 1.0, bs: 2.0})) for s in (ws, bs)]


def test_a_scalar_program_that_maps_an_explicit_matrix_runs_on_numpy():
    """Its gradients hold no matrix, but the cost maps one: math.exp of an array raised."""
    value, gradient = symopt.compile(ops.sum(ops.exp(sympy.ImmutableMatrix([2, 3]))) * w, w)(w=1.0)
    expected = float(sympy.exp(2) + sympy.exp(3))  # d/dw (e² + e³) w
    assert float(value) == pytest.approx(expected) and float(gradient) == pytest.approx(expected)
