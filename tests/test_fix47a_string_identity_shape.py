"""final46a3 notes (c9837544): ``tf.identity`` of a rank-1 string placeholder is fetched in the placeholder's shape.
TF 2.21 (tf.compat.v1, graph mode): ``tf.identity(sl)`` of ``sl = tf.placeholder(tf.string, [None])`` (or ``[2]``,
or without a shape) fed ``["a", "b"]``, ``[b"a", b"b"]`` or ``np.array(["a", "b"])`` is ``[b'a', b'b']`` of shape
(2,); symopt gave shape (2, 1)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.mark.parametrize("shape", [[None], [2], None])
@pytest.mark.parametrize("fed", [["a", "b"], [b"a", b"b"], np.array(["a", "b"])], ids=["str", "bytes", "array"])
def test_identity_of_a_string_vector_keeps_its_shape(shape, fed):
    tf.reset_default_graph()
    strings = tf.placeholder(tf.string, shape)
    with tf.Session() as session:
        value = session.run(tf.identity(strings), {strings: fed})
    assert value.shape == (2,)
    assert value.tolist() == [b"a", b"b"]


def test_identity_of_string_scalar_and_column():
    # TF 2.21: a [] placeholder fed "a" gives b'a'; a [None, 1] one fed [["a"], ["b"]] keeps its (2, 1) shape
    tf.reset_default_graph()
    scalar, column = tf.placeholder(tf.string, []), tf.placeholder(tf.string, [None, 1])
    with tf.Session() as session:
        one, two = session.run([tf.identity(scalar), tf.identity(column)], {scalar: "a", column: [["a"], ["b"]]})
    assert one == b"a"
    assert two.shape == (2, 1) and two.tolist() == [[b"a"], [b"b"]]
