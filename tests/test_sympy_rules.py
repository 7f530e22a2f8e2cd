"""Derivative rules for the SymPy people write (issues 8 and 14), each against finite differences.

Every construct compiles on both backends (``math`` for float64 scalar costs, NumPy otherwise) and
its gradient is compared with central differences of the compiled cost; JAX (float64) checks the
silent-zero regressions where it is installed.
"""

from __future__ import annotations

import math

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


def test_square_matrix_product_differentiates():
    """``S @ S`` stays a product (symopt's operators), and a ``MatPow`` built directly has a rule too."""
    check_gradient(ops.sum(sympy.MatPow(S, 2)), {S: RNG.normal(size=(3, 3))})
    check_gradient(ops.sum(ops.tanh(S * S * S)) + ops.sum(S * S), {S: RNG.normal(size=(3, 3))})


def test_matpow_with_a_negative_exponent_other_than_minus_one_is_refused():
    with pytest.raises(ShapeError, match="positive integer exponents"):
        symopt.grad(ops.sum(S ** -2), S)
    assert isinstance(S ** -1, sympy.Inverse)  # the inverse: its rule is checked in test_inverse_rule.py


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
def test_scalar_function_of_a_whole_matrix_is_refused_with_the_elementwise_op(function):
    """SymPy applies ``tanh`` to the matrix as a whole: refused, naming ``symopt.ops.<name>`` (the fix)."""
    with pytest.raises(ShapeError, match=r"symopt\.ops\."):
        symopt.compile(ElementSum(function(W)), W)
    positive = {W: np.abs(W0) + 0.5}
    elementwise = ops.sum(symopt.nodes.elementwise(function, W))
    _, (gradient,) = check_gradient(elementwise, positive)
    assert np.all(np.isfinite(gradient))


def test_unreduced_function_of_a_matrix_is_refused_as_a_non_scalar_cost():
    with pytest.raises(ShapeError, match=r"shape \(m, 2\).*ops.tanh.*ops.sum"):
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


@pytest.mark.parametrize("cost", [ops.sum(W.applyfunc(sympy.floor) + W), ops.sum(W.applyfunc(lambda t: sympy.floor(t) + t)),
                                  ops.sum(W.applyfunc(sympy.ceiling)) + ops.sum(W)],
                         ids=["applyfunc(floor) + W", "applyfunc(floor(x) + x)", "applyfunc(ceiling)"])
def test_applyfunc_of_floor_has_the_gradient_of_its_smooth_part(cost):
    """Issue 14: applyfunc(floor) raised 'no derivative rule for Add'."""
    _, gradient = symopt.compile(cost, W)(W=W0 + 0.01)
    np.testing.assert_array_equal(gradient, np.ones_like(W0))


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
    wrt = [s for s in (w, W) if cost.has(s)]
    for call in (lambda: symopt.grad(cost, wrt), lambda: symopt.compile(cost, wrt)):
        with pytest.raises(UnsupportedOperationError) as info:
            call()
        message = str(info.value)
        assert f"no derivative rule for {name}" in message
        assert "Max" in message and "sigmoid" in message and "docs/functions.md" in message
        assert "strict" not in message


def test_value_of_loggamma_on_arrays_is_math_lgamma_entry_by_entry():
    """A value needs no derivative rule: NumPy has no log-gamma, symopt.runtime's is math.lgamma per entry."""
    value = symopt.evaluate(ops.sum(W.applyfunc(sympy.loggamma)), {W: np.abs(W0)})
    assert value == pytest.approx(sum(math.lgamma(x) for x in np.abs(W0).ravel()), rel=1e-15)


@pytest.mark.parametrize("cost", [sympy.exp(sympy.I * w), (w + sympy.I) ** 2, sympy.sqrt(-1) * w])
def test_complex_costs_are_refused(cost):
    with pytest.raises(symopt.errors.ConfigurationError, match="real numbers"):
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


