"""probe9 S24: indexing with scalar int tensors (RL's ``q[action]``, ``M[i, j]``, ``M[:, a]``) is a ``tf.gather``
along each such axis, as TF1's strided slice computes it (value, gradient, InvalidArgumentError out of range); a slice
with a tensor bound (``q[a:]``) is a typed refusal naming a rewrite.  TF 2.21's values."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_scalar_tensor_indices_pick_as_tf1():
    q, a = tf.Variable([1., 2., 3.]), tf.placeholder(tf.int32, [])
    M, i = tf.Variable(np.float32([[1, 2, 3], [4, 5, 6]])), tf.placeholder(tf.int32, [])
    picks = [q[a], M[i], M[i, a], M[:, a], M[1, a], M[i, 2]]
    assert [t.shape.as_list() for t in picks] == [[], [3], [], [2], [], []]
    vector_gradient = tf.gradients(2.0 * q[a], q)[0]
    matrix_gradient = tf.gradients(tf.reduce_sum(M[i, a] * 3.0) + tf.reduce_sum(M[:, a]), M)[0]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        values = session.run(picks, {a: 1, i: 1})
        gradients = session.run([vector_gradient, matrix_gradient], {a: 2, i: 0})
        with pytest.raises(tf.errors.InvalidArgumentError):
            session.run(q[a], {a: 3})
    assert values[0] == 2.0 and values[2] == values[4] == 5.0 and values[5] == 6.0
    np.testing.assert_array_equal(values[1], [4., 5., 6.])
    np.testing.assert_array_equal(values[3], [2., 5.])
    np.testing.assert_array_equal(gradients[0], [0., 0., 2.])
    np.testing.assert_array_equal(gradients[1], [[0., 0., 4.], [0., 0., 1.]])


def test_a_slice_with_a_tensor_bound_is_a_typed_refusal_naming_a_rewrite():
    q, a = tf.Variable([1., 2., 3.]), tf.placeholder(tf.int32, [])
    with pytest.raises(UnsupportedOperationError, match=r"a slice with a tensor bound .*tf.range\(n\) >= a"):
        q[a:]
    with pytest.raises(UnsupportedOperationError, match=r"tf.gather\(q, indices\)"):
        q[tf.constant([0, 1])]
