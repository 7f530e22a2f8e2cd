"""``tf.nn.softmax_cross_entropy_with_logits_v2`` (and the deprecated v1) cast the labels to the logits' dtype, as
TF1's ``softmax_cross_entropy_with_logits_v2_helper`` does: integer one-hot rows fed from an int array and a float64
``np.eye(k)[y]`` run (probe18 G17: "Expected int32, got 1.0" / a 'Mul' dtype error / StopGradient's TypeError);
``tf.stop_gradient`` takes integer and bool tensors, as TF1's.

The loss 0.7042943 was printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode for the same program
(/work/wt/probe18/m23.py); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

LOSSES = {"v2": tf.nn.softmax_cross_entropy_with_logits_v2, "v1": tf.nn.softmax_cross_entropy_with_logits}


@pytest.mark.parametrize("labels_kind", ["int32 fed", "float64 array", "float64 constant"])
@pytest.mark.parametrize("version", sorted(LOSSES))
def test_labels_of_another_dtype_are_cast_to_the_logits_dtype(version, labels_kind):
    x = tf.placeholder(tf.float32, [2, 2])
    W = tf.Variable([[0.5, -0.5], [0.1, 0.2]])
    logits = tf.matmul(x, W)
    feed = {x: [[1.0, 2.0], [0.5, -1.0]]}
    if labels_kind == "int32 fed":
        labels = tf.placeholder(tf.int32, [2, 2])
        feed[labels] = [[1, 0], [0, 1]]
    else:
        labels = np.eye(2)[[0, 1]] if labels_kind == "float64 array" else tf.constant(np.eye(2)[[0, 1]])
    loss = tf.reduce_mean(LOSSES[version](labels=labels, logits=logits))
    assert loss.dtype == tf.float32
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(loss, feed) == np.float32(0.7042943)  # TF 2.21


def test_stop_gradient_takes_integers_and_bools():
    x = tf.placeholder(tf.int32, [2])
    b = tf.placeholder(tf.bool, [2])
    with tf.Session() as sess:
        assert sess.run(tf.stop_gradient(x * 2), {x: [1, 2]}).tolist() == [2, 4]
        assert sess.run(tf.stop_gradient(b), {b: [True, False]}).tolist() == [True, False]
