"""Two reshapes of one batch in one program (probe9 S1): their sizes (``4*m``) were shared nodes, so the program named
one ``t0 = 4*m`` and rebuilding ``Reshape(x, t0, 1)`` failed its own size check ("cannot lay out m x 4 entries as
t0 x 1").  A reshape's sizes are part of the node.  Expected values from TF 2.21 tf.compat.v1."""

from __future__ import annotations

import numpy as np

import symopt.compat.v1 as tf


def test_two_reshapes_of_a_batch_fetched_together():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 4])
    flat, row = tf.reshape(x, [-1]), tf.reshape(x, [1, -1])
    with tf.Session() as session:
        a, b = session.run([flat, row], {x: np.ones((2, 4))})
    assert a.shape == (8,) and b.shape == (1, 8)


def test_two_reshapes_in_one_expression_and_its_gradient():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 4])
    total = tf.reduce_sum(tf.reshape(x, [2, -1])) + tf.reduce_sum(tf.reshape(x, [-1, 2]))
    squares = tf.reduce_sum(tf.square(tf.reshape(x, [2, -1]))) + tf.reduce_sum(tf.reshape(x, [-1, 2]))
    with tf.Session() as session:
        assert session.run(total, {x: np.arange(12.0).reshape(3, 4)}) == 132.0  # TF 2.21: 132.0
        values = np.arange(8.0).reshape(2, 4)
        gradient = session.run(tf.gradients(squares, x)[0], {x: values})
    np.testing.assert_array_equal(gradient, 2 * values + 1)
