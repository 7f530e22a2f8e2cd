"""minimize: a cost that becomes NaN at finite parameters (log, sqrt of a negative number) raises DomainError naming
the step, the point and the subexpression; an overflow (inf, or NaN from inf - inf) stays a DivergenceError.
Full-batch (generated loop and per-step path) and mini-batch runs, math and NumPy backends."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.domain import first_not_real
from symopt.errors import DivergenceError, DomainError

w = symopt.Variable("w", 0.5)
LOG_COST = sympy.log(w) + w  # GD lr 3 from 0.5: w = 0.5 - 3 * (1/0.5 + 1) = -8.5 after one step
LOG_MESSAGE = ("after step 1 the parameters reached w = -8.5, where log(w) has no real value (the cost was -0.193147 "
               "one step before). Start further from that boundary, take a smaller learning rate than 3.0")

# full-batch paths: the generated loop (math backend in float64, NumPy scalars in float32), and one step per call
SCALAR_RUNS = [dict(), dict(dtype="float32"), dict(callback=lambda step, cost, params: None), dict(tol=1e-9)]


@pytest.mark.parametrize("options", SCALAR_RUNS, ids=["generated-math", "generated-float32", "callback", "tol"])
def test_log_of_a_negative_parameter_is_a_domain_error(options):
    with pytest.raises(DomainError) as raised:
        symopt.minimize(LOG_COST, w, optimizer=symopt.GradientDescent(3), steps=50, **options)
    assert str(raised.value).startswith(LOG_MESSAGE), str(raised.value)
    assert not isinstance(raised.value, DivergenceError)
    result = raised.value.result  # the run so far, as for a divergence
    assert result.success is False and result.steps == 1
    assert len(result.history) == 2 and np.isnan(result.history[-1])
    assert result.params[w] == pytest.approx(0.5)  # the best parameters seen


def test_domain_error_after_many_steps_of_the_generated_loop_names_the_step():
    u = symopt.Variable("u", 3.0)  # sqrt(u) + 0.3 u: GD walks u down by at least 0.3 lr per step
    cost = sympy.sqrt(u) + sympy.Rational(3, 10) * u
    steps = []
    with pytest.raises(DomainError) as raised:
        symopt.minimize(cost, u, optimizer=symopt.GradientDescent(0.5), steps=2000)
    with pytest.raises(DomainError) as per_step:
        symopt.minimize(cost, u, optimizer=symopt.GradientDescent(0.5), steps=2000,
                        callback=lambda step, cost, params: steps.append(step))
    assert str(raised.value) == str(per_step.value)
    assert f"after step {len(steps)} the parameters reached u = -" in str(raised.value)
    assert "where sqrt(u) has no real value" in str(raised.value)


def test_a_starting_point_outside_the_domain_is_named():
    v = symopt.Variable("v", -1.0)
    with pytest.raises(DomainError, match=r"^at the starting point v = -1, where log\(v\) has no real value\. "):
        symopt.minimize(sympy.log(v), v, steps=5)


def test_data_values_take_part_in_finding_the_subexpression():
    c = symopt.Placeholder("c")
    with pytest.raises(DomainError, match=r"where sqrt\(-c \+ w\) has no real value"):
        symopt.minimize(sympy.sqrt(w - c) + sympy.exp(w), {w: 2.0}, data={c: 1.5},
                        optimizer=symopt.GradientDescent(2), steps=20)


def _sqrt_network():
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", np.array([[0.5], [0.5]]), shape=(2, 1))
    data = np.abs(np.random.default_rng(0).normal(size=(40, 2))) + 0.1
    return ops.sum(ops.sqrt(X @ W)), W, {X: data}


@pytest.mark.parametrize("options", [dict(steps=50), dict(steps=50, dtype="float32"), dict(batch_size=8, epochs=5),
                                     dict(batch_size=8, epochs=5, dtype="float32")],
                         ids=["full-batch", "full-batch-float32", "mini-batch", "mini-batch-float32"])
def test_arrays_leaving_the_domain_name_numpys_function_and_the_generated_line(options):
    cost, W, data = _sqrt_network()
    with pytest.raises(DomainError) as raised:
        symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(3), **options)
    text = str(raised.value)
    assert re.match(r"after step 1 the parameters reached W = \[\[-\d+\.\d+\], \[-\d+\.\d+\]\], ", text), text
    assert "where NumPy reports invalid value in sqrt (generated lines: t0 = X @ W; numpy.sqrt(t0, out=t0))" in text
    assert raised.value.result.steps == 1


def test_a_scalar_parameter_with_array_data_uses_numpy_to_find_the_function():
    x = symopt.Placeholder("x", (None, 1))
    cost = ops.sum(ops.log(x * w)) + 5 * w
    with pytest.raises(DomainError, match=r"where NumPy reports invalid value in log"):
        symopt.minimize(cost, w, data={x: np.ones((4, 1))}, optimizer=symopt.GradientDescent(1), steps=10)


# ---- true divergence stays a DivergenceError

def test_a_cost_growing_to_infinity_is_a_divergence():
    v = symopt.Variable("v", 3.0)
    for dtype in ("float64", "float32"):
        with pytest.raises(DivergenceError, match="became inf"):
            symopt.minimize(sympy.exp(v * v), v, optimizer=symopt.GradientDescent(1), steps=50, dtype=dtype)


def test_nan_from_an_overflow_at_finite_parameters_is_a_divergence_not_a_domain_error():
    v = symopt.Variable("v", 30.0)  # exp(900) - 2 cosh(900) = -exp(-900) is real, but inf - inf in floats
    with pytest.raises(DivergenceError, match="became nan") as raised:
        symopt.minimize(sympy.exp(v ** 2) - 2 * sympy.cosh(v ** 2), v, steps=5, dtype="float32")
    assert not isinstance(raised.value, DomainError)
    x = symopt.Placeholder("x", (None, 1))
    u = symopt.Variable("u", 800.0)
    cost = ops.sum(ops.exp(x * u)) - ops.sum(ops.exp(x * (u + 1))) / sympy.E  # inf - inf in NumPy
    for options in (dict(steps=5), dict(batch_size=2, epochs=1)):
        with pytest.raises(DivergenceError, match="became nan") as raised:
            symopt.minimize(cost, u, data={x: np.ones((4, 1))}, **options)
        assert not isinstance(raised.value, DomainError)


def test_growing_parameters_with_data_are_a_divergence():
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", np.ones((2, 1)), shape=(2, 1))
    data = np.random.default_rng(1).normal(size=(30, 2)) * 10
    for options in (dict(steps=200), dict(batch_size=10, epochs=50)):
        with pytest.raises(DivergenceError) as raised:
            symopt.minimize(ops.sum(ops.square(X @ W)), W, data={X: data}, optimizer=symopt.GradientDescent(1),
                            **options)
        assert not isinstance(raised.value, DomainError)


def test_first_not_real_finds_the_innermost_subexpression():
    a, b = sympy.symbols("a b")
    assert first_not_real(sympy.exp(sympy.sqrt(a - b)) + a, {a: 1.0, b: 2.0}) == sympy.sqrt(a - b)
    assert first_not_real(sympy.log(a) * b, {a: 2.0, b: -1.0}) is None


def test_a_divergence_with_tol_replays_to_the_best_step():
    # the replay to the best parameters runs the loop compiled with tol (it raised TypeError for tol=None before)
    v = symopt.Variable("v", 0.1)
    with pytest.raises(DivergenceError) as raised:
        symopt.minimize((v ** 2 - 1) ** 2, v, optimizer=symopt.GradientDescent(0.9), steps=100, tol=1e-9)
    history = raised.value.result.history
    best = int(np.nanargmin(np.where(np.isfinite(history), history, np.inf)))
    assert best > 0 and raised.value.result.value == history[best]


def test_a_divergence_error_raised_by_a_callback_passes_through():
    def stop(step, cost, params):
        raise DivergenceError("the callback's own reason")
    with pytest.raises(DivergenceError, match="the callback's own reason"):
        symopt.minimize((w - 1) ** 2, w, steps=5, callback=stop)
