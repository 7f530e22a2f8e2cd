"""A scalar ``tf.maximum`` / ``tf.minimum`` / ``tf.clip_by_value`` / ``tf.where`` is a selection as a tensor's is
(probe9 S11, S12): its gradient was a ``Piecewise`` derivative, ``0 * inf`` (NaN) where the clamp is active and the
outer derivative infinite, and the gradient of ``tf.log(tf.maximum(x, 0.0))`` raised SymPy's ``TypeError``.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

CLAMPED = [lambda t: tf.sqrt(tf.maximum(t, 0.0)), lambda t: tf.sqrt(1.0 - tf.minimum(t, 1.0)),
           lambda t: tf.acos(tf.clip_by_value(t, -1.0, 1.0)), lambda t: tf.log(1.0 - tf.clip_by_value(t, 0.0, 1.0))]
# TF 2.21 tf.compat.v1: the gradient at x = 2 and x = -1, of a scalar and of a [None] vector
TF1_GRADIENTS = [[0.35355338, 0.0], [0.0, -0.35355338], [0.0, -np.inf], [0.0, 0.0]]


def test_gradients_of_clamped_scalars_are_tf1s():
    x = tf.placeholder(tf.float32, [])
    v = tf.placeholder(tf.float32, [None])
    with tf.Session() as sess:
        for f, expected in zip(CLAMPED, TF1_GRADIENTS):
            gx = tf.gradients(f(x), x)[0]
            gv = tf.gradients(tf.reduce_sum(f(v)), v)[0]
            assert [sess.run(gx, {x: 2.0}), sess.run(gx, {x: -1.0})] == np.float32(expected).tolist()
            assert sess.run(gv, {v: [2.0, -1.0]}).tolist() == np.float32(expected).tolist()


def test_training_through_a_clamp_and_a_log_of_a_maximum():
    w = tf.Variable(-1.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.sqrt(tf.maximum(w, 0.0)) + tf.square(w + 0.5))
    x = tf.placeholder(tf.float32, [])
    y = tf.log(tf.maximum(x, 0.0))
    u = tf.Variable(2.0)
    p = tf.sigmoid(u - 3.0)
    loss = -tf.log(tf.maximum(p, 0.0)) - tf.log(tf.maximum(1.0 - p, 0.0))
    step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        assert sess.run(w) == np.float32(-0.9)  # TF 2.21 tf.compat.v1 (symopt gave nan)
        assert sess.run([y, tf.gradients(y, x)[0]], {x: 1.0}) == [0.0, 1.0]  # TF 2.21 tf.compat.v1
        assert sess.run([step, loss]) == [None, np.float32(1.6265233)]  # TF 2.21 tf.compat.v1
