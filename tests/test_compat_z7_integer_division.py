"""Integer ``//`` and ``%`` by a zero that comes from ``tf.cast`` of floats are TF1's ``InvalidArgumentError``
(probe9 S3): the division is computed in floats, and the infinity was wrapped to int32's smallest value, silently.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import InvalidArgumentError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_zero_divisor_cast_from_floats_is_refused_as_tf1():
    x = tf.placeholder(tf.float32, [None])
    y = tf.placeholder(tf.float32, [])
    i = tf.cast(x, tf.int32)
    with tf.Session() as sess:
        for divided in (tf.constant(7) // i, tf.constant(7) % i, tf.truncatediv(tf.constant(7), i),
                        tf.constant(7) // tf.cast(y, tf.int32)):
            with pytest.raises(InvalidArgumentError, match="Integer division by zero"):  # TF 2.21: an OpError
                sess.run(divided, {x: [2.0, 0.5], y: 0.25})
        # TF 2.21 tf.compat.v1: the same divisions by non-zero casts, and a cast divided by a number
        assert sess.run(i // 2, {x: [2.0, 0.5]}).tolist() == [1, 0]
        assert sess.run(tf.constant(9) // tf.cast(x * 2.0, tf.int32), {x: [2.0, 0.5]}).tolist() == [2, 9]
        assert sess.run(tf.constant(7) // i, {x: [2.0, 3.5]}).tolist() == [3, 2]
        assert sess.run(tf.constant(-7) % i, {x: [2.0, 3.5]}).tolist() == [1, 2]
        assert sess.run(tf.cast(x / 0.0, tf.int32), {x: [1.0]}).dtype == np.int32  # a cast of inf: no division


def test_a_zero_divisor_computed_from_the_batch_size_or_an_argmax_is_refused_as_tf1():
    X = tf.placeholder(tf.float32, [None, 3])
    n = tf.shape(X)[0]
    feed = {X: np.float32([[1, 0, 0], [0, 0, 0]]) * 0.1}
    with tf.Session() as sess:
        for divided in (tf.constant(10) // (n - 2), tf.constant(10) % (n - 2),
                        tf.constant(10, tf.int64) // tf.argmax(X, 1)):
            with pytest.raises(InvalidArgumentError, match="Integer division by zero"):  # TF 2.21: InvalidArgumentError
                sess.run(divided, feed)
        assert sess.run(tf.constant(10) // (n - 1), feed) == 10  # 10 // 1
