"""A batch that does not fit constant labels beside [None, k] logits is TF1's InvalidArgumentError, and symopt's advice
fits a constant: feed it through a [None] placeholder, not "declare it with None" (review final45b 45b-10).

Expected: TensorFlow 2.21 ``tf.compat.v1``'s message prefix ('logits and labels must have the same first dimension,
got logits shape [5,3] and labels shape [4]') for a batch of 5 beside ``tf.constant([0, 1, 2, 1])``.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def test_constant_labels_are_advised_a_placeholder():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    w = tf.Variable(np.ones((2, 3), np.float32))
    labels = tf.constant([0, 1, 2, 1])
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=tf.matmul(x, w))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(tf.errors.InvalidArgumentError) as raised:
            sess.run(loss, {x: np.ones((5, 2), np.float32)})
    message = str(raised.value)
    assert message.startswith("logits and labels must have the same first dimension, got logits shape [5,3] and "
                              "labels shape [4]")
    assert "declare it with None" not in message
    assert "tf.placeholder(..., [None])" in message
