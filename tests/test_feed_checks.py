"""What a compiled function is fed: values NumPy would silently convert are refused with the fix."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import ConfigurationError, FeedError

w = symopt.Variable("w", 1.0)
a = symopt.Placeholder("a")
X = symopt.Placeholder("X", (None, 3))
W = symopt.Variable("W", np.ones((3, 1)))


@pytest.mark.parametrize("value, message", [
    (None, "given None"),
    (np.array([1.0, None], dtype=object), "None inside"),
    (1 + 2j, "complex numbers"),
    (np.complex128(1.0), "complex numbers"),
    ("3", "text \\(str\\) '3'"),
])
def test_values_numpy_would_convert_silently_are_refused(value, message):
    function = symopt.compile(w ** 2 * a, w)
    with pytest.raises(FeedError, match=message):
        function(w=1.0, a=value)
    with pytest.raises(FeedError, match=message):
        symopt.evaluate(w * a, {a: value})


def test_a_complex_array_feed_is_refused_not_truncated():
    function = symopt.compile(ops.sum(X @ W), W)
    with pytest.raises(FeedError, match="complex numbers"):
        function(W=np.ones((3, 1)), X=np.ones((2, 3)) + 1j)


def test_an_integer_too_large_for_a_float_is_a_clear_error():
    with pytest.raises(FeedError, match="cannot convert"):
        symopt.compile(w ** 2 * a, w)(w=1.0, a=2 ** 1100)


def test_an_empty_batch_is_refused():
    with pytest.raises(FeedError, match="no examples"):
        symopt.evaluate(ops.mean(X @ W), {X: np.zeros((0, 3))})
    with pytest.raises(FeedError, match="no examples"):
        symopt.compile(ops.mean(X @ W), W)(W=np.ones((3, 1)), X=np.zeros((0, 3)))


def test_a_shared_name_is_reported_as_ambiguous():
    v_parameter, v_data = symopt.Variable("v", 1.0), symopt.Placeholder("v")
    function = symopt.compile(v_parameter ** 2 * v_data, v_parameter)
    with pytest.raises(FeedError, match="'v' is ambiguous.*parameter v.*placeholder v.*feed them by symbol"):
        function(v=1.0)
    assert function({v_parameter: 3.0, v_data: 2.0}) == (18.0, 12.0)


@pytest.mark.parametrize("init, message", [
    ("abc", "text \\(str\\) 'abc'"),
    (1 + 2j, "complex numbers"),
    (2 ** 1100, "cannot convert"),
    (None, "given None"),
    (float("inf"), "expected finite numbers"),
    ([1.0, float("nan")], "expected finite numbers"),
])
def test_bad_initial_values_are_clear_errors(init, message):
    with pytest.raises(ConfigurationError, match=message):
        symopt.Variable("Z", init)


def test_initial_value_too_large_for_float32_is_refused():
    with pytest.raises(ConfigurationError, match="infinite or NaN in float32"):
        symopt.Variable("Z", 1e39, dtype="float32")
