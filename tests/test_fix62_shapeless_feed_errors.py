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
