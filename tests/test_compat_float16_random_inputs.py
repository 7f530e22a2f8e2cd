"""float16 tensors drawn or counted at run time (tf.nn.dropout, tf.random_uniform and tf.range of a batch-sized
shape) are computed in float32 and fetched as float16, as every other float16 tensor (they raised symopt's core
ConfigurationError: the run-time input was a float16 symbol)."""

import numpy as np

import symopt.compat.v1 as tf


def _run(build):
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float16, [None, 3])
        y = build(x)
        with tf.Session() as session:
            return session.run(y, {x: np.ones((4, 3), np.float16)})


def test_dropout_of_float16_keeps_or_scales_each_entry():
    kept = _run(lambda x: tf.nn.dropout(x, keep_prob=0.5, seed=1))
    assert kept.dtype == np.float16 and kept.shape == (4, 3)
    assert set(np.unique(kept)) <= {0.0, 2.0}  # TF1: x / keep_prob where kept, else 0


def test_random_uniform_of_the_batch_size_in_float16():
    drawn = _run(lambda x: tf.random_uniform([tf.shape(x)[0], 3], dtype=tf.float16, seed=2))
    assert drawn.dtype == np.float16 and drawn.shape == (4, 3)
    assert np.all((drawn >= 0) & (drawn < 1))


def test_range_of_the_batch_size_in_float16():
    counted = _run(lambda x: tf.range(tf.shape(x)[0], dtype=tf.float16))
    assert counted.dtype == np.float16
    np.testing.assert_array_equal(counted, np.arange(4, dtype=np.float16))
