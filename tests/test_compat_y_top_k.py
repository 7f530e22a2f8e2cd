"""``tf.nn.top_k`` / ``tf.math.top_k`` (v-probe V3): the ``k`` largest entries of each row and their ``int32``
indices, ties to the lower index.  Expected values: TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_values_indices_names_and_ties():
    y = tf.constant(np.float32([[0.1, 0.7, 0.2, 0.7], [3.0, -1.0, 2.0, 0.0]]))
    values, indices = tf.nn.top_k(y, k=3)
    # TF 2.21 tf.compat.v1
    assert (str(values), str(indices)) == ('Tensor("TopKV2:0", shape=(2, 3), dtype=float32)',
                                           'Tensor("TopKV2:1", shape=(2, 3), dtype=int32)')
    assert tf.get_default_graph().get_tensor_by_name("TopKV2:1") is indices
    with tf.Session() as sess:
        got_values, got_indices = sess.run([values, indices])
    np.testing.assert_array_equal(got_values, np.float32([[0.7, 0.7, 0.2], [3.0, 2.0, 0.0]]))
    assert got_indices.tolist() == [[1, 3, 2], [0, 2, 3]] and got_indices.dtype == np.int32


def test_batch_placeholder_vector_and_namedtuple():
    x = tf.placeholder(tf.float32, [None, 5])
    result = tf.math.top_k(x, 2)
    vector = tf.nn.top_k(tf.constant([1.0, 5.0, 3.0]), k=2)
    with tf.Session() as sess:
        fetched = sess.run(result, {x: np.float32([[5, 1, 4, 2, 3], [0, 0, 1, 0, 1]])})
        fetched_vector = sess.run(vector)
    # TF 2.21 tf.compat.v1: TopKV2(values=..., indices=...)
    assert type(fetched).__name__ == "TopKV2"
    np.testing.assert_array_equal(fetched.values, [[5.0, 4.0], [1.0, 1.0]])
    assert fetched.indices.tolist() == [[0, 2], [2, 4]]
    np.testing.assert_array_equal(fetched_vector.values, [5.0, 3.0])
    assert fetched_vector.indices.tolist() == [1, 2]


def test_refusals():
    w = tf.Variable(np.float32([[1.0, 3.0, 2.0]]))
    values, _ = tf.nn.top_k(w, 2)
    with pytest.raises(UnsupportedOperationError, match=r"tf\.nn\.top_k has no gradient"):  # TF1 has a gradient: never a silent None
        tf.gradients(tf.reduce_sum(values), w)
    with pytest.raises(ValueError, match="at least k columns"):
        tf.nn.top_k(w, 4)
    with pytest.raises(UnsupportedOperationError, match="Python int"):
        tf.nn.top_k(w, tf.constant(2))
