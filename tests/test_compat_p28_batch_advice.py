"""Two ``[None, k]`` placeholders fed different numbers of rows: the refusal says how to declare a second set
(probe28 P28-1).

The vectorized k-NN distance between a train set and a test set (CS231n's "no loops" form) feeds 50 and 7 rows; the
one batch size m refuses it, and the only advice was "feed arrays with the same number of examples", impossible for
two different sets.  The message now names the placeholder to declare with its size (or without a shape), which
gives TF1's answer.  The nearest neighbours below were printed by TensorFlow 2.21's ``tf.compat.v1`` for the same
data (``np.random.RandomState(0)``) in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _data():
    rng = np.random.RandomState(0)
    train = rng.rand(50, 4).astype(np.float32)
    rng.randint(0, 3, 50)
    return train, rng.rand(7, 4).astype(np.float32)


def _nearest(xtr, xte):
    d = tf.reduce_sum(tf.square(xte), 1, keep_dims=True) - 2 * tf.matmul(xte, xtr, transpose_b=True) \
        + tf.transpose(tf.reduce_sum(tf.square(xtr), 1, keep_dims=True))
    return tf.argmin(d, 1)


def test_the_refusal_names_the_declaration_that_works():
    train, test = _data()
    xtr, xte = tf.placeholder(tf.float32, [None, 4]), tf.placeholder(tf.float32, [None, 4])
    nearest = _nearest(xtr, xte)
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as caught:
            sess.run(nearest, {xtr: train, xte: test})
    text = str(caught.value)
    assert "Placeholder:0 was fed 50 examples and Placeholder_1:0 7" in text
    assert "different sets" in text and "tf.placeholder(tf.float32, [7, 4])" in text \
        and "tf.placeholder(tf.float32)" in text


def test_the_advice_gives_tf1s_neighbours():
    train, test = _data()
    xtr, xte = tf.placeholder(tf.float32, [None, 4]), tf.placeholder(tf.float32, [7, 4])
    with tf.Session() as sess:
        assert sess.run(_nearest(xtr, xte), {xtr: train, xte: test}).tolist() == [12, 16, 32, 49, 48, 32, 13]  # TF 2.21
