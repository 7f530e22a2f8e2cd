"""A run that feeds both ``v`` and ``v/read:0`` computes the ops from the ``v/read:0`` feed, as TF1 (final42g
F42g-6); ``sess.run(v)`` and ``read_value()`` take the ``v`` feed.

Expected values: TF 2.21 ``tf.compat.v1`` (graph mode, ref variables), the same program.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf

F = np.array([10.0, 20.0], np.float32)


def test_feeding_both_a_variable_and_its_read_computes_ops_from_the_read():
    with tf.Graph().as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        w = tf.Variable([3.0, 4.0], name="w")
        read = tf.get_default_graph().get_tensor_by_name("v/read:0")
        fetches = [v, read, v * 1.0, v.read_value() * 1.0, tf.identity(v), tf.reduce_sum(v * w),
                   tf.gradients(tf.reduce_sum(v * v), v)[0], tf.gradients(tf.reduce_sum(v * w), w)[0]]
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            for feed in ({read: F, v: F + 1}, {v: F + 1, read: F}):  # either order of the keys
                got = [np.asarray(value).tolist() for value in session.run(fetches, feed)]
                # TF 2.21: v and read_value() the v feed; the ops reading v, and their gradients, the read's
                assert got == [[11.0, 21.0], [10.0, 20.0], [10.0, 20.0], [11.0, 21.0], [10.0, 20.0], 110.0,
                               [20.0, 40.0], [10.0, 20.0]]
            np.testing.assert_array_equal(session.run(v), [1.0, 2.0])