def test_power_of_a_one_by_one_matrix_is_the_power_of_its_entry():
    """SymPy folds sqrt(r @ q) of a (1, 1) product into MatPow(r @ q, 1/2)."""
    r = symopt.Variable("r", 0.0, shape=(1, 3))
    q = symopt.Variable("q", 0.0, shape=(3, 1))
    cost = sympy.sqrt(r * q)
    assert isinstance(cost, sympy.MatPow)
    check_gradient(cost, {r: np.array([[1.0, 2.0, 0.5]]), q: np.array([[1.0], [0.3], [2.0]])})


def test_local_derivative_gives_the_textbook_form():
    a_, y_ = sympy.symbols("a y", real=True)
    loss = -(y_ * sympy.log(a_) + (1 - y_) * sympy.log(1 - a_))
    assert local_derivative(loss, a_) == -y_ / a_ + (1 - y_) / (1 - a_)


def test_local_derivative_and_grad_agree_on_every_scalar_rule():
    from test_gradients import SCALAR_COSTS
    for name, (cost, params) in SCALAR_COSTS.items():
        at = {s: sympy.Float(value, 30) for s, value in params.items()}
        for symbol, gradient in zip(params, symopt.grad(cost, list(params))):
            forward = local_derivative(cost, symbol)
            assert float(forward.subs(at).evalf(20)) == pytest.approx(float(sympy.sympify(gradient).subs(at).evalf(20)),
                                                                        rel=1e-13, abs=1e-15), (name, symbol)


def test_rational_power_of_a_negative_number_is_never_complex():
    """Python's (-8.0)**(1/3) is complex; the math backend uses math.pow, which raises like math.sqrt(-1)."""
    import math
    function = symopt.compile(w ** sympy.Rational(1, 3), w)
    assert "math.pow" in function.source
    try:
        value = function(w=-8.0)[0]
    except ValueError:
        value = math.nan
    assert isinstance(value, float) and math.isnan(value)
    assert function(w=8.0)[0] == pytest.approx(2.0, rel=1e-15)


def test_new_scalar_rules_agree_with_jax_at_random_points():
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)
    jnp = jax.numpy
    cost = (sympy.Max(w, v, 0.3) * sympy.Min(w, 2 * v) + sympy.erf(w * v) + sympy.atan2(v, w + 2)
            + sympy.Piecewise((w ** 2, w > v), (sympy.sin(v), True)) + sympy.log(w ** 2 + 1, 3)
            + sympy.Abs(v) * sympy.sign(w) + (w ** 2 + 1) ** sympy.Rational(1, 3))

    def reference(x, y):
        return (jnp.maximum(jnp.maximum(x, y), 0.3) * jnp.minimum(x, 2 * y) + jax.scipy.special.erf(x * y)
                + jnp.arctan2(y, x + 2) + jnp.where(x > y, x ** 2, jnp.sin(y)) + jnp.log(x ** 2 + 1) / jnp.log(3)
                + jnp.abs(y) * jnp.sign(x) + (x ** 2 + 1) ** (1 / 3))

    function = symopt.compile(cost, [w, v])
    points = np.random.default_rng(14).uniform(-2, 2, size=(20, 2))
    values, gradients = jax.jit(jax.vmap(jax.value_and_grad(reference, argnums=(0, 1))))(points[:, 0], points[:, 1])
    for (x, y), expected_value, expected_x, expected_y in zip(points, values, *gradients):
        value, gradient = function(w=x, v=y)
        assert value == pytest.approx(float(expected_value), rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(gradient, [float(expected_x), float(expected_y)], rtol=1e-10, atol=1e-12)


def test_matrix_entry_inside_an_elementwise_body():
    """C[0, 0] inside the body: data is fine, a parameter there is refused, never a silent zero."""
    C = symopt.Placeholder("C", (2, 2))
    cost = ops.sum((X * W).applyfunc(lambda t: t * C[0, 0]))
    _, gradient = symopt.compile(cost, W)(W=W0, X=DATA[X], C=np.full((2, 2), 3.0))
    np.testing.assert_allclose(gradient, 3.0 * DATA[X].T @ np.ones((5, 2)), rtol=1e-12)
    with pytest.raises(UnsupportedOperationError, match="W inside"):
        symopt.grad(ops.sum(S.applyfunc(lambda t: t * W[0, 0])), W)
