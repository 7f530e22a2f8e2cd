"""Several updates of one variable in one run (probe9 S19, S21): two training operations run together
(``sess.run([train_a, train_b])`` over a shared layer) both move it, each by its step from the run's start values
(one update was lost); ``apply_gradients`` with a variable listed twice applies both gradients with gradient descent
(it raised an internal ProgramError) and refuses other optimizers, naming the variable.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

FEED = [[1., 2.], [-1., 0.5], [0.3, 0.3]]
# TF 2.21 tf.compat.v1: shared after 3 runs of both tasks' steps (float32 sums: the last bit may differ)
TF1_SHARED = [0.33880022, -0.25016776, 0.40912133, 0.04269591]


def _two_tasks():
    X = tf.placeholder(tf.float32, [None, 2])
    shared = tf.Variable(np.float32([[0.5, -0.2], [0.1, 0.3]]), name="shared")
    h = tf.tanh(tf.matmul(X, shared))
    wa = tf.Variable(np.float32([[1.0], [0.5]]), name="wa")
    wb = tf.Variable(np.float32([[-0.3], [0.8]]), name="wb")
    loss_a = tf.reduce_mean(tf.square(tf.matmul(h, wa) - 1.0))
    loss_b = tf.reduce_mean(tf.square(tf.matmul(h, wb) + 1.0))
    return X, shared, wa, wb, loss_a, loss_b


def test_two_training_operations_on_one_variable_both_count():
    X, shared, wa, wb, loss_a, loss_b = _two_tasks()
    train_a = tf.train.GradientDescentOptimizer(0.1).minimize(loss_a)
    train_b = tf.train.GradientDescentOptimizer(0.1).minimize(loss_b)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run([train_a, train_b], {X: FEED})
        np.testing.assert_allclose(sess.run(shared).ravel(), TF1_SHARED, rtol=3e-7, atol=6e-8)  # an ulp of the entries (0.5)
        # TF 2.21 tf.compat.v1: each task's own weights
        np.testing.assert_allclose(sess.run(wa).ravel(), [0.9864282, 0.57779163], rtol=3e-7)
        np.testing.assert_allclose(sess.run(wb).ravel(), [-0.3708048, 0.68286806], rtol=3e-7)
    tf.reset_default_graph()
    w = tf.Variable(1.0)
    loss = tf.square(w - 3.0)
    steps = [tf.train.GradientDescentOptimizer(0.1).minimize(loss), tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss),
             tf.train.AdamOptimizer(0.1).minimize(loss)]
    with tf.Session() as sess:
        for pair, expected in (((0, 0), 1.8), ((0, 1), 1.8), ((0, 2), 1.5)):  # TF 2.21 tf.compat.v1
            sess.run(tf.global_variables_initializer())
            sess.run([steps[pair[0]], steps[pair[1]]] if pair[0] != pair[1] else
                     [steps[0], tf.train.GradientDescentOptimizer(0.1).minimize(loss)])
            assert sess.run(w) == np.float32(expected)


def test_apply_gradients_with_a_variable_listed_twice():
    X, shared, wa, wb, loss_a, loss_b = _two_tasks()
    opt = tf.train.GradientDescentOptimizer(0.1)
    train = opt.apply_gradients(opt.compute_gradients(loss_a, [shared, wa]) + opt.compute_gradients(loss_b, [shared, wb]))
    w = tf.Variable(1.0)
    twice = tf.train.GradientDescentOptimizer(0.1).apply_gradients([(tf.constant(1.0), w), (tf.constant(2.0), w)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train, {X: FEED})
        # TF 2.21 tf.compat.v1 (its last bits: [0.33880022, -0.25016776, 0.4091213, 0.04269593])
        np.testing.assert_allclose(sess.run(shared).ravel(), TF1_SHARED, rtol=3e-7, atol=6e-8)  # an ulp of the entries (0.5)
        sess.run(twice)
        assert sess.run(w) == np.float32(0.7)  # TF 2.21 tf.compat.v1
    with pytest.raises(UnsupportedOperationError, match="lists Variable:0 more than once"):
        tf.train.MomentumOptimizer(0.1, 0.9).apply_gradients([(tf.constant(1.0), w), (tf.constant(2.0), w)])
