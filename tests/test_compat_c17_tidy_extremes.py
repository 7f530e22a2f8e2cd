"""``tf.maximum(x, c)`` / ``tf.minimum(x, c)`` of a constant ``c`` (ReLU written as ``tf.maximum(z, 0.)``,
``tf.clip_by_value`` with constant bounds) compute one comparison and one choice per step (review6 R6-8: a
``0*numpy.ones`` matrix, an ``x == x`` mask and a second choice at every step), with the same numbers: TF1's values
(NaN where ``x`` is NaN, infinities kept) and TF1's gradients (to ``x`` where ``x >= c``, none at a NaN ``x``:
probe18 G14).

The values and gradients were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same program
(/tmp/c17/mx.py of compat17's session); TensorFlow is not needed here.  (At an exact tie of signed zeros TF1's
vectorized kernel returns ``c``, its scalar kernel ``x``; symopt returns ``x``, as before; the cases avoid them.)
"""

import math

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

nan, inf = math.nan, math.inf
X = np.float32([[nan, -1.0, 0.0, 2.0, 0.25], [inf, -inf, 0.5, 3.0, -2.5]])
G = np.float32([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]])
#: case -> (TF 2.21's value, its gradient with grad_ys G)
GOLDENS = {
    "max0": (lambda t: tf.maximum(t, 0.), [[nan, 0.0, 0.0, 2.0, 0.25], [inf, 0.0, 0.5, 3.0, 0.0]],
             [[0, 0, 3, 4, 5], [6, 0, 8, 9, 0]]),
    "max_half": (lambda t: tf.maximum(t, 0.5), [[nan, 0.5, 0.5, 2.0, 0.5], [inf, 0.5, 0.5, 3.0, 0.5]],
                 [[0, 0, 0, 4, 0], [6, 0, 8, 9, 0]]),
    "min0": (lambda t: tf.minimum(t, 0.), [[nan, -1.0, 0.0, 0.0, 0.0], [0.0, -inf, 0.0, 0.0, -2.5]],
             [[0, 2, 3, 0, 0], [0, 7, 0, 0, 10]]),
    "clip": (lambda t: tf.clip_by_value(t, -1.0, 2.0), [[nan, -1.0, 0.0, 2.0, 0.25], [2.0, -1.0, 0.5, 2.0, -1.0]],
             [[0, 2, 3, 4, 5], [0, 0, 8, 0, 0]]),
    "clip_inf": (lambda t: tf.clip_by_value(t, 0.0, np.inf), [[nan, 0.0, 0.0, 2.0, 0.25], [inf, 0.0, 0.5, 3.0, 0.0]],
                 [[0, 0, 3, 4, 5], [6, 0, 8, 9, 0]]),
}


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_extremes_of_a_constant_keep_tf1s_numbers(case):
    make, value, gradient = GOLDENS[case]
    x = tf.placeholder(tf.float32, [None, 5])
    g = tf.placeholder(tf.float32, [None, 5])
    result = make(x)
    with tf.Session() as sess:
        values = sess.run([result, tf.gradients(result, x, grad_ys=g)[0]], {x: X, g: G})
    np.testing.assert_array_equal(values[0], np.float32(value))
    np.testing.assert_array_equal(values[1], np.float32(gradient))


def test_a_relu_step_computes_one_comparison_and_one_choice():
    x = tf.placeholder(tf.float32, [None, 4])
    W = tf.Variable(np.float32(np.arange(12).reshape(4, 3) / 10 - 0.5))
    h = tf.maximum(tf.matmul(x, W), 0.)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(h * h))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {x: np.ones((5, 4), np.float32)})
        trained = sess.run(W)
    source = train.compiled.step.source
    assert "numpy.ones" not in source  # no ones matrix for the constant 0
    assert source.count("select(") == 3  # the value's choice, and the gradient's two (x >= 0, x not NaN)
    expected = np.float32(np.arange(12).reshape(4, 3) / 10 - 0.5)
    z = np.ones((5, 4), np.float32) @ expected
    expected -= np.float32(0.1) * (np.ones((5, 4), np.float32).T @ (2 * np.maximum(z, 0) * (z >= 0)))
    np.testing.assert_allclose(trained, expected, rtol=1e-6)
