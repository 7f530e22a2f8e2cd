"""final47a2 47a2-11 / 47a2-12: tf.losses.sparse_softmax_cross_entropy of labels from a placeholder without a shape
(``tf.placeholder(tf.int64, shape=(None))``): unreduced (Reduction.NONE) its static shape is TF1's ``[None]``, one
loss per row of the logits, as tf.nn's (probe84 P84-1); int logits are TF1's TypeError when the graph is built.
Values and messages: TF 2.21 (tf.compat.v1, graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def test_unreduced_sparse_loss_has_rows_static_shape():
    tf.reset_default_graph()
    y, z = tf.placeholder(tf.int64, shape=(None)), tf.placeholder(tf.float32, [None, 3])
    loss = tf.losses.sparse_softmax_cross_entropy(y, z, reduction=tf.losses.Reduction.NONE)
    assert loss.shape.as_list() == [None]  # TF 2.21: [None]
    logits = np.array([[2., 1., 0.1], [0.5, 2.5, 0.3], [1., 2., -3.]], np.float32)
    with tf.Session() as session:
        out = session.run(loss, {y: [0, 1, 2], z: logits})
    shifted = logits - logits.max(axis=1, keepdims=True)  # hand NumPy (TF 2.21: [0.4076, 0.1698, 5.0134])
    hand = np.log(np.exp(shifted).sum(axis=1)) - shifted[np.arange(3), [0, 1, 2]]
    np.testing.assert_allclose(out, hand, rtol=1e-6)


def test_int_logits_of_shapeless_placeholders_refused_when_built():
    tf.reset_default_graph()
    with pytest.raises(TypeError) as error:  # TF 2.21, at build
        tf.losses.sparse_softmax_cross_entropy(tf.placeholder(tf.int64), tf.placeholder(tf.int32))
    assert str(error.value).startswith("Value passed to parameter 'features' has DataType int32 not in list of "
                                       "allowed values: float16, bfloat16, float32, float64")
