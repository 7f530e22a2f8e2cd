"""``v.read_value()`` reads a fed value of ``v`` as ``tf.identity(v)`` and ``v * 1`` do (probe13 W11: it returned the
stored value, silently); inside ``tf.control_dependencies`` it still reads after the block's ops.  TF 2.21
tf.compat.v1 (``disable_v2_behavior``, reference variables) prints the same numbers."""

import numpy as np

import symopt.compat.v1 as tf


def test_read_value_reads_the_fed_value():
    tf.reset_default_graph()
    W = tf.Variable([1.0, 2.0])
    read = W.read_value()
    with tf.control_dependencies([tf.assign_add(W, [1.0, 1.0])]):
        after = W.read_value()
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert session.run(read, {W: [5.0, 6.0]}).tolist() == [5.0, 6.0]
        assert session.run(read * 2, {W: [5.0, 6.0]}).tolist() == [10.0, 12.0]
        assert session.run(read).tolist() == [1.0, 2.0]
        assert session.run(after).tolist() == [2.0, 3.0]
        np.testing.assert_array_equal(session.run(W), [2.0, 3.0])
