"""``tf.assign(..., validate_shape=False)`` and ``Variable.assign_add(..., read_value=False)`` (probe9 S10): a value
of another shape with ``validate_shape=False`` (TF1 reshapes the variable) is a typed refusal saying why, not the
``ValueError`` of ``validate_shape=True``; ``read_value=False`` gives TF1's op, which a run fetches as None.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_validate_shape_false_and_read_value_false():
    v = tf.Variable(np.float32([[1., 2., 3.], [4., 5., 6.]]), name="v")
    c = tf.Variable(0.0, name="c")
    with pytest.raises(UnsupportedOperationError, match="changing a variable's shape"):
        tf.assign(v, tf.ones([3, 2]), validate_shape=False)
    with pytest.raises(UnsupportedOperationError, match="changing a variable's shape"):
        tf.assign(v, np.ones((3, 2)), validate_shape=False)
    with pytest.raises(ValueError, match="incompatible"):
        tf.assign(v, tf.ones([3, 2]))
    same = tf.assign(v, tf.zeros([2, 3]), validate_shape=False)  # the same shape: an assignment as any
    up, down = c.assign_add(2.0, read_value=False), c.assign_sub(0.5)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: [None, 1.5], then c = 1.5
        assert [sess.run(up), sess.run(down)] == [None, np.float32(1.5)] and sess.run(c) == np.float32(1.5)
        assert sess.run(same).tolist() == [[0.0] * 3] * 2
