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
