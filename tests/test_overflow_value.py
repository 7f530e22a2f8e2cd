"""A diverging scalar run reports the cost NumPy computes at the failing step: Python floats raise where NumPy
overflows, and the generated ``math`` loop used to record ``+inf`` whatever the sign (``nan`` for 1/0)."""

import math

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import DivergenceError


def _diverge(cost, w, lr, **options):
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, w, optimizer=symopt.GradientDescent(lr), steps=100, **options)
    return caught.value


def _numpy_cost(cost, w, value):
    with np.errstate(all="ignore"):
        return float(sympy.lambdify(w, cost, "numpy")(np.float64(value)))


@pytest.mark.parametrize("options", [{}, {"callback": lambda step, cost, params: False}],
                         ids=["generated loop", "one step per call"])
def test_negative_overflow_is_minus_infinity(options):
    w = symopt.Variable("w", 0.0)
    error = _diverge(-sympy.exp(w), w, 0.5, **options)
    history = error.result.history
    assert history[-1] == -math.inf and np.isfinite(history[:-1]).all()
    assert "the cost became -inf" in str(error)
    # the independent oracle: w before the failing step, replayed by hand, and NumPy's value there
    point = 0.0
    for _ in range(len(history) - 1):
        point += 0.5 * math.exp(point)
    assert _numpy_cost(-sympy.exp(w), w, point) == -math.inf


def test_division_by_zero_is_infinity_not_nan():
    w = symopt.Variable("w", 1.5)
    cost = w ** 2 + 1 / sympy.floor(w)  # GD(0.25) halves w: 1.5, 0.75, where floor(w) = 0
    error = _diverge(cost, w, 0.25)
    assert list(error.result.history) == [1.5 ** 2 + 1, math.inf]
    assert _numpy_cost(cost, w, 0.75) == math.inf
    assert "the cost became inf" in str(error)


def test_domain_errors_still_name_the_subexpression():
    w = symopt.Variable("w", 1.5)
    with pytest.raises(symopt.errors.DomainError, match=r"log\(w\) has no real value"):
        symopt.minimize(sympy.log(w), w, optimizer=symopt.GradientDescent(10), steps=100)


def test_jax_backend_agrees():
    pytest.importorskip("jax")
    w = symopt.Variable("w", 0.0)
    error = _diverge(-sympy.exp(w), w, 0.5, backend="jax")  # float32 (x64 stays off: other tests need it off)
    assert error.result.history[-1] == -math.inf


def _float32_and_float64(cost, start: dict, **options):
    """The same run in float64 (the scalar ``math`` program) and float32 (NumPy's): ``(history, error)`` of each."""
    runs = []
    for dtype in ("float64", "float32"):
        try:
            with np.errstate(all="ignore"):
                result = symopt.minimize(cost, start, dtype=dtype, **options)
            runs.append((list(result.history), None))
        except symopt.errors.SymoptError as error:
            runs.append((list(error.result.history), type(error)))
    return runs


def test_an_infinite_slope_at_a_finite_cost_is_a_step_not_a_divergence():
    """sqrt(w) at 0: cost 0, slope inf (Python raises ZeroDivisionError): NumPy's step goes to w = -inf, whose cost
    is NaN at step 1, as in float32 and in TF1 (it used to stop at step 0 quoting the finite cost 0)."""
    w = symopt.Variable("w_sqrt", 0.0)
    (history64, error64), (history32, error32) = _float32_and_float64(sympy.sqrt(w), {w: 0.0}, steps=3)
    assert error64 is error32 is DivergenceError
    assert history64[0] == history32[0] == 0.0 and math.isnan(history64[1]) and math.isnan(history32[1])


def test_a_clipped_infinite_slope_takes_the_clipped_step():
    w, v = symopt.Variable("w_clip", 0.0), symopt.Variable("v_clip", 1.0)
    (history64, error64), (history32, error32) = _float32_and_float64(
        sympy.sqrt(w) + v ** 2, {w: 0.0, v: 1.0}, steps=3, clip_value=1.0)
    assert error64 is error32 is symopt.errors.DomainError  # clip(inf) = 1: w = -0.01, where sqrt has no value
    assert history64[0] == 1.0 and math.isnan(history64[1])


def test_an_overflow_nan_absorbs_is_no_divergence():
    """Min(w**2, 10) at w = -6e200: Python's w**2 raises OverflowError, NumPy's is inf and Min(inf, 10) = 10 with
    slope 0: the run goes on at cost 10, as the NumPy program (and TF1) do."""
    w = symopt.Variable("w_min", 3.0)
    W = symopt.Variable("W_min", np.full((1, 1), 3.0), shape=(1, 1))  # a 1x1 matrix: the NumPy program throughout
    options = dict(optimizer=symopt.GradientDescent(np.float64(1e200)), steps=5)  # (lr is no float32: float64 only)
    with np.errstate(all="ignore"):
        generated = symopt.minimize(sympy.Min(w ** 2, 10), {w: 3.0}, **options)
        one_step = symopt.minimize(sympy.Min(w ** 2, 10), {w: 3.0}, callback=lambda *args: False, **options)
        matrix = symopt.minimize(sympy.Min(W[0, 0] ** 2, 10), W, **options)
    assert list(generated.history) == list(one_step.history) == list(matrix.history) == [9.0, 10.0, 10.0, 10.0, 10.0]
    assert float(generated[w]) == float(one_step[w]) == float(matrix[W][0, 0]) == 3.0 - 6e200


@pytest.mark.parametrize("cost", ["1/(1 + w**2)", "Min(w**2, 10)", "1 + exp(-w**2)", "atan(w**2)"])
def test_the_final_value_past_an_overflow_is_numpys(cost):
    """result.value is the cost at the final parameters: NumPy's where Python's w**2 overflows (it was inf)."""
    w = symopt.Variable("w_final", 0.0)
    expression = sympy.sympify(cost, locals={"w": w})
    with np.errstate(all="ignore"):
        result = symopt.minimize(expression, {w: 1e200}, steps=3)
        oracle = _numpy_cost(expression, w, float(result[w]))
    assert result.value == oracle == result.history[-1] and math.isfinite(oracle)
