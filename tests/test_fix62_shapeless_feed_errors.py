"""P63-2: a placeholder without a shape fed a value that the ops reading it refuse (``tf.assign(a, ph)`` of a
``(2,)`` variable fed 3 values, ``a * ph``, ``scatter_update``) is TF1's ``tf.errors.InvalidArgumentError`` at run
time, naming the fed shape, not the graph-building ``ValueError``; nothing changes and the next good run works.
Expected: TF 2.21 ``tf.compat.v1`` raises ``InvalidArgumentError`` for each (probe63 c10.py, c37.py)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def test_ops_refusing_a_shapeless_feed_raise_invalid_argument():
    tf.reset_default_graph()
    a = tf.Variable(np.float32([10, 20]), name="a")
    ph = tf.placeholder(tf.float32)
    operations = [tf.assign(a, ph), tf.assign_add(a, ph), tf.assign_sub(a, ph), a.assign(ph),
                  tf.scatter_update(a, [0], ph), a * ph]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for operation in operations:
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"fed shape \(3,\)"):
                session.run(operation, {ph: np.float32([1, 2, 3])})
        np.testing.assert_array_equal(session.run(a), np.float32([10, 20]))
        np.testing.assert_array_equal(session.run(tf.assign(a, ph), {ph: np.float32([1, 2])}), np.float32([1, 2]))


def test_shapeless_labels_fed_other_rows_than_the_batch_are_incompatible_shapes():
    """P63-4: TF 2.21 raises ``InvalidArgumentError: Incompatible shapes: [8,1] vs. [5,1]`` (probe63 c14.py); symopt
    called the slip a missing feature (``UnsupportedOperationError``) and advised declaring ``x`` with 5 rows."""
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, name="y")
    w = tf.Variable(np.float32([[0.1], [0.2], [0.3]]))
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - y))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        with pytest.raises(tf.errors.InvalidArgumentError, match="Incompatible shapes: y:0 was fed 5 rows where "
                                                                 "the run's batch has 8"):
            session.run(train, {x: np.ones((8, 3), np.float32), y: np.ones((5, 1), np.float32)})
        np.testing.assert_array_equal(session.run(w), np.float32([[0.1], [0.2], [0.3]]))
