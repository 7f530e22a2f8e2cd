"""P87-4: a power times an extreme constant (SymPy's ``(x/1e20)**2 -> 1e-40*x**2``) is computed from the scaled
base, so the power does not overflow (float32) or the folded constant underflow (float64) where the result is an
ordinary number.  Oracles: JAX (float32 / float64 with JAX_ENABLE_X64=1, jax 0.x on CPU) of the expressions as
written, and hand arithmetic."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops


def gaussian_weight_cost(w, x):
    return (w - 2)**2 * sympy.exp(-(x / sympy.Float(1e20))**2)


def test_float32_scaled_square_keeps_value_and_slope():
    w = symopt.Variable("w", 1.0, dtype="float32")
    x = symopt.Placeholder("x", dtype="float32")
    value, slope = symopt.compile(gaussian_weight_cost(w, x), w)(w=np.float32(1.0), x=np.float32(1e20))
    # JAX float32: (w-2)**2*jnp.exp(-(x/jnp.float32(1e20))**2) at w=1, x=1e20 -> 0.36787945, grad -0.7357589
    assert value == pytest.approx(0.36787945, rel=1e-6)
    assert slope == pytest.approx(-0.7357589, rel=1e-6)


def test_float32_minimize_finds_the_true_minimum():
    w = symopt.Variable("w", 1.0, dtype="float32")
    x = symopt.Placeholder("x", dtype="float32")
    result = symopt.minimize(gaussian_weight_cost(w, x), w, data={x: np.float32(1e20)}, steps=200,
                             optimizer=symopt.GradientDescent(0.5))
    assert result[w] == pytest.approx(2.0, abs=1e-5)  # the minimum of (w-2)**2 times a positive weight


def test_float32_matrix_applyfunc_matches_the_written_division():
    X = symopt.Placeholder("X", (None, 1), dtype="float32")
    w = symopt.Variable("w", 1.0, dtype="float32")
    cost = ops.sum(X.applyfunc(lambda t: (w - 2)**2 * sympy.exp(-(t / sympy.Float(1e20))**2)))
    value, slope = symopt.compile(cost, w)(w=np.float32(1.0), X=np.full((2, 1), 1e20, np.float32))
    # JAX float32: jnp.sum((w-2)**2*jnp.exp(-(X/jnp.float32(1e20))**2)) -> 0.7357589, grad -1.4715178
    assert value == pytest.approx(0.7357589, rel=1e-6)
    assert slope == pytest.approx(-1.4715178, rel=1e-6)


@pytest.mark.parametrize("cost, at, expected", [
    # jax.grad(lambda w: jnp.arctan(1e-200*w)) at 1e200 -> 5e-201 (by hand 1e-200/(1 + 1)); at 1.4e154 -> 1e-200
    (lambda w: sympy.atan(sympy.Float(1e-200) * w), 1e200, 5e-201),
    (lambda w: sympy.atan(sympy.Float(1e-200) * w), 1.4e154, 1e-200),
    # jax.grad(lambda w: jss.erf(1e-160*w))(1e158) -> 1.128e-160; by hand 2/sqrt(pi)*1e-160*exp(-1e-4)
    (lambda w: sympy.erf(sympy.Float(1e-160) * w), 1e158, 2 / np.sqrt(np.pi) * 1e-160 * np.exp(-1e-4)),
    # jax.grad(lambda w: jnp.log(1+(1e-160*w)**2))(5e159) -> 8e-161 (by hand 2*0.5*1e-160/1.25)
    (lambda w: sympy.log(1 + (sympy.Float(1e-160) * w)**2), 5e159, 8e-161),
])
def test_float64_slopes_at_absurd_scales(cost, at, expected):
    w = symopt.Variable("w", 1.0)
    _, slope = symopt.compile(cost(w), w)(w=at)
    assert slope == pytest.approx(expected, rel=1e-4)


def test_float64_value_of_a_tiny_scaled_square():
    w = symopt.Variable("w", 1.0)
    value, _ = symopt.compile(sympy.log(1 + (sympy.Float(1e-160) * w)**2), w)(w=5e159)
    assert value == pytest.approx(np.log(1.25), rel=1e-12)  # JAX x64: 0.22314355 = log(1 + 0.5**2)


def test_ordinary_constant_prints_as_before():
    w = symopt.Variable("w", 1.0)
    assert "0.001*(w*w)" in symopt.compile(sympy.Float(1e-3) * w**2 + sympy.sin(w), w, backend="numpy").source
