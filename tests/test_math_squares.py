"""The ``math`` backend squares a name as one correctly rounded product, ``w*w``, as NumPy squares an array: Python's
``w**2`` calls the C library's ``pow``, which gives another last bit for about one number in a thousand."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

import symopt

#: Numbers whose square Python's ``w**2`` (the C library's pow) rounds the other way (found by a scan of uniform draws).
POW_MISROUNDS = [1.7935721390621129, 0.6388665020249742, 7.317192357383235, 5.485028998794408, 0.544347961168378]


def _nearest_double(exact: Fraction) -> float:
    return float(exact)  # Fraction -> float rounds to nearest (ties to even)


def test_the_numbers_used_here_are_ones_pow_misrounds():
    # the test below could not fail on numbers that pow happens to round right
    assert all(float.__pow__(x, 2) != _nearest_double(Fraction(x) ** 2) for x in POW_MISROUNDS)


@pytest.mark.parametrize("w0", POW_MISROUNDS)
def test_a_scalar_program_squares_exactly_as_numpy_squares_an_array(w0):
    w = symopt.Variable("w", 0.0)
    function = symopt.compile(w ** 2, w)  # the square alone: no later rounding can absorb its last bit
    assert function.module == "math"
    value, _ = function(w=w0)
    assert value == _nearest_double(Fraction(w0) ** 2)  # the correctly rounded square
    assert value == float((np.array([w0]) ** 2)[0])  # NumPy's array square: the same bits


@pytest.mark.parametrize("expression, printed, by_hand", [
    (lambda w, v: 3 * w ** 2 + v, "3*(w*w) + v", lambda w, v: 3 * (w * w) + v),  # not 3*w*w: that rounds 3*w first
    (lambda w, v: w ** 2 / 3 + v, "(w*w)/3 + v", lambda w, v: (w * w) / 3 + v),
    (lambda w, v: -w ** 2 + v, "-(w*w) + v", lambda w, v: -(w * w) + v),
    (lambda w, v: 1 / (1 + w ** 2) + v, "t0 = 1 + w*w", lambda w, v: 1 / (1 + w * w) + v),
    (lambda w, v: sympy.exp(w ** 2) * v, "math.exp(w*w)", lambda w, v: np.exp(w * w) * v),
    (lambda w, v: 1 - 3 * w ** 2 + v, "1 - 3*(w*w) + v", lambda w, v: 1 - 3 * (w * w) + v),  # a negative coefficient
    (lambda w, v: -3 * w ** 2 + v, "-3*(w*w) + v", lambda w, v: -3 * (w * w) + v),
    (lambda w, v: 2.5 * w ** 2 - 1.5 * v ** 2, "2.5*(w*w) - 1.5*(v*v)", lambda w, v: 2.5 * (w * w) - 1.5 * (v * v)),
    (lambda w, v: w ** 4 / 4 - sympy.Rational(3, 2) * w ** 2 + v, "(w*w)", lambda w, v: w ** 4 / 4 - 3 / 2 * (w * w) + v),
])
def test_a_name_squared_is_one_product_in_parentheses_where_it_is_a_factor(expression, printed, by_hand):
    w, v = symopt.Variable("w", 0.0), symopt.Variable("v", 0.0)
    function = symopt.compile(expression(w, v), [w, v])
    assert function.module == "math" and printed in function.source
    for a, b in [(1.7935721390621129, 0.25), (5.485028998794408, -2.0)]:
        assert function(w=a, v=b)[0] == float(by_hand(np.array([a]), np.array([b]))[0])  # NumPy's arrays: same bits


@pytest.mark.parametrize("cost", [lambda w: 1 - 3 * w ** 2, lambda w: -sympy.Rational(3, 2) * w ** 2 + w,
                                  lambda w: 2.5 * w ** 2 - 7 * w + 1, lambda w: -w ** 2 / 3])
def test_a_scalar_program_agrees_with_its_numpy_version_bit_for_bit(cost):
    # squares, products and sums only: other powers and exp are the C library's in one and NumPy's in the other
    w = symopt.Variable("w", 0.0)
    function = symopt.compile(cost(w), w)
    numpy_function = function.numpy_version()
    draws = np.random.default_rng(4).uniform(-10, 10, 400)
    assert function.module == "math"
    for x in draws:
        value, (gradient,) = function.function(float(x))
        array_value, (array_gradient,) = numpy_function(np.array([float(x)]))
        assert value == float(np.asarray(array_value).ravel()[0])
        assert gradient == float(np.asarray(array_gradient).ravel()[0])
