"""Powers of a negative base on the ``math`` backend give what NumPy's float power gives: nan, never a
complex number and never a raw ``ValueError`` (Python's ``(-8.0)**(1/3)`` is complex; ``math.pow`` raises)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt.compiler import compile_expressions

w = symopt.Variable("w_power", 1.0)

EXPRESSIONS = {
    "cube root": w ** sympy.Rational(1, 3),
    "two thirds plus square": w ** sympy.Rational(2, 3) + w ** 2,
    "float exponent": w ** 1.5,
    "square root": sympy.sqrt(w),
    "reciprocal square root": w ** -0.5,
    "shifted root times w": (w - 1) ** sympy.Rational(1, 3) * w,
    "variable exponent": w ** w,
}
POINTS = [-8.0, -0.5, 0.0, 2.0]


def _quietly(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return function(*args, **kwargs)


@pytest.mark.parametrize("name", EXPRESSIONS)
def test_value_and_gradient_agree_between_math_and_numpy(name):
    expr = EXPRESSIONS[name]
    on_math, on_numpy = symopt.compile(expr, w), symopt.compile(expr, w, backend="numpy")
    assert on_math.module == "math"
    for point in POINTS:
        value, gradient = _quietly(on_math, {w: point})
        expected_value, expected_gradient = _quietly(on_numpy, {w: point})
        for got, expected in ((value, expected_value), (gradient, expected_gradient)):
            assert not isinstance(got, complex), (name, point, got)
            np.testing.assert_array_equal(np.float64(got), np.float64(expected), err_msg=f"{name} at {point}")


@pytest.mark.parametrize("name", EXPRESSIONS)
def test_evaluate_agrees_with_the_numpy_program(name):
    expr = EXPRESSIONS[name]
    numpy_function, _ = compile_expressions([expr], [w], dtype="float64", vectorized=True)
    for point in POINTS:
        value = _quietly(symopt.evaluate, expr, {w: point})
        assert not isinstance(value, complex)
        np.testing.assert_array_equal(np.float64(value), _quietly(numpy_function, np.float64(point))[0])


def test_tf1_session_power_of_a_negative_number_is_nan():
    import symopt.compat.v1 as tf

    tf.reset_default_graph()
    x = tf.placeholder(tf.float64, shape=())
    with tf.Session() as session:
        value = _quietly(session.run, tf.pow(x, 1 / 3), feed_dict={x: -8.0})
    assert np.isnan(value)
