"""``tf.slice`` with the batch size ``tf.shape(x)[0]`` as a size (the Stack Overflow form of ``x[:, j:j+1]``, a column
of the batch) runs as TF1's (probe22 H6), where symopt raised a bare ``ValueError`` ("size must be 2 integers").

TF 2.21's ``tf.compat.v1`` in graph mode printed the values (/tmp/c18_h6.py of compat18's session); TensorFlow is not
needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

X = [[1.0, 2.0], [3.0, 5.0], [7.0, 11.0]]


def test_a_column_of_the_batch_by_its_size():
    x = tf.placeholder(tf.float32, [None, 2])
    v = tf.placeholder(tf.float32, [None])
    b = tf.shape(x)[0]
    feed = {x: X, v: [1.0, 2.0, 3.0]}
    with tf.Session() as s:
        np.testing.assert_array_equal(s.run(tf.slice(x, [0, 1], [b, 1]), feed), [[2.0], [5.0], [11.0]])
        np.testing.assert_array_equal(s.run(tf.slice(x, [0, 0], [tf.shape(x)[0], 1]), feed), [[1.0], [3.0], [7.0]])
        np.testing.assert_array_equal(s.run(tf.slice(x, [0, 0], tf.shape(x)), feed), X)
        np.testing.assert_array_equal(s.run(tf.slice(x, [0, 1], tf.stack([b, 1])), feed), [[2.0], [5.0], [11.0]])
        np.testing.assert_array_equal(s.run(tf.slice(v, [0], [tf.shape(v)[0]]), feed), [1.0, 2.0, 3.0])
        np.testing.assert_array_equal(s.run(tf.slice(x, [0, tf.constant(1)], [-1, 1]), feed), [[2.0], [5.0], [11.0]])


def test_its_gradient_is_tf1s():
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[1.0], [2.0]])
    loss = tf.reduce_sum(tf.square(tf.matmul(x, W) * tf.slice(x, [0, 1], [tf.shape(x)[0], 1])))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(s.run(tf.gradients(loss, W)[0], {x: X}), [[51116.0], [80528.0]])  # TF 2.21


def test_other_sizes_of_the_batch_are_typed_refusals():
    x = tf.placeholder(tf.float32, [None, 2])
    b = tf.shape(x)[0]
    with pytest.raises(UnsupportedOperationError, match="takes a size of the whole batch"):
        tf.slice(x, [0, 0], [b // 2, -1])  # TF1: the first half of the rows
    # TF1: x[1:]; rows of a batch are not supported (final32 #10e: refused by its size, which named "less begin")
    with pytest.raises(UnsupportedOperationError, match=r"size m - 1 along axis 0 .* takes a size of the whole batch"):
        tf.slice(x, [1, 0], [b - 1, -1])
    with pytest.raises(UnsupportedOperationError, match="the batch size"):
        tf.strided_slice(x, [0, 0], [b, 1])
