"""Comparisons and logical ops of tensors read from a placeholder without a shape are ``tf.bool`` (v-probe V7), so
``tf.cond`` takes them: cs20si lecture 3's Huber loss, fed one example at a time, trains as in TF1.
Expected numbers: TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_comparisons_of_a_shapeless_placeholder_are_bool():
    x = tf.placeholder(tf.float32, name="X")
    tests = [x < 3.0, tf.less(x, 3.0), tf.equal(x, 1.0), tf.not_equal(x, 1.0), x >= 1.0, tf.less_equal(x, 1.0),
             tf.logical_not(x > 1.0), tf.logical_and(x > 0, x < 2), tf.logical_or(x > 0, x < 2), tf.is_nan(x),
             tf.reduce_any(x > 0)]
    assert [t.dtype for t in tests] == [tf.bool] * len(tests)  # TF 2.21 tf.compat.v1: <dtype: 'bool'>
    with tf.Session() as sess:
        both, any_positive = sess.run([tf.logical_and(x > 0, x < 2), tf.reduce_any(x > 0)], {x: [1.0, -2.0]})
    np.testing.assert_array_equal(both, [True, False])
    assert any_positive


def test_cond_on_a_comparison_of_shapeless_placeholders():
    x = tf.placeholder(tf.float32, name="X")
    y = tf.placeholder(tf.float32, name="Y")
    w = tf.Variable(0.5)
    residual = tf.abs(y - w * x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(tf.cond(x < 3.0, lambda: x * 2.0, lambda: x * 3.0), {x: 1.0}) == 2.0
        assert sess.run(tf.cond(residual < 14.0, lambda: x * 2.0, lambda: x * 3.0), {x: 1.0, y: 20.0}) == 3.0
        assert not sess.run(residual < 14.0, {x: 1.0, y: 20.0})


def test_cs20si_huber_loss_one_example_at_a_time():
    data = np.float32([[1.0, 3.1], [2.0, 4.9], [3.0, 7.2], [4.0, 40.0], [5.0, 11.1]])
    X = tf.placeholder(tf.float32, name="X")
    Y = tf.placeholder(tf.float32, name="Y")
    w = tf.get_variable("weights", initializer=tf.constant(0.0))
    b = tf.get_variable("bias", initializer=tf.constant(0.0))
    Y_predicted = w * X + b

    def huber_loss(labels, predictions, delta=14.0):
        residual = tf.abs(labels - predictions)

        def f1():
            return 0.5 * tf.square(residual)

        def f2():
            return delta * residual - 0.5 * tf.square(delta)
        return tf.cond(residual < delta, f1, f2)

    loss = huber_loss(Y, Y_predicted)
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.001).minimize(loss)
    epoch_losses = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(30):
            total = 0
            for xx, yy in data:
                _, l = sess.run([optimizer, loss], feed_dict={X: xx, Y: yy})
                total += l
            epoch_losses.append(total / len(data))
        w_out, b_out = sess.run([w, b])
    # TF 2.21 tf.compat.v1
    assert epoch_losses[0] == pytest.approx(111.71956634521484, rel=1e-6)
    assert epoch_losses[10] == pytest.approx(81.66167449951172, rel=1e-6)
    assert epoch_losses[20] == pytest.approx(68.84515380859375, rel=1e-6)
    assert w_out == pytest.approx(2.48733, rel=1e-6)
    assert b_out == pytest.approx(0.66875386, rel=1e-6)
