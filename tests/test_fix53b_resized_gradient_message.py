"""final41a F41a-6, then fix45b: ``tf.gradients`` with respect to ``[None, k]`` logits that a cross-entropy beside
constant ``[2, k]`` labels reads at ``[2, k]`` is the gradient TF 2.21 computes (it was refused); a placeholder read
both at the known length and directly is still refused (typed) with a message naming the op, the shapes and the
placeholder to declare, not "a broadcasting op" the user never wrote."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_gradient_through_the_cross_entropy_is_tf1s():
    tf.reset_default_graph()
    logits = tf.placeholder(tf.float32, [None, 3])
    labels = tf.constant(np.eye(3, dtype=np.float32)[:2])
    loss = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
    (gradient,) = tf.gradients(loss, logits)
    value = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]], np.float32)
    with tf.Session() as session:  # softmax(z) - y, TF1's kernel's gradient (a hand NumPy oracle)
        softmax = np.exp(value) / np.exp(value).sum(1, keepdims=True)
        np.testing.assert_allclose(session.run(gradient, {logits: value}), softmax - np.eye(3)[:2], rtol=1e-6,
                                   atol=1e-7)


def test_gradient_refusal_names_the_cross_entropy():
    tf.reset_default_graph()
    logits = tf.placeholder(tf.float32, [None, 3])
    labels = tf.constant(np.eye(3, dtype=np.float32)[:2])
    loss = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
    with pytest.raises(UnsupportedOperationError) as refusal:
        tf.gradients(loss + tf.reduce_sum(logits), logits)  # read at [2, 3] and at the batch size
    message = str(refusal.value)
    assert "'softmax_cross_entropy_with_logits'" in message and "[2,3]" in message and "[?,3]" in message
    assert "tf.placeholder(tf.float32, [2, 3])" in message and "broadcasting" not in message
