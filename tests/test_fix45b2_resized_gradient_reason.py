"""tf.gradients with respect to a [None] placeholder that an op reads at a known length is refused with a reason that
describes symopt's read, not a broadcast the program never makes (review final45b 45b-11; TF 2.21 computes it:
``[-1.4, -2, 2, 1]`` for the feed below, a gap symopt still has).
"""

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_refusal_names_the_read_and_the_fix():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_sum(tf.square(x - tf.constant([1.0, 0.0, 1.0, 0.0])))
    with pytest.raises(UnsupportedOperationError) as raised:
        tf.gradients(loss, x)
    message = str(raised.value)
    assert "broadcast from one row" not in message
    assert "'Sub' reads at the known shape [4]" in message
    assert "tf.placeholder(tf.float32, [4])" in message
