"""final43a F43a-2: TF1's ``tf.matmul(x, tf.matmul(W, v), transpose_b=True)`` and
``tf.matmul(x, tf.transpose(tf.matmul(W, v)))`` multiply the inner product first, as TF1 does, not the flattened
``(x @ v.T) @ W.T`` (inf·0 = NaN).

Oracle: TF 2.21 ``tf.compat.v1`` (float32), x=[[1e20, 1]], W=[[0, 1]], v=diag(1e20, 1): loss 1.0 and slope
[0, 0, 2e20, 2] for both spellings, 4.0 and [0, 0, 8e20, 8] for ``2.0 * tf.transpose(...)`` (literals below).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf

TF = {"transpose_b": (1.0, [0.0, 0.0, 2e20, 2.0]), "transpose_op": (1.0, [0.0, 0.0, 2e20, 2.0]),
      "scaled": (4.0, [0.0, 0.0, 8e20, 8.0])}
BUILD = {
    "transpose_b": lambda x, W, v: tf.matmul(x, tf.matmul(W, v), transpose_b=True),
    "transpose_op": lambda x, W, v: tf.matmul(x, tf.transpose(tf.matmul(W, v))),
    "scaled": lambda x, W, v: tf.matmul(x, 2.0 * tf.transpose(tf.matmul(W, v))),
}


@pytest.mark.parametrize("case", sorted(BUILD))
def test_a_transposed_inner_product_is_multiplied_first(case):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 2])
        v = tf.Variable(np.array([[1e20, 0.0], [0.0, 1.0]], np.float32))
        W = tf.placeholder(tf.float32, [1, 2])
        loss = tf.reduce_sum(tf.square(BUILD[case](x, W, v)))
        slope = tf.gradients(loss, [v])[0]
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            value, grad = session.run([loss, slope], {x: [[1e20, 1.0]], W: [[0.0, 1.0]]})
    expected_value, expected_slope = TF[case]
    assert value == expected_value
    np.testing.assert_allclose(np.ravel(grad), expected_slope, rtol=1e-6)
