"""A Piecewise branch that is SymPy's complex infinity (probe9 S11): the scalar gradient of ``log(max(x, 0))`` is
``1/max(x, 0)`` selected where x > 0, and its untaken branch is ``1/0 = zoo``; printing it called ``float(zoo)`` and
raised "Cannot convert complex to float" at every point, x = 1 included.  It prints as NaN (no real value).
Expected numbers from TF 2.21 tf.compat.v1."""

from __future__ import annotations

import numpy as np

import symopt.compat.v1 as tf


def test_the_gradient_of_a_log_of_a_clamp_where_the_clamp_is_open():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [])
    y = tf.log(tf.maximum(x, 0.0))
    with tf.Session() as session:
        assert session.run(y, {x: 1.0}) == 0.0
        assert session.run(tf.gradients(y, x)[0], {x: 1.0}) == 1.0  # TF 2.21: 1.0
        assert session.run(tf.gradients(y, x)[0], {x: 4.0}) == np.float32(0.25)


def test_training_through_clamped_logs():
    tf.reset_default_graph()
    w = tf.Variable(2.0)
    p = tf.sigmoid(w - 3.0)
    loss = -tf.log(tf.maximum(p, 0.0)) - tf.log(tf.maximum(1.0 - p, 0.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert str(session.run([train, loss])[1]) == "1.6265233"  # TF 2.21: [None, 1.6265233]

