"""Float ``%`` / ``tf.floormod`` / ``tf.mod`` by a scalar carry TF1's exact remainder (``fmod``, then the divisor's
sign), not ``x - floor(x / y) * y`` rounded twice (which is off by up to half an ulp of ``x``: 0.125 instead of
0.11702991 at ``x = 1e6 + 0.5``); the gradients are TF1's (1 for ``x``, ``-floor(x / y)`` for ``y``).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

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
