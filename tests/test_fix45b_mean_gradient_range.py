"""The gradient of a mean of squares stays in range where TF1's does (probe78 P78-4): a product's scaled factor
(Square's ``2*r``) is scaled with the product's own coefficient (``1/m``), after the matmul, instead of first.

Expected values: TensorFlow 2.21 ``tf.compat.v1`` (graph mode) on the same programs: float16 ``[59712.0, 39808.0]``
(``X.T @ (2*r)`` alone is 119400, past float16's 65504: symopt gave ``[inf, inf]``), float32 ``[[1.8224998e+38]]``.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.mark.parametrize("reduce", ["mean", "sum/2"])
def test_float16_mean_square_gradient_is_tf1s(reduce):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float16, [None, 2])
    w = tf.Variable(np.array([[0.5], [0.25]], np.float16))
    square = tf.square(tf.matmul(x, w) - 1.0)
    cost = tf.reduce_mean(square) if reduce == "mean" else tf.reduce_sum(square) / 2.0
    (gradient,) = tf.gradients(cost, [w])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        got = session.run(gradient, {x: np.array([[300.0, 200.0], [1.0, 2.0]], np.float16)})
    assert got.ravel().tolist() == [59712.0, 39808.0]


def test_float32_mean_square_gradient_near_the_largest_float():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 1])
    w = tf.Variable([[1.0]])
    (gradient,) = tf.gradients(tf.reduce_mean(tf.square(tf.matmul(x, w))), [w])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        got = session.run(gradient, {x: np.array([[1.35e19], [0.0]], np.float32)})
    assert got.tolist() == [[np.float32(1.8224998e+38)]]
