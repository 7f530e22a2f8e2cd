"""A NumPy integer count (``np.int64(3)``, from ``X.shape[1] // np.int64(2)`` or ``np.max(y) + 1``) splits as TF 2.21's
``tf.split`` reads it, into that many pieces (probe22 H16): symopt read it as a list of sizes ``[3]`` and returned
ONE piece, the whole tensor, when the count equalled the axis size.  ``tf.nn.top_k``, ``tf.zeros`` and
``tf.get_variable`` take one too.

TF 2.21's ``tf.compat.v1`` in graph mode printed the values (/tmp/c18_h16.py of compat18's session); TensorFlow is not
needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_numpy_integer_count_splits_into_that_many_pieces():
    c = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    d = tf.constant(np.arange(12, dtype=np.float32).reshape(2, 6))
    with tf.Session() as s:
        first = tf.split(c, np.int64(3), axis=1)[0]
        assert len(tf.split(c, np.int64(3), axis=1)) == 3
        assert s.run(first).tolist() == [[0.0], [3.0]] and s.run(tf.reduce_sum(first)) == 3.0
        assert [a.tolist() for a in s.run(tf.split(c, np.int32(3), 1))] == [[[0.0], [3.0]], [[1.0], [4.0]],
                                                                             [[2.0], [5.0]]]
        assert [a.tolist() for a in s.run(tf.split(d, np.int64(3), axis=1))] == [
            [[0.0, 1.0], [6.0, 7.0]], [[2.0, 3.0], [8.0, 9.0]], [[4.0, 5.0], [10.0, 11.0]]]
    with pytest.raises(ValueError, match="Rank-0 tensors are not supported as the num_or_size_splits argument"):
        tf.split(d, np.array(2), axis=1)


def test_other_numpy_integer_sizes():
    with tf.Session() as s:
        values, indices = s.run(tf.nn.top_k(tf.constant([1.0, 3.0, 2.0]), np.int64(2)))
        assert values.tolist() == [3.0, 2.0] and indices.tolist() == [1, 2]
        assert s.run(tf.zeros(np.int64(3))).tolist() == [0.0, 0.0, 0.0]
    assert tf.get_variable("v", np.int64(3)).shape.as_list() == [3]
