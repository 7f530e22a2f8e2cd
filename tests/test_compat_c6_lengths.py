"""probe6 P14 (compat6): a ``[None]`` placeholder through ``tf.maximum`` / ``tf.clip_by_value`` / ``tf.where`` meeting
a tensor of known length builds, as ``x * c`` did (the constants made of its length take the known length too).
Expected numbers: TF 2.21 ``tf.compat.v1``."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_selections_of_an_unknown_length_meet_a_known_one():
    x = tf.placeholder(tf.float32, [None])
    c = tf.constant([1.0, -0.5, 2.0, 0.25])
    sums = [tf.reduce_sum(tf.maximum(x, 0.3) * c), tf.reduce_sum(tf.clip_by_value(x, -1.0, 1.0) * c),
            tf.reduce_sum(tf.nn.relu(x - 0.5) * c), tf.reduce_sum(tf.where(x > 0, x, 0.1 * x) * c)]
    with tf.Session() as sess:
        four = sess.run(sums, {x: [-1.3, 0.2, 0.9, 2.5]})
        one = sess.run(sums, {x: [0.7]})  # length 1: broadcast, as TF1
    assert four == [np.float32(2.5749998), np.float32(0.9499999), np.float32(1.3), np.float32(2.195)]  # TF 2.21
    assert one == [np.float32(1.925), np.float32(1.925), np.float32(0.54999995), np.float32(1.925)]
