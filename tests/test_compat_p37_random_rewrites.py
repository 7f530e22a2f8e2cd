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


def test_a_batch_wide_noise_shape_names_a_mask_tf1_builds_in_the_callers_words():
    """``noise_shape=[None, 1]`` with ``keep_prob``: the advice wrote ``tf.random_uniform([None, 1])`` (TF1 refuses
    it) and ``rate`` (final37 F37-7); now ``tf.shape(x)[0]`` and ``keep_prob``, and that rewrite runs."""
    x = tf.placeholder(tf.float32, [None, 4])
    with pytest.raises(UnsupportedOperationError) as error:
        tf.nn.dropout(x, keep_prob=0.8, noise_shape=[None, 1])
    assert ("x * tf.cast(tf.random_uniform([tf.shape(x)[0], 1]) < keep_prob, x.dtype) / keep_prob"
            in str(error.value))
    masked = x * tf.cast(tf.random_uniform([tf.shape(x)[0], 1]) < 0.8, x.dtype) / 0.8
    with tf.Session() as s:
        value = s.run(masked, {x: np.ones((5, 4), np.float32)})
    assert value.shape == (5, 4) and all(len(set(row)) == 1 for row in value.tolist())
    assert set(value.ravel().tolist()) <= {0.0, np.float32(1 / 0.8)}
