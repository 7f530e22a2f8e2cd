"""A variable that starts infinite or NaN (probe15 Y10): ``best_loss = tf.Variable(np.inf)`` for early stopping kept
in the graph, ``tf.Variable(tf.fill([k], -np.inf))`` for a running maximum.  TF1 makes them; symopt refused them with
the core library's "expected finite numbers" (a rule of ``symopt.minimize``'s starting points, not of TF1).  The
values are TF 2.21 ``tf.compat.v1``'s (/tmp/c15/y10.py in compat15's notes)."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_variables_start_infinite_or_nan_as_in_tf1():
    loss = tf.placeholder(tf.float32, [])
    best = tf.Variable(np.inf, trainable=False, name="best_loss")
    update = tf.assign(best, tf.minimum(best, loss))
    kept = tf.get_variable("best", initializer=tf.constant(np.inf), trainable=False)
    top = tf.Variable(tf.fill([3], -np.inf), trainable=False)
    x = tf.placeholder(tf.float32, [3])
    running_max = tf.assign(top, tf.maximum(top, x))
    partly = tf.Variable([1.0, np.nan])
    w = tf.Variable(np.inf)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(w * 2.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        start = sess.run([best, kept, top, partly, w, best.initial_value])
        for value in (3.0, 5.0, 2.0):
            sess.run(update, {loss: value})
        sess.run(running_max, {x: [1., -2., 3.]})
        sess.run(train)
        after = sess.run([best, top, w])
    # TF 2.21: inf inf [-inf -inf -inf] [1 nan] inf inf
    np.testing.assert_array_equal(np.concatenate([np.ravel(v) for v in start]),
                                  [np.inf, np.inf, -np.inf, -np.inf, -np.inf, 1.0, np.nan, np.inf, np.inf])
    assert [np.asarray(v).tolist() for v in after] == [2.0, [1.0, -2.0, 3.0], np.inf]  # TF 2.21
    assert repr(best) == "<tf.Variable 'best_loss:0' shape=() dtype=float32_ref>"
