"""probe15 Y5 (compat14): a gradient through ``tf.nn.top_k`` is refused in TF1's words (it named SymPy functions and
symopt's rule tables); the rewrites the message names run with TF 2.21's numbers."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_gradient_through_top_k_is_refused_in_tf1s_words():
    x = tf.placeholder(tf.float32, [None, 4])
    W = tf.Variable(tf.ones([4, 4]))
    kmax = tf.reduce_sum(tf.nn.top_k(tf.matmul(x, W), 2).values)  # k-max pooling
    for differentiate in (lambda: tf.gradients(kmax, W), lambda: tf.train.AdamOptimizer(0.1).minimize(kmax)):
        with pytest.raises(UnsupportedOperationError, match=r"^tf\.nn\.top_k has no gradient in symopt\.compat\.v1: "
                           r".*tf\.reduce_max\(x, axis=-1\).*tf\.stop_gradient") as refusal:
            differentiate()
        assert "PARTIALS" not in str(refusal.value) and "Piecewise" not in str(refusal.value)


def test_the_rewrites_it_names_run_as_tf1():
    x = tf.placeholder(tf.float32, [None, 4])
    W = tf.Variable(np.float32(np.eye(4)) * 2.0)
    h = tf.matmul(x, W)
    loss = (tf.reduce_sum(tf.reduce_max(h, axis=-1))
            + tf.reduce_sum(tf.stop_gradient(tf.nn.top_k(h, 2).values)) * tf.reduce_sum(W))
    gradient = tf.gradients(loss, W)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([loss, gradient], {x: [[1., 3., 2., 0.], [0.5, -1., 4., 1.]]})
    assert got[0] == 174.0  # TF 2.21
    assert np.array_equal(got[1], np.float32([[20, 21, 20.5, 20], [20, 23, 19, 20], [20, 22, 24, 20], [20, 20, 21, 20]]))
