"""Constant ops outside their real domain give TF1's nan/inf with TF1's dtype (f-probe finding F12).

Expected values from TensorFlow (``tensorflow.compat.v1``); before, each of these raised a raw Python
error (``TypeError: ... complex``, ``KeyError: 'ComplexInfinity'``, ``ZeroDivisionError``).
"""

import math
import warnings

import numpy as np
import pytest

import symopt.compat.v1 as tf

#: case -> (build, TF's value, TF's dtype)
CASES = {
    "sqrt(-1)": (lambda: tf.sqrt(tf.constant(-1.0)), math.nan, "float32"),
    "log(0)": (lambda: tf.log(tf.constant(0.0)), -math.inf, "float32"),
    "1.0/0.0": (lambda: tf.constant(1.0) / 0.0, math.inf, "float32"),
    "-1.0/0.0": (lambda: tf.constant(-1.0) / 0.0, -math.inf, "float32"),
    "0.0/0.0": (lambda: tf.constant(0.0) / tf.constant(0.0), math.nan, "float32"),
    "int 1/0": (lambda: tf.constant(1) / tf.constant(0), math.inf, "float64"),
    "log(-1)": (lambda: tf.log(tf.constant(-1.0)), math.nan, "float32"),
    "acos(2)": (lambda: tf.acos(tf.constant(2.0)), math.nan, "float32"),
    "asin(2)": (lambda: tf.asin(tf.constant(2.0)), math.nan, "float32"),
    "acosh(0)": (lambda: tf.acosh(tf.constant(0.0)), math.nan, "float32"),
    "pow(-8, 1/3)": (lambda: tf.pow(tf.constant(-8.0), 1 / 3), math.nan, "float32"),
    "pow(0, -1)": (lambda: tf.pow(tf.constant(0.0), -1.0), math.inf, "float32"),
    "rsqrt(0)": (lambda: tf.rsqrt(tf.constant(0.0)), math.inf, "float32"),
    "reciprocal(0)": (lambda: tf.reciprocal(tf.constant(0.0)), math.inf, "float32"),
    "log1p(-2)": (lambda: tf.log1p(tf.constant(-2.0)), math.nan, "float32"),
    "atanh(1)": (lambda: tf.atanh(tf.constant(1.0)), math.inf, "float32"),
    "float64 1/0": (lambda: tf.constant(1.0, tf.float64) / 0.0, math.inf, "float64"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_constant_domain_errors_give_tf_values(case):
    build, expected, dtype = CASES[case]
    tf.reset_default_graph()
    tensor = build()
    assert tensor.dtype.name == dtype and tensor.shape == ()
    with tf.Session() as sess, warnings.catch_warnings():
        warnings.simplefilter("error")  # folded once, silently, as TF1 computes it
        value = sess.run(tensor)
    assert value.dtype == np.dtype(dtype)
    assert (math.isnan(value) if math.isnan(expected) else value == expected)


def test_nan_flows_on_through_later_ops():
    tf.reset_default_graph()
    with tf.Session() as sess:
        assert math.isnan(sess.run(tf.sqrt(tf.constant(-1.0)) * 2 + 1))


def test_division_of_a_tensor_by_a_constant_zero():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [])
    v = tf.placeholder(tf.float32, [2])
    with tf.Session() as sess, np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert sess.run(x / 0.0, {x: 2.0}) == np.inf
        np.testing.assert_array_equal(sess.run(v / 0.0, {v: [1.0, 0.0]}), np.float32([np.inf, np.nan]))
        np.testing.assert_array_equal(sess.run(tf.constant([1.0, -1.0]) / 0.0), np.float32([np.inf, -np.inf]))
