"""Shapes given with the batch size ``tf.shape(x)[0]`` (probe S3: Python's raw ``TypeError``): ``tf.zeros``,
``tf.ones``, ``tf.fill`` and ``tf.reshape`` take it as TF1 does; other ops that need numbers say so with a typed
error.  Values as TF 2.21 ``tf.compat.v1`` prints them for the same program."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_batch_sized_fills_reshape_and_a_bias_column():
    x = tf.placeholder(tf.float32, [None, 3])
    b = tf.shape(x)[0]
    W = tf.Variable([[1.0], [2.0], [-1.0], [0.5]])
    with_bias = tf.concat([tf.ones([b, 1]), x], axis=1)  # the bias column idiom
    loss = tf.reduce_sum(tf.matmul(with_bias, W))
    fetches = [tf.zeros([b, 2]), tf.fill([b, 2], 0.5), tf.reshape(x, [b, -1]), tf.reshape(x, [b * 3]), with_bias,
               tf.gradients(loss, W)[0]]
    data = np.float32([[1, 2, 3], [4, 5, 6]])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        zeros, filled, same, flat, biased, grad = sess.run(fetches, {x: data})
    assert zeros.tolist() == [[0.0, 0.0], [0.0, 0.0]] and filled.tolist() == [[0.5, 0.5], [0.5, 0.5]]
    assert same.tolist() == data.tolist() and flat.tolist() == data.ravel().tolist()
    assert biased.tolist() == [[1, 1, 2, 3], [1, 4, 5, 6]]
    assert grad.ravel().tolist() == [2.0, 5.0, 7.0, 9.0]
    assert [fetches[i].shape.as_list() for i in (0, 1, 3, 4)] == [[None, 2], [None, 2], [None], [None, 4]]  # TF1's


def test_shapes_with_tensors_elsewhere_are_typed_errors():
    x = tf.placeholder(tf.float32, [None, 3])
    b = tf.shape(x)[0]
    with pytest.raises(UnsupportedOperationError, match="truncated_normal of the batch's shape"):
        tf.truncated_normal([b, 2])  # tf.random_normal([b, 2]) is drawn at every run (test_compat_c_batch_random)
    with pytest.raises(UnsupportedOperationError, match="multiple of the batch size"):
        tf.reshape(tf.constant([[1.0, 2.0]]), [b, 2])
    with pytest.raises(ValueError, match="Cannot reshape"):
        tf.reshape(x, [b * 2])
