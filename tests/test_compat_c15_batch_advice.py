"""probe15 Y4: the kernel-SVM cookbook's accuracy (a prediction grid ``[None, 2]`` against a training batch
``[20, 1]``) is refused, and the message names the placeholder whose None is read as the batch (it said "the
placeholder"; the cookbook has four).  TF 2.21 runs it (the sizes are checked only when fed); symopt cannot."""

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_the_refusal_names_the_batch_placeholder():
    x_data = tf.placeholder(tf.float32, [20, 2])  # sized, as the earlier refusals asked
    y_target = tf.placeholder(tf.float32, [20, 1])
    prediction_grid = tf.placeholder(tf.float32, [None, 2], name="prediction_grid")
    prediction = tf.sign(tf.transpose(prediction_grid[:, :1])) + tf.reduce_sum(x_data) * 0.0
    with pytest.raises(UnsupportedOperationError, match=r"the batch of 'prediction_grid:0' fed with other rows than "
                                                        r"the 20 here .*else declare 'prediction_grid:0' with its size"):
        tf.equal(tf.squeeze(prediction), tf.squeeze(y_target))
