"""Derivative rules for the SymPy people write (issues 8 and 14), each against finite differences.

Every construct compiles on both backends (``math`` for float64 scalar costs, NumPy otherwise) and
its gradient is compared with central differences of the compiled cost; JAX (float64) checks the
silent-zero regressions where it is installed.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.calculus import local_derivative
from symopt.errors import ShapeError, UnsupportedOperationError
from symopt.nodes import ElementSum, power

from test_gradients import check_against_sympy_diff, check_gradient

w = symopt.Variable("w", 0.7)
v = symopt.Variable("v", -0.4)
a = symopt.Variable("a", 0.3)
X = symopt.Placeholder("X", (None, 3))
W = symopt.Variable("W", 0.0, shape=(3, 2))
S = symopt.Variable("S", 0.0, shape=(3, 3))

RNG = np.random.default_rng(8)
DATA = {X: RNG.normal(size=(5, 3))}
W0 = RNG.normal(size=(3, 2))


# ---------------------------------------------------------------- silent zeros (the oracle's list)

def test_prelu_slope_gets_its_gradient():
    """d/da sum(leaky_relu(XW, a)) = sum(min(XW, 0)); it was 0 (the slope never moved)."""
    cost = ops.sum(ops.leaky_relu(X * W, a))
    _, (gradient_w, gradient_a) = check_gradient(cost, {W: W0, a: 0.3}, DATA)
    z = DATA[X] @ W0
    assert gradient_a == pytest.approx(np.minimum(z, 0).sum(), rel=1e-12)
    assert np.min(z) < 0  # the expected value is not zero


def test_scalar_variable_inside_applyfunc_gets_its_gradient():
    cost = ops.sum((X * W).applyfunc(lambda x: sympy.exp(a * x)))
    _, (_, gradient_a) = check_gradient(cost, {W: W0, a: 0.3}, DATA)
    z = DATA[X] @ W0
    assert gradient_a == pytest.approx((z * np.exp(0.3 * z)).sum(), rel=1e-12)


def test_variable_exponent_of_elementwise_power_gets_its_gradient():
    positive = np.abs(W0) + 0.5
    _, (_, gradient_p) = check_gradient(ops.sum(power(W, a)), {W: positive, a: 0.3})
    assert gradient_p == pytest.approx((positive ** 0.3 * np.log(positive)).sum(), rel=1e-12)


def test_square_matrix_product_is_matpow_and_differentiates():
    assert isinstance(S * S, sympy.MatPow)
    check_gradient(ops.sum(ops.tanh(S * S * S)) + ops.sum(S * S), {S: RNG.normal(size=(3, 3))})


def test_matpow_with_a_negative_exponent_is_refused():
    with pytest.raises(UnsupportedOperationError, match="positive integer exponent"):
        symopt.grad(ops.sum(S ** -1), S)


def test_silent_zeros_agree_with_jax():
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)
    jnp = jax.numpy
    x = DATA[X]

    def reference(weights, slope):
        z = x @ weights
        return jnp.sum(jnp.where(z > 0, z, slope * z)) + jnp.sum(jnp.exp(slope * z)) + jnp.sum(jnp.abs(weights) ** slope)

    cost = ops.sum(ops.leaky_relu(X * W, a)) + ops.sum((X * W).applyfunc(lambda t: sympy.exp(a * t))) \
        + ops.sum(power(ops.abs(W), a))
    _, (gradient_w, gradient_a) = symopt.compile(cost, [W, a])(W=W0, a=0.3, X=x)
    expected_w, expected_a = jax.grad(reference, argnums=(0, 1))(W0, 0.3)
    np.testing.assert_allclose(gradient_w, expected_w, rtol=1e-10)
    assert gradient_a == pytest.approx(float(expected_a), rel=1e-10)


# ---------------------------------------------------------------- functions of matrices are elementwise

@pytest.mark.parametrize("function", [sympy.tanh, sympy.exp, sympy.log, symopt.sigmoid, symopt.softplus, sympy.sin])
def test_scalar_function_of_a_matrix_is_elementwise(function):
    positive = {W: np.abs(W0) + 0.5}
    cost = ElementSum(function(W))
    _, (gradient,) = check_gradient(cost, positive)
    elementwise = ops.sum(symopt.nodes.elementwise(function, W))
    np.testing.assert_allclose(gradient, symopt.compile(elementwise, W)(W=positive[W])[1], rtol=1e-14)


def test_unreduced_function_of_a_matrix_is_refused_as_a_non_scalar_cost():
    with pytest.raises(ShapeError, match=r"shape \(m, 2\).*ops.sum"):
        symopt.grad(sympy.tanh(X * W), W)


# ---------------------------------------------------------------- kinks and ties (TF1's conventions)

@pytest.mark.parametrize("backend_dtype", ["float64", "float32"])
def test_max_min_ties_follow_tf1(backend_dtype):
    """tf.maximum(w, c) passes the gradient where w >= c; tf.minimum(w, c) where w <= c."""
    f = symopt.compile(sympy.Max(w, 2) + 3 * sympy.Min(w, 2), w, dtype=backend_dtype)
    assert float(f(w=2.0)[1]) == 4.0
    assert float(f(w=1.0)[1]) == 3.0
    assert float(f(w=3.0)[1]) == 1.0


def test_max_tie_between_variables_goes_to_one_argument():
    f = symopt.compile(sympy.Max(w, v), [w, v])
    assert sorted(map(float, f(w=1.0, v=1.0)[1])) == [0.0, 1.0]


def test_piecewise_is_branchwise_on_both_backends():
    cost = sympy.Piecewise((w ** 2, w > 1), (sympy.sin(w) * v, v < 0), (w + v, True))
    for point, expected in [((2.0, 5.0), (4.0, 0.0)), ((0.5, -1.0), (np.cos(0.5) * -1.0, np.sin(0.5))),
                            ((0.5, 1.0), (1.0, 1.0))]:
        for dtype in ("float64", "float32"):
            _, gradient = symopt.compile(cost, [w, v], dtype=dtype)(w=point[0], v=point[1])
            np.testing.assert_allclose(np.array(gradient, dtype=float), expected, rtol=1e-6)
    check_gradient(cost, {w: 0.5, v: -1.0})


def test_piecewise_mask_keeps_float32():
    f = symopt.compile(ops.sum(W.applyfunc(lambda t: sympy.Piecewise((t ** 2, t > 0), (0, True)))), W, dtype="float32")
    value, gradient = f(W=W0.astype(np.float32))
    assert gradient.dtype == np.float32 and np.asarray(value).dtype == np.float32
    np.testing.assert_allclose(gradient, np.where(W0 > 0, 2 * W0, 0), rtol=1e-6)


def test_floor_inside_applyfunc_is_zero_almost_everywhere():
    f = symopt.compile(ops.sum(W.applyfunc(lambda t: sympy.floor(t) * t)), W)
    _, gradient = f(W=W0)
    np.testing.assert_array_equal(gradient, np.floor(W0))


def test_max_inside_applyfunc_compiles():
    """Issue 14: it compiled, then raised NameError: name 'functools' is not defined."""
    f = symopt.compile(ops.sum(W.applyfunc(lambda t: sympy.Max(t, 0))), W)
    value, gradient = f(W=W0)
    assert value == pytest.approx(np.maximum(W0, 0).sum())
    np.testing.assert_array_equal(gradient, (W0 >= 0).astype(float))


# ---------------------------------------------------------------- refused with a clear message

@pytest.mark.parametrize("cost, name", [
    (sympy.loggamma(w), "loggamma"),
    (sympy.DiracDelta(w), "DiracDelta"),
    (sympy.polygamma(0, w), "polygamma"),
    (sympy.gamma(w) + w, "gamma"),
    (ops.sum(W.applyfunc(sympy.loggamma)), "loggamma"),
])
def test_unsupported_functions_are_named_with_what_is_supported(cost, name):
    for call in (lambda: symopt.grad(cost, [w, W]), lambda: symopt.compile(cost, [w, W])):
        with pytest.raises(UnsupportedOperationError) as info:
            call()
        message = str(info.value)
        assert f"no derivative rule for {name}" in message
        assert "Max" in message and "sigmoid" in message and "docs/functions.md" in message
        assert "strict" not in message


def test_value_of_unsupported_function_on_arrays_names_it():
    with pytest.raises(UnsupportedOperationError, match="no code printer for loggamma.*numpy"):
        symopt.evaluate(ops.sum(W.applyfunc(sympy.loggamma)), {W: np.abs(W0)})


@pytest.mark.parametrize("cost", [sympy.exp(sympy.I * w), (w + sympy.I) ** 2, sympy.sqrt(-1) * w])
def test_complex_costs_are_refused(cost):
    with pytest.raises(UnsupportedOperationError, match="imaginary unit"):
        symopt.compile(cost, w)


# ---------------------------------------------------------------- local_derivative: the display's rule set

@pytest.mark.parametrize("expression, expected", [
    (sympy.Max(w, 0) ** 2, 2 * sympy.Max(0, w) * sympy.Piecewise((1, w >= 0), (0, True))),
    (symopt.sigmoid(w * v), v * symopt.sigmoid(w * v) * (1 - symopt.sigmoid(w * v))),
    (sympy.Abs(w), sympy.sign(w)),
])
def test_local_derivative_uses_the_rule_table(expression, expected):
    assert sympy.simplify(local_derivative(expression, w) - expected) == 0


def test_local_derivative_refuses_what_grad_refuses():
    with pytest.raises(UnsupportedOperationError, match="loggamma"):
        local_derivative(sympy.loggamma(w), w)


def test_new_rules_match_sympy_diff_away_from_kinks():
    check_against_sympy_diff(sympy.Max(w, v) * sympy.Min(w, 3 * v) + sympy.erf(w) + sympy.atan2(v, w), {w: 0.7, v: -0.4})
