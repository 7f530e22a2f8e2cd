"""``tf.maximum`` / ``tf.minimum`` / ``tf.clip_by_value`` at a NaN input (probe18 G14): the value is NaN, as before,
and the gradient goes where TF1's select-based gradient sends it: nothing into a NaN first operand (its comparison
is false), the rest to the second operand.  symopt passed the gradient 1 into the NaN, so a training step on a
batch with one NaN example moved the weights otherwise than TF1.  Goldens: TF 2.21 ``tf.compat.v1``
(/work/wt/probe18/m17.py, g6.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture

nan = np.nan


@pytest.mark.parametrize("build, fed, expected", [
    (lambda x: tf.maximum(x, 0.0), [nan, -1.0, 1.0], [0., 0., 1.]),
    (lambda x: tf.minimum(x, 0.0), [nan, -1.0, 1.0], [0., 1., 0.]),
    (lambda x: tf.clip_by_value(x, 0.0, 1.0), [nan, -1.0, 2.0], [0., 0., 0.]),
])
def test_no_gradient_into_a_nan_operand(build, fed, expected):
    x = tf.placeholder(tf.float32, [3])
    y = tf.reduce_sum(build(x))
    value, gradient = run([y, tf.gradients(y, x)[0]], {x: fed})
    assert np.isnan(value) and gradient.tolist() == expected  # TF 2.21 (symopt gave 1 at the NaN)


def test_the_second_operand_gets_the_gradient_at_a_nan_first_one():
    x = tf.placeholder(tf.float32, [2])
    c = tf.Variable([0.5, 0.5])
    y = tf.reduce_sum(tf.maximum(x, c))
    assert run(tf.gradients(y, c)[0], {x: [nan, 1.0]}).tolist() == [1.0, 0.0]  # TF1: gy = select(x >= y, 0, g)


def test_a_training_step_over_a_nan_example_moves_as_tf1():
    x = tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable([[2.0]])
    h = tf.log(tf.matmul(x, W))  # nan for the example with x * W < 0
    loss = tf.reduce_sum(tf.maximum(h, 0.0))
    grads = tf.gradients(loss, [h, W])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed = {x: [[1.0], [-1.0]]}
        _, dh, dW = sess.run([loss] + grads, feed)
        sess.run(train, feed)
        assert dh.tolist() == [[1.0], [0.0]] and dW.tolist() == [[0.5]]  # TF 2.21 (symopt gave [[1], [1]], [[1]])
        assert sess.run(W).tolist() == [[1.9500000476837158]]  # TF 2.21: [[1.95]] (symopt gave [[1.9]])


def test_values_with_nan_are_nan_either_way():
    x = tf.placeholder(tf.float32, [4])
    y = tf.placeholder(tf.float32, [4])
    high, low = run([tf.maximum(x, y), tf.minimum(x, y)], {x: [nan, 1.0, -0.0, 0.0], y: [1.0, nan, 0.0, -0.0]})
    np.testing.assert_array_equal(high, [nan, nan, 0.0, 0.0])
    np.testing.assert_array_equal(low, [nan, nan, 0.0, 0.0])


def test_a_broadcast_operand_against_a_nan_batch():
    x = tf.placeholder(tf.float32, [None, 1])
    c = tf.Variable([[0.5]])
    y = tf.reduce_sum(tf.maximum(c, x))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, (dc, dx) = sess.run([y, tf.gradients(y, [c, x])], {x: [[1.0], [nan], [0.2]]})
    # TF1: mask c >= x is [F, F, T]: dc = 1 (row 3), dx = [1, 1, 0]
    assert np.isnan(value) and dc.tolist() == [[1.0]] and dx.tolist() == [[1.0], [1.0], [0.0]]
