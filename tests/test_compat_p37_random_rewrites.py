"""The refusals of an integer ``tf.random_uniform`` of the fed batch's shape (in-graph negative sampling) and of
``dropout(noise_shape=...)`` name the rewrite that runs (probe37 P37-7), and those rewrites run: integer ids in
``[0, n)`` of the batch's length, and a mask shared along the rows (hand NumPy: each entry 0 or ``1 / (1 - rate)``,
every row the same)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_integer_draws_of_the_batch_shape_name_the_float_rewrite():
    ids = tf.placeholder(tf.int64, [None])
    with pytest.raises(UnsupportedOperationError, match=r"tf\.cast\(tf\.floor\(u \* n\), tf\.int64\).*"
                                                        r"np\.random\.randint\(0, n, size=len\(batch\)\)"):
        tf.random_uniform(tf.shape(ids), 0, 7, dtype=tf.int64)
    negatives = tf.cast(tf.floor(tf.random_uniform(tf.shape(ids)) * 7), tf.int64)
    with tf.Session() as s:
        drawn = s.run(negatives, {ids: np.arange(50)})
    assert drawn.dtype == np.int64 and drawn.shape == (50,) and 0 <= drawn.min() and drawn.max() < 7


@pytest.mark.parametrize("dropout", ["nn", "layers"])
def test_a_shared_dropout_mask_names_the_broadcast_mask(dropout):
    x = tf.ones([3, 4])
    with pytest.raises(UnsupportedOperationError, match=r"noise_shape=\[1, 4\].*x \* tf\.cast\(tf\.random_uniform"
                                                        r"\(\[1, 4\]\) >= rate, x\.dtype\) / \(1 - rate\)"):
        if dropout == "nn":
            tf.nn.dropout(x, rate=0.5, noise_shape=[1, 4])
        else:
            tf.layers.dropout(x, 0.5, noise_shape=[1, 4], training=True)
    masked = x * tf.cast(tf.random_uniform([1, 4]) >= 0.5, x.dtype) / (1 - 0.5)
    with tf.Session() as s:
        value = s.run(masked)
    assert value.shape == (3, 4) and set(value.ravel().tolist()) <= {0.0, 2.0} and (value == value[0]).all()
