"""probe41 P41-4: ``tf.test.compute_gradient`` / ``compute_gradient_error`` (TF1's gradient check) against TensorFlow
2.21's ``tf.compat.v1.test`` run on the same programs (/tmp/cmpvenv, TF1 mode; the numbers below are its output):
the theoretical Jacobian bit for bit, the numerical one to rounding; ``tf.test.TestCase`` / ``main`` and any other
missing name are an UnsupportedNameError as every missing TF1 name is."""

from __future__ import annotations

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import UnsupportedNameError


@pytest.fixture(autouse=True)
def _fresh_graph():
    tf.reset_default_graph()


def test_an_elementwise_jacobian_as_tf1():
    x = tf.placeholder(tf.float64, [3])
    y = x ** 2 * tf.sin(x)
    with tf.Session():
        theoretical, numerical = tf.test.compute_gradient(x, [3], y, [3], x_init_value=np.array([0.5, -1.0, 2.0]))
    assert theoretical.dtype == numerical.dtype == np.float64
    assert np.array_equal(theoretical, np.diag([0.6988211790767962, 2.2232442754839328, 1.9726023611141572]))
    np.testing.assert_allclose(numerical, np.diag([0.6988217803805193, 2.2232438842646474, 1.9726004038034262]),
                               rtol=1e-12)


def test_float32_a_variable_and_a_list_as_tf1():
    x = tf.placeholder(tf.float32, [2])
    with tf.Session():
        theoretical, numerical = tf.test.compute_gradient(x, [2], tf.exp(x) * 3.0, [2],
                                                          x_init_value=np.array([0.1, 0.7], dtype=np.float32))
    assert theoretical.dtype == numerical.dtype == np.float32
    assert np.array_equal(theoretical, np.diag(np.float32([3.3155128955841064, 6.041257858276367])))
    # TF1's float32 differences, to one float32 ulp of y (2.4e-7 for y near 3, over 2δ = 2e-3)
    np.testing.assert_allclose(numerical, np.diag(np.float32([3.3156869411468506, 6.041049480438232])), atol=2.5e-4)
    tf.reset_default_graph()
    w = tf.Variable(np.array([1.0, 2.0]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        theoretical, numerical = tf.test.compute_gradient(w, [2], w ** 2, [2], x_init_value=np.array([0.5, -0.5]))
    assert np.array_equal(theoretical, [[1.0, 0.0], [0.0, -1.0]])
    np.testing.assert_allclose(numerical, [[0.999999999999987, 0.0], [0.0, -0.999999999999987]], rtol=1e-13)
    tf.reset_default_graph()
    a, b = tf.placeholder(tf.float64, [2]), tf.placeholder(tf.float64, [2])
    points = [np.array([1.0, 2.0]), np.array([3.0, -1.0])]
    with tf.Session():
        pairs = tf.test.compute_gradient([a, b], [[2], [2]], tf.reduce_sum(a * b ** 2), [], x_init_value=points,
                                         extra_feed_dict={a: points[0], b: points[1]})
    assert [p[0].ravel().tolist() for p in pairs] == [[9.0, 1.0], [6.0, -4.0]]  # b², 2ab
    np.testing.assert_allclose(pairs[1][1].ravel(), [5.999999999999339, -3.9999999999995595], rtol=1e-12)


def test_the_gradient_error_as_tf1():
    x = tf.placeholder(tf.float64, [2])
    with tf.Session():
        error = tf.test.compute_gradient_error(x, [2], tf.reduce_sum(x ** 3), [], x_init_value=np.array([1.0, 2.0]),
                                               delta=0.1)
    assert error == pytest.approx(0.010000000000008669, rel=1e-12)  # δ² = 0.01: the central difference of x³


def test_without_a_default_session_and_with_a_wrong_shape():
    x = tf.placeholder(tf.float64, [2])
    with pytest.raises(ValueError, match="No default session is registered"):
        tf.test.compute_gradient(x, [2], x * 2.0, [2])
    with tf.Session(), pytest.raises(ValueError, match=r"x_init_value of shape \(3,\); expected x_shape \[2\]"):
        tf.test.compute_gradient(x, [2], x * 2.0, [2], x_init_value=np.zeros(3))


@pytest.mark.parametrize("name", ["TestCase", "main", "assert_equal_graph_def"])
def test_the_names_not_provided_are_unsupported_names(name):
    with pytest.raises(UnsupportedNameError, match=rf"tf.test.{name} is not supported yet by symopt.compat.v1"):
        getattr(tf.test, name)
    assert not hasattr(tf.test, name)
