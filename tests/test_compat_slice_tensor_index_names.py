"""A slice with a tensor index is one TF1 op (review2 F6): ``M[0, a]`` and ``M[a, a]`` took two strided_slice names
each, so every later slice's name was off, and the range error of ``M[1, a]`` named the op of an earlier
``M[0, a]``.  Names and messages from TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def test_each_slice_takes_one_name_and_its_range_error_names_it():
    tf.reset_default_graph()
    q = tf.placeholder(tf.float32, [5])
    M = tf.placeholder(tf.float32, [3, 4])
    a = tf.placeholder(tf.int32, [])
    slices = [q[a], M[0, a], M[a, a], M[:, a], M[a], q[1:], M[1, a], M[a, 2]]
    assert [t.name for t in slices] == [f"strided_slice{'' if i == 0 else f'_{i}'}:0" for i in range(8)]
    assert [op.name for op in tf.get_default_graph().get_operations()][3:] == \
        ["strided_slice"] + [f"strided_slice_{i}" for i in range(1, 8)]
    session = tf.Session()
    feed = {q: np.arange(5.0), M: np.arange(12.0).reshape(3, 4), a: 1}
    values = session.run(slices, feed)
    expected = [1.0, 1.0, 5.0, [1.0, 5.0, 9.0], [4.0, 5.0, 6.0, 7.0], [1.0, 2.0, 3.0, 4.0], 5.0, 6.0]
    for ours, theirs in zip(values, expected):
        np.testing.assert_array_equal(ours, theirs)
    assert session.run("strided_slice_6:0", feed) == 5.0  # get_tensor_by_name finds M[1, a], not an intermediate
    feed[a] = 5  # TF 2.21: "Node: 'strided_slice_6' slice index 5 of dimension 1 out of bounds."
    with pytest.raises(tf.errors.InvalidArgumentError, match="strided_slice_6: slice index 5 of dimension 1 out"):
        session.run(slices[6], feed)
    with pytest.raises(tf.errors.InvalidArgumentError, match="strided_slice_2: slice index 5 of dimension 0 out"):
        session.run(slices[2], feed)
