"""P62-3: ``tf.losses.sparse_softmax_cross_entropy`` squeezes ``[batch, 1]`` weights given as a list or NumPy array,
as TF1's ``_remove_squeezable_dimensions`` does (it did so only for tensors).  Expected value: TF 2.21
``tf.compat.v1`` (probe62 p24_ssce_weights.py, case ``constants``): 0.21250819."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

LOGITS = [[1.0, 2.0, -1.0], [0.5, 0.5, 3.0]]


@pytest.mark.parametrize("weights", [[[1.0], [0.5]], np.array([1.0, 0.5])[:, None]], ids=["list", "array"])
def test_column_weights_given_as_numbers_are_squeezed(weights):
    tf.reset_default_graph()
    loss = tf.losses.sparse_softmax_cross_entropy([1, 2], tf.constant(LOGITS), weights=weights)
    with tf.Session() as session:
        np.testing.assert_allclose(session.run(loss), np.float32(0.21250819), rtol=1e-6)
