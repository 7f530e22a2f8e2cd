"""Non-differentiable points and domain boundaries: what symopt gives there (docs/numerics.md).

Conventions (TensorFlow 1.x's): ``d|x|/dx = sign(x)`` with ``sign(0) = 0``; ``relu'(0) = 0``;
``leaky_relu'(0) = alpha`` (TF1's ``features > 0 ? 1 : alpha``).  At a boundary of a domain the
generated NumPy code gives what IEEE arithmetic gives (``sqrt'(0) = +inf``, ``log(0) = -inf``) with
NumPy's ``RuntimeWarning``; :func:`symopt.minimize` turns a non-finite cost into
:class:`symopt.errors.DivergenceError` naming the step.

The float64 scalar path (plain Python ``math``) raises at these points instead of returning
inf/NaN; that is reported as a bug and not tested here (see the report in docs/numerics.md).
Scalar float64 ``Abs``/``relu`` at 0 are already covered in tests/test_gradients.py.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError

DTYPES = ("float32", "float64")

# compiled functions warn "divide by zero" at a pole (minimize ignores every NumPy floating-point error:
# tests/test_run_float_errors.py): keep the test log quiet.
pytestmark = pytest.mark.filterwarnings("ignore:divide by zero encountered:RuntimeWarning")


def _matrix(name="W", shape=(2, 3)):
    return symopt.Variable(name, 0.0, shape=shape)


# ---------------------------------------------------------------- kinks: TF1's conventions

@pytest.mark.parametrize("dtype", DTYPES)
def test_abs_gradient_at_zero_is_sign_zero_elementwise(dtype):
    W = _matrix()
    point = np.array([[0.0, -0.0, 2.0], [-3.0, 0.0, 1e-30]])
    value, gradient = symopt.compile(ops.sum(ops.abs(W)), W, dtype=dtype)(W=point)
    assert value == pytest.approx(5.0)
    np.testing.assert_array_equal(gradient, [[0.0, 0.0, 1.0], [-1.0, 0.0, 1.0]])
    assert gradient.dtype == np.dtype(dtype)


def test_abs_gradient_at_zero_float32_scalar_keeps_other_terms():
    w = symopt.Variable("w", 0.0, dtype="float32")
    value, gradient = symopt.compile(sympy.Abs(w) + 3 * w, w)(w=0.0)
    assert (value, gradient) == (0.0, 3.0)
    assert isinstance(gradient, np.float32)


@pytest.mark.parametrize("dtype", DTYPES)
def test_relu_gradient_at_zero_is_zero_elementwise(dtype):
    """relu'(0) = 0, alone (``step(W)``) and inside a product (printed ``(W > 0)``)."""
    W = _matrix()
    V = symopt.Variable("V", 0.0, shape=(2, 3))
    point = np.array([[0.0, -0.0, 2.0], [-1.0, 0.0, 0.5]])
    weights = np.array([[2.0, 3.0, 4.0], [5.0, 6.0, 7.0]])
    expected = np.array([[0.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
    _, gradient = symopt.compile(ops.sum(ops.relu(W)), W, dtype=dtype)(W=point)
    np.testing.assert_array_equal(gradient, expected)
    _, (gradient_w, gradient_v) = symopt.compile(ops.sum(ops.hadamard(ops.relu(W), V)), [W, V],
                                                 dtype=dtype)(W=point, V=weights)
    np.testing.assert_array_equal(gradient_w, expected * weights)
    np.testing.assert_array_equal(gradient_v, np.maximum(point, 0))


@pytest.mark.parametrize("dtype", DTYPES)
def test_relu_gradient_at_zero_scalar(dtype):
    w = symopt.Variable("w", 0.0, dtype=dtype)
    value, gradient = symopt.compile(symopt.relu(w) + 0.5 * w, w)(w=0.0)
    assert (value, gradient) == (0.0, 0.5)


@pytest.mark.parametrize("dtype", DTYPES)
def test_leaky_relu_gradient_at_zero_is_alpha(dtype):
    """TF1's LeakyReluGrad: ``gradients * (features > 0 ? 1 : alpha)``, so alpha at 0."""
    w = symopt.Variable("w", 0.0, dtype=dtype)
    _, gradient = symopt.compile(symopt.leaky_relu(w, 0.2), w)(w=0.0)
    assert gradient == pytest.approx(0.2)
    W = _matrix()
    _, gradient = symopt.compile(ops.sum(ops.leaky_relu(W, 0.2)), W, dtype=dtype)(W=np.zeros((2, 3)))
    np.testing.assert_allclose(gradient, np.full((2, 3), 0.2), rtol=1e-7)


def test_sqrt_of_square_is_abs_so_its_gradient_at_zero_is_zero():
    """SymPy rewrites sqrt(w**2) as |w| for a real w: gradient 0 at 0, where TF1's sqrt(square(w))
    gives 0 * inf = NaN."""
    w = symopt.Variable("w", 0.0)
    cost = sympy.sqrt(w ** 2)
    assert cost == sympy.Abs(w)
    assert symopt.compile(cost, w)(w=0.0) == (0.0, 0.0)


@pytest.mark.parametrize("dtype", DTYPES)
def test_minimize_stays_at_the_kink_of_abs(dtype):
    """The gradient at the kink is 0, so gradient descent started there does not move (as in TF1)."""
    w = symopt.Variable("w", 0.0, dtype=dtype)
    result = symopt.minimize(sympy.Abs(w), w, optimizer=symopt.GradientDescent(0.1), steps=5)
    assert result[w] == 0.0 and result.success
    np.testing.assert_array_equal(result.history, np.zeros(5))
    W = symopt.Variable("W", 0.0, shape=(2, 2), dtype=dtype)
    result = symopt.minimize(ops.sum(ops.abs(W)), W, optimizer=symopt.Adam(0.1), steps=5)
    np.testing.assert_array_equal(result[W], np.zeros((2, 2)))


@pytest.mark.parametrize("dtype", DTYPES)
def test_minimize_leaves_the_kink_when_another_term_pulls(dtype):
    """|w| + 0.5 w at 0: gradient 0.5 (sign(0) = 0 keeps the other term), one GD step moves to -0.05."""
    w = symopt.Variable("w", 0.0, dtype=dtype)
    result = symopt.minimize(sympy.Abs(w) + 0.5 * w, w, optimizer=symopt.GradientDescent(0.1), steps=1)
    T = np.dtype(dtype).type
    assert T(result[w]) == T(0) - T(0.5) * T(np.float32(0.1))


# ---------------------------------------------------------------- sqrt at 0: an infinite gradient

def test_sqrt_gradient_at_zero_is_infinite_with_a_warning_float32_scalar():
    w = symopt.Variable("w", 0.0, dtype="float32")
    function = symopt.compile(sympy.sqrt(w), w)
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        value, gradient = function(w=0.0)
    assert value == 0.0
    assert gradient == np.inf and isinstance(gradient, np.float32)


@pytest.mark.parametrize("dtype", DTYPES)
def test_sqrt_gradient_at_zero_is_infinite_elementwise(dtype):
    W = _matrix(shape=(2, 1))
    function = symopt.compile(ops.sum(ops.sqrt(W)), W, dtype=dtype)
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        value, gradient = function(W=np.array([[0.0], [4.0]]))
    assert value == 2.0
    np.testing.assert_array_equal(gradient, [[np.inf], [0.25]])


@pytest.mark.parametrize("dtype", DTYPES)
def test_minimize_from_sqrt_kink_diverges_one_step_later(dtype):
    """Step 0 has a finite cost (0) and an infinite gradient; the update sends W to -inf and the cost
    of step 1 is NaN: DivergenceError names step 1, says the gradient at the start is the cause (not the learning
    rate: tests/test_gradient_not_finite.py) and keeps the last finite parameters."""
    W = symopt.Variable("W", 0.0, shape=(2, 1), dtype=dtype)
    with pytest.raises(DivergenceError, match=r"diverged at step 1: the gradient is not finite at W = \[\[0\], \[0\]\], "
                                              r"where the cost is 0") as caught:
        symopt.minimize(ops.sum(ops.sqrt(W)), W, steps=10)
    result = caught.value.result
    assert not result.success and result.steps == 1
    np.testing.assert_array_equal(result.history, [0.0, np.nan])
    np.testing.assert_array_equal(result[W], np.zeros((2, 1)))
    assert result.value == 0.0


def test_minimize_from_sqrt_kink_float32_scalar_diverges_one_step_later():
    w = symopt.Variable("w", 0.0, dtype="float32")
    with pytest.raises(DivergenceError, match=r"diverged at step 1: the gradient is not finite at w = 0, where the "
                                              r"cost is 0"):
        symopt.minimize(sympy.sqrt(w), w, steps=10)


# ---------------------------------------------------------------- log at 0: cost -inf

def test_log_at_zero_compiles_to_minus_infinity_with_a_warning_float32_scalar():
    w = symopt.Variable("w", 0.0, dtype="float32")
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        value, gradient = symopt.compile(sympy.log(w), w)(w=0.0)
    assert value == -np.inf and gradient == np.inf


@pytest.mark.parametrize("dtype", DTYPES)
def test_log_at_zero_elementwise_is_minus_infinity_with_a_warning(dtype):
    W = _matrix(shape=(2, 1))
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        value, gradient = symopt.compile(ops.sum(ops.log(W)), W, dtype=dtype)(W=np.array([[0.0], [2.0]]))
    assert value == -np.inf
    np.testing.assert_array_equal(gradient, [[np.inf], [0.5]])


@pytest.mark.parametrize("dtype", DTYPES)
def test_minimize_of_log_at_zero_raises_divergence_naming_step_zero(dtype):
    W = symopt.Variable("W", 0.0, shape=(2, 1), dtype=dtype)
    with pytest.raises(DivergenceError, match=r"diverged at step 0: the cost became -inf \(last finite cost: "
                                              r"none\)") as caught:
        symopt.minimize(ops.sum(ops.log(W)), W, steps=10)
    result = caught.value.result
    assert not result.success and result.steps == 0
    np.testing.assert_array_equal(result.history, [-np.inf])
    np.testing.assert_array_equal(result[W], np.zeros((2, 1)))


def test_minimize_of_log_at_zero_float32_scalar_names_step_zero():
    w = symopt.Variable("w", 0.0, dtype="float32")
    with pytest.raises(DivergenceError, match=r"diverged at step 0: the cost became -inf"):
        symopt.minimize(sympy.log(w), w, steps=10)


@pytest.mark.parametrize("dtype", DTYPES)
def test_minimize_of_log_at_zero_float64_scalar_names_step_zero(dtype):
    """Also on the float64 ``math`` path (it reports the cost as ``inf``: see docs/numerics.md)."""
    w = symopt.Variable("w", 0.0, dtype=dtype)
    with pytest.raises(DivergenceError, match=r"diverged at step 0") as caught:
        symopt.minimize(sympy.log(w), w, steps=10)
    assert caught.value.result.steps == 0 and caught.value.result[w] == 0.0


@pytest.mark.parametrize("dtype", DTYPES)
def test_minimize_of_minus_log_at_zero_reports_plus_infinity(dtype):
    if dtype == "float32":  # (the float64 scalar path reports every domain error as inf: not tested)
        w = symopt.Variable("w", 0.0, dtype=dtype)
        with pytest.raises(DivergenceError, match=r"diverged at step 0: the cost became inf"):
            symopt.minimize(-sympy.log(w), w, steps=10)
    W = symopt.Variable("W", 0.0, shape=(3, 1), dtype=dtype)
    with pytest.raises(DivergenceError, match=r"diverged at step 0: the cost became inf"):
        symopt.minimize(-ops.sum(ops.log(W)), W, steps=10)


def test_minimize_with_a_callback_also_raises_divergence_at_log_zero():
    """The per-step path (callback or mini-batches) checks the cost the same way."""
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    seen = []
    with pytest.raises(DivergenceError, match=r"diverged at step 0"):
        symopt.minimize(ops.sum(ops.log(W)), W, steps=10, callback=lambda *args: seen.append(args))
    assert seen == []


def test_divergence_after_finite_steps_keeps_the_best_parameters():
    """log(w) from w = 0.5, GD 0.1: w = 0.5, 0.3, -0.033 (cost NaN, w finite: a DomainError); the error keeps the
    lowest cost seen."""
    w = symopt.Variable("w", 0.5, dtype="float32")
    with pytest.raises(symopt.errors.DomainError, match="where log.w. has no real value") as caught:
        symopt.minimize(sympy.log(w), w, optimizer=symopt.GradientDescent(0.1), steps=100)
    result = caught.value.result
    history = result.history
    assert np.all(np.isfinite(history[:-1])) and not np.isfinite(history[-1])
    assert result.value == pytest.approx(np.min(history[:-1]))
    assert f"step {len(history) - 1}" in str(caught.value)


# ---------------------------------------------------------------- NaN: outside the domain, 0 * inf

@pytest.mark.parametrize("dtype", DTYPES)
def test_sqrt_of_negative_is_nan_with_a_warning(dtype):
    W = _matrix(shape=(2, 1))
    with pytest.warns(RuntimeWarning, match="invalid value"):
        value, gradient = symopt.compile(ops.sum(ops.sqrt(W)), W, dtype=dtype)(W=np.array([[-1.0], [4.0]]))
    assert np.isnan(value)
    assert np.isnan(gradient[0, 0]) and gradient[1, 0] == 0.25


@pytest.mark.parametrize("dtype", DTYPES)
def test_minimize_outside_the_domain_raises_domain_error(dtype):
    """A NaN cost at finite parameters is a DomainError naming the point and the function (issue 14)."""
    W = symopt.Variable("W", -1.0, shape=(2, 1), dtype=dtype)
    with pytest.raises(symopt.errors.DomainError,
                       match=r"^at the starting point W = \[\[-1\], \[-1\]\], where NumPy reports invalid value in sqrt"):
        symopt.minimize(ops.sum(ops.sqrt(W)), W, steps=10)
    w = symopt.Variable("w", -1.0, dtype="float32")
    with pytest.raises(symopt.errors.DomainError, match=r"^at the starting point w = -1, where log\(w\) has no real"):
        symopt.minimize(sympy.log(w), w, steps=10)


def test_x_log_x_at_zero_is_nan_not_its_limit():
    """x log x → 0 as x → 0, but 0 * (-inf) is NaN in floating point: symopt has no xlogy."""
    w = symopt.Variable("w", 0.0, dtype="float32")
    with pytest.warns(RuntimeWarning):
        value, gradient = symopt.compile(w * sympy.log(w), w)(w=0.0)
    assert np.isnan(value) and gradient == -np.inf
    with pytest.raises(DivergenceError, match=r"diverged at step 0: the cost became nan"):
        symopt.minimize(w * sympy.log(w), w, steps=10)


def test_minimize_does_not_warn_on_overflow_or_invalid_values():
    """minimize silences NumPy's overflow and invalid-value warnings: DivergenceError and DomainError report them."""
    W = symopt.Variable("W", -1.0, shape=(2, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(symopt.errors.DomainError):
            symopt.minimize(ops.sum(ops.sqrt(W)), W, steps=10)
        with pytest.raises(DivergenceError, match=r"cost became inf"):
            symopt.minimize(ops.sum(ops.exp(W)), {W: np.full((2, 1), 800.0)}, steps=10)


def test_evaluate_at_the_boundary_follows_numpy():
    W = _matrix(shape=(2, 1))
    with pytest.warns(RuntimeWarning, match="divide by zero"):
        assert symopt.evaluate(ops.sum(ops.log(W)), {W: np.zeros((2, 1))}) == -np.inf
