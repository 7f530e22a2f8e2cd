"""final41a F41a-6: ``tf.gradients`` with respect to ``[None, k]`` logits that a cross-entropy beside constant
``[2, k]`` labels reads at ``[2, k]`` is refused (typed) with a message naming that op, the shapes and the
placeholder to declare, not "a broadcasting op" the user never wrote.  (TF 2.21 computes this gradient; symopt
refuses it, documented in docs/compat.md.)"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_gradient_refusal_names_the_cross_entropy():
    tf.reset_default_graph()
    logits = tf.placeholder(tf.float32, [None, 3])
    labels = tf.constant(np.eye(3, dtype=np.float32)[:2])
    loss = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
    with pytest.raises(UnsupportedOperationError) as refusal:
        tf.gradients(loss, logits)
    message = str(refusal.value)
    assert "'softmax_cross_entropy_with_logits'" in message and "[2,3]" in message and "[?,3]" in message
    assert "tf.placeholder(tf.float32, [2, 3])" in message and "broadcasting" not in message
