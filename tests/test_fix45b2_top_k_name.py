"""``tf.nn.top_k`` of a placeholder without a shape names its values as TF1's op, ``TopKV2:0`` (review final45b 45b-8:
it was ``top_values:0``).

Expected: TensorFlow 2.21 ``tf.compat.v1`` (graph mode): ``TopKV2:0``; values ``[[3, 2]]``, indices ``[[1, 2]]`` of
``[[1, 3, 2]]`` (hand NumPy).
"""

import numpy as np

import symopt.compat.v1 as tf


def test_deferred_top_k_values_are_named_as_tf1():
    tf.reset_default_graph()
    p = tf.placeholder(tf.float32)
    values, indices = tf.nn.top_k(p, 2)
    assert values.name == "TopKV2:0"
    with tf.Session() as sess:
        got_values, got_indices = sess.run([values, indices], {p: np.array([[1, 3, 2]], np.float32)})
    np.testing.assert_array_equal(got_values, [[3, 2]])
    np.testing.assert_array_equal(got_indices, [[1, 2]])
