"""Streaming metrics as TF1 programs use them: a validation metric's update run with only its own data fed (probe
S14: it demanded the first metric's placeholder), and labels ``[N, 1]`` against ``tf.argmax`` predictions ``[N]``
(probe S6: refused; TF1 drops the trailing dimension of 1).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_each_metric_update_needs_only_its_own_feed():
    v = tf.placeholder(tf.float32, [None])
    w = tf.placeholder(tf.float32, [None])
    m1, u1 = tf.metrics.mean(v)
    m2, u2 = tf.metrics.mean(w)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        sess.run(u2, {w: [4.0, 1.0]})
        sess.run(u1, {v: [2.0]})
        sess.run(u2, {w: [3.0]})
        assert sess.run([m1, m2]) == [np.float32(2.0), np.float32(2.6666667)]  # TF 2.21 tf.compat.v1


def test_accuracy_of_column_labels_against_argmax_predictions():
    y = tf.placeholder(tf.int64, [None, 1])
    logits = tf.placeholder(tf.float32, [None, 3])
    acc, acc_up = tf.metrics.accuracy(y, tf.argmax(logits, 1))
    constant_acc, constant_up = tf.metrics.accuracy(tf.constant([[1], [0]]), tf.constant([1, 0]))
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        sess.run(acc_up, {y: [[0], [2], [1]], logits: [[1, 0, 0], [0, 1, 0], [0, 2, 3]]})
        sess.run(acc_up, {y: [[1]], logits: [[0, 1, 0]]})
        sess.run(constant_up)
        assert sess.run([acc, constant_acc]) == [np.float32(0.5), np.float32(1.0)]  # TF 2.21 tf.compat.v1
    assert acc.shape == ()
