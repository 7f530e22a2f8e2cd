"""P81-3: a column made of a vector (``tf.reshape(x, [-1, 1])``, ``tf.expand_dims(x, 1)``) has TF1's static shape
(n, 1); reducing it over axis 1 / -1, and argmax / argmin over axis 1, run per row as TF 2.21 does (they raised
"was declared with the rank-1 shape")."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

X = np.array([1., -2., 3.], np.float32)

# TF 2.21 tf.compat.v1 graph-mode values for x = [1, -2, 3] (probe81 p81_3_column_reduce.py, run with tf)
CASES = {
    "mean_last": (lambda x: tf.reduce_mean(tf.reshape(x, [-1, 1]), axis=-1), [1., -2., 3.]),
    "sum_expand": (lambda x: tf.reduce_sum(tf.expand_dims(x, 1), axis=1), [1., -2., 3.]),
    "sum_reshape_3_1": (lambda x: tf.reduce_sum(tf.reshape(x, [3, 1]), 1), [1., -2., 3.]),
    "sum_kept": (lambda x: tf.reduce_sum(tf.reshape(x, [-1, 1]), axis=1, keepdims=True), [[1.], [-2.], [3.]]),
    "min": (lambda x: tf.reduce_min(tf.reshape(x, [-1, 1]), axis=1), [1., -2., 3.]),
    "argmax": (lambda x: tf.argmax(tf.reshape(x, [-1, 1]), axis=1), [0, 0, 0]),
    "argmin": (lambda x: tf.argmin(tf.expand_dims(x, 1), 1), [0, 0, 0]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_column_of_vector_reduces_per_row(case):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [3])
    build, expected = CASES[case]
    with tf.Session() as session:
        np.testing.assert_array_equal(session.run(build(x), {x: X}), expected)


def test_column_row_sum_gradient_is_hand_derivative():
    # d/dx sum_i (sum over the row of the column x_i^2) = 2 x (by hand)
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    column = tf.expand_dims(x, 1)
    (gradient,) = tf.gradients(tf.reduce_sum(tf.reduce_sum(column * column, axis=1)), [x])
    with tf.Session() as session:
        np.testing.assert_allclose(session.run(gradient, {x: X}), 2 * X)
