"""46b-12 / 46b-3 (45b-11 reverted): tf.gradients with respect to a [None] placeholder read at a known length is
refused at graph build, as on main, and refusing it changes nothing else: the ops reading that placeholder still run
a length-1 (broadcast) feed, as TF 2.21 (loss 1.0, pred [-1.5] * 4 for the feed [0.5])."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def test_gradient_not_reading_the_placeholder_is_refused():
    # TF 2.21 sums the gradient over a broadcast length-1 feed ([3.] -> [3.]); 45b-11 returned [1., 2.] for any feed
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None])
    with pytest.raises(UnsupportedOperationError):
        tf.gradients(tf.reduce_sum(x * tf.Variable([1., 2.])), x)


def test_ops_reading_the_placeholder_still_take_a_length_one_feed():
    tf.reset_default_graph()
    c = np.array([1., 0., 1., 0.], np.float32)
    x = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_sum(tf.square(x - tf.constant(c)))
    pred = x - tf.constant([2., 2., 2., 2.])
    with pytest.raises(UnsupportedOperationError):
        tf.gradients(loss, x)
    with tf.Session() as session:
        got_loss, got_pred = session.run([loss, pred], {x: [0.5]})
    np.testing.assert_allclose(got_loss, np.sum((0.5 - c) ** 2))  # 1.0, TF 2.21's
    np.testing.assert_allclose(got_pred, [-1.5] * 4)
