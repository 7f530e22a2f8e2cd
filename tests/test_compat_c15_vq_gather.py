"""A gather whose indices are computed from the gathered variable itself (probe18 G3: the VQ-VAE codebook lookup
``tf.gather(E, tf.argmin(dist(z, E), 1))``, nearest-neighbour retrieval): TF1's gradient flows through the gathered
values and none into the integer indices; symopt refused it ("GatheredRows has no gradient ... piecewise constant").
Golden: TF 2.21 ``tf.compat.v1`` (/work/wt/probe18/m4.py)."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_the_codebook_moves_through_the_gathered_values():
    z = tf.placeholder(tf.float32, [None, 2])
    E = tf.Variable([[0.0, 0.0], [1.0, 1.0], [-1.0, 2.0]])
    dist = (tf.reduce_sum(tf.square(z), 1, keepdims=True) - 2 * tf.matmul(z, E, transpose_b=True)
            + tf.transpose(tf.reduce_sum(tf.square(E), 1, keepdims=True)))
    nearest = tf.argmin(dist, 1)
    e = tf.gather(E, nearest)
    loss = tf.reduce_mean(tf.square(tf.stop_gradient(z) - e))  # VQ-VAE's codebook loss
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed = {z: [[0.9, 1.2], [-0.1, 0.2]]}
        assert sess.run(nearest, feed).tolist() == [1, 0]
        sess.run(train, feed)
        np.testing.assert_allclose(sess.run(E).ravel(), [-0.025, 0.05, 0.975, 1.05, -1.0, 2.0], rtol=1e-6)  # TF 2.21
