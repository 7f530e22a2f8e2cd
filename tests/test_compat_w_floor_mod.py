"""Float ``%`` / ``tf.floormod`` / ``tf.mod`` by a scalar carry TF1's exact remainder (``fmod``, then the divisor's
sign), not ``x - floor(x / y) * y`` rounded twice (which is off by up to half an ulp of ``x``: 0.125 instead of
0.11702991 at ``x = 1e6 + 0.5``); the gradients are TF1's (1 for ``x``, ``-floor(x / y)`` for ``y``).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_float_remainders_are_tf1s_exact_ones():
    a = tf.constant(np.float32([-2.0, -7.3, 5.0, 1e6 + 0.5]))
    x = tf.placeholder(tf.float32, [None])
    y = tf.placeholder(tf.float32, [])
    with tf.Session() as sess:
        constants = sess.run([a % 0.7, a % 0.3, tf.floormod(a, -0.7)])
        fed = sess.run([x % 0.7, tf.floormod(y, 0.3), x % y], {x: [-2.0, 1e6 + 0.5, 3.3], y: 2.5})
        grads = sess.run(tf.gradients(tf.reduce_sum(tf.floormod(x, y)), [x, y]), {x: [-2.0, 7.5, 3.3], y: 2.5})
    # TF 2.21 tf.compat.v1, every digit
    for got, want in zip(constants + fed, [
            [0.09999996423721313, 0.3999996781349182, 0.10000008344650269, 0.11702990531921387],
            [0.10000008344650269, 0.2000001072883606, 0.19999980926513672, 0.2602635622024536],
            [-0.6000000238418579, -0.30000030994415283, -0.5999999046325684, -0.5829700827598572],
            [0.09999996423721313, 0.11702990531921387, 0.5], 0.09999990463256836, [0.5, 0.5, 0.7999999523162842]]):
        np.testing.assert_array_equal(got, np.float32(want))
    np.testing.assert_array_equal(grads[0], [1.0, 1.0, 1.0])  # TF 2.21 tf.compat.v1
    assert grads[1] == -3.0


def test_wrapping_angles_trains_with_tf1s_gradient():
    theta = tf.Variable([3.5, -7.0, 10.0])
    wrapped = tf.mod(theta + np.pi, 2 * np.pi) - np.pi
    loss = tf.reduce_sum(tf.square(wrapped))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([wrapped, loss, tf.gradients(loss, theta)[0]])
    # TF 2.21 tf.compat.v1
    np.testing.assert_array_equal(got[0], np.float32([-2.7831852436065674, -0.7168145179748535, -2.566370725631714]))
    assert got[1] == np.float32(14.84620189666748)
    np.testing.assert_array_equal(got[2], np.float32([-5.566370487213135, -1.433629035949707, -5.132741451263428]))


def test_remainders_by_a_tensor_are_exact_too():
    """probe6 P9: by a non-scalar divisor the remainder was ``x - floor(x / y) * y``: -inf where ``x / y`` overflows,
    0.0 for ``5 % 0.1`` in float32 and NaN for ``1 % inf``."""
    a = tf.placeholder(tf.float64, [None])
    b = tf.placeholder(tf.float64, [None])
    with tf.Session() as sess:
        got = sess.run(tf.floormod(a, b), {a: [1e300, -1e300, 5.0, -5.0, 7.0, 0.0, 3.0, 1.0, -1.0, np.inf],
                                           b: [1e-300, 3e-300, 3.0, 3.0, -2.0, 2.0, 0.0, np.inf, np.inf, 2.0]})
        grads = sess.run(tf.gradients(tf.reduce_sum(tf.floormod(a, b)), [a, b]), {a: [1e300, 1e6 + 0.3, 7.0],
                                                                                b: [1e-300, 0.1, -2.0]})
    # TF 2.21 tf.compat.v1, every digit
    np.testing.assert_array_equal(got, [4.891554850853602e-301, 2.037368231039401e-300, 2.0, 1.0, -1.0, 0.0, np.nan, 1.0, np.inf,
                                        np.nan])
    np.testing.assert_array_equal(grads[0], [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(grads[1], [-np.inf, -10000003.0, 4.0])


def test_float32_remainders_by_a_broadcast_tensor_train_with_tf1s_gradient():
    x = tf.placeholder(tf.float32, [None, 2])
    period = tf.Variable([0.1, 2.5])
    remainder = x % period
    loss = tf.reduce_sum(tf.square(remainder))
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    feed = {x: [[5.0, -7.3], [1e6 + 0.3, 3e38]]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([remainder, *tf.gradients(loss, [x, period]), 5.0 % period, tf.floormod(3e38, period)], feed)
        sess.run(train, feed)
        trained = sess.run(period)
    # TF 2.21 tf.compat.v1, every digit
    np.testing.assert_array_equal(got[0], np.float32([[0.09999992698431015, 0.19999980926513672],
                                                      [0.0975988358259201, 2.0]]))
    np.testing.assert_array_equal(got[1], np.float32([[0.1999998539686203, 0.39999961853027344],
                                                      [0.1951976716518402, 4.0]]))
    np.testing.assert_array_equal(got[2], np.float32([-1951987.25, -np.inf]))
    np.testing.assert_array_equal(got[3], np.float32([0.09999992698431015, 0.0]))
    np.testing.assert_array_equal(got[4], np.float32([0.07959481328725815, 2.0]))
    np.testing.assert_array_equal(trained, np.float32([19519.970703125, np.inf]))


def test_remainder_by_a_tensor_on_the_jax_backend():
    pytest.importorskip("jax")
    a = tf.placeholder(tf.float32, [None])
    b = tf.placeholder(tf.float32, [None])
    with tf.Session(config=tf.ConfigProto(backend="jax")) as sess:
        got = sess.run(a % b, {a: [5.0, 1e6 + 0.3, -7.5], b: [0.1, 0.1, 2.0]})
    np.testing.assert_array_equal(got, np.float32([0.09999992698431015, 0.0975988358259201, 0.5]))  # TF 2.21 tf.compat.v1
