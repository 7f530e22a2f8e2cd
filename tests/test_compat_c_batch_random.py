"""Random tensors of the fed batch's shape, drawn afresh at every run as TF1 draws them (Géron ch. 15's denoising
autoencoder, ``X + noise_level * tf.random_normal(tf.shape(X))``): TF1's shapes and dtypes and the distributions'
moments (the numbers are NumPy's, not TensorFlow's).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_noise_of_the_batch_shape_is_drawn_at_every_run_and_trains():
    tf.set_random_seed(15)
    X = tf.placeholder(tf.float32, [None, 3])
    noise = tf.random_normal(tf.shape(X))
    unit = tf.random_uniform([tf.shape(X)[0], 1], -1.0, 1.0)
    assert str(noise) == 'Tensor("random_normal:0", shape=(?, 3), dtype=float32)'  # TF 2.21 tf.compat.v1
    assert str(unit) == 'Tensor("random_uniform:0", shape=(?, 1), dtype=float32)'
    W = tf.Variable(tf.ones([3, 2]))
    loss = tf.reduce_mean(tf.square(tf.matmul(X + 0.5 * noise, W)))
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    zeros = np.zeros((4000, 3), np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first, again = sess.run([noise, noise], {X: zeros})
        second = sess.run(noise, {X: zeros})
        assert first.shape == (4000, 3) and first.dtype == np.float32
        assert (first == again).all() and (first != second).all()  # once per run, afresh the next
        assert abs(first.mean()) < 0.05 and abs(first.std() - 1.0) < 0.05
        values = sess.run(unit, {X: zeros})
        assert values.shape == (4000, 1) and -1.0 <= values.min() and values.max() < 1.0
        assert abs(values.mean()) < 0.05 and abs(values.std() - 2 / 12 ** 0.5) < 0.05
        before = sess.run(W)
        sess.run(train, {X: zeros[:5]})
        assert not np.array_equal(sess.run(W), before)
    with pytest.raises(UnsupportedOperationError, match="tf.random_normal"):
        tf.truncated_normal(tf.shape(X))
