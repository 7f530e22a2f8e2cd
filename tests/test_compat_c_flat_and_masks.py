"""A ``[None]`` tensor whose length is not the batch size (``tf.reshape(H, [-1])`` of a ``[None, 2]`` ``H``: 2m
entries) in arithmetic with a number (b-probe B12: ``tf.reduce_sum(flat * 2.0)`` was 4 times TF1's, silently, and
its gradient a false ShapeError), and a ``tf.one_hot`` of computed indices as a mask (B11: TF1's one_hot passes no
gradient; the gradient through the masked tensor was refused).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

XV = np.float32([[0.3, -1.2, 2.5], [1.1, 0.4, -0.7], [-2.0, 0.9, 0.05], [0.5, 0.5, 0.5]])


def network():
    X = tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable(np.float32([[0.5, -0.25], [0.1, 0.2], [0.7, -0.6]]))
    return X, W, tf.matmul(X, W)


def test_a_flattened_batch_in_arithmetic_with_numbers():
    X, W, H = network()
    flat = tf.reshape(H, [-1])
    fetches = [tf.reduce_mean(flat * 2.0), tf.reduce_sum(flat * 2.0), tf.reduce_sum(flat + 1.0),
               tf.reduce_sum(1.0 - flat), tf.reduce_sum(1.0 / (flat + 3.0)), tf.reduce_sum(flat * flat)]
    gradients = [tf.gradients(tf.reduce_mean(flat * 2.0), W)[0], tf.gradients(tf.reduce_sum(flat ** 2), W)[0],
                 tf.gradients(tf.reduce_sum(tf.square(flat - 1.0)), W)[0]]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(fetches, {X: XV})
        np.testing.assert_allclose(values, [0.09749997, 0.77999973, 8.389999, 7.6099997, 3.0781102, 8.2395],
                                   rtol=1e-6)  # TF 2.21 tf.compat.v1 (symopt gave 0.78 and 3.12 for the first two)
        first, second, third = sess.run(gradients, {X: XV})
        np.testing.assert_allclose(first, [[-0.025, -0.025], [0.15, 0.15], [0.5875, 0.5875]], rtol=1e-5)  # TF 2.21
        np.testing.assert_allclose(second, [[5.438, -3.519], [-5.117, 5.3810005], [9.322499, -9.650001]], rtol=1e-6)
        np.testing.assert_allclose(third, [[5.638, -3.319], [-6.317, 4.1810007], [4.6225, -14.35]], rtol=1e-6)


def test_a_one_hot_mask_of_the_argmax_is_a_constant_of_the_gradient():
    X, W, H = network()
    picked = tf.reduce_sum(tf.one_hot(tf.argmax(H, 1), 2) * H, 1)
    gradient = tf.gradients(tf.reduce_sum(picked), W)[0]
    train = tf.train.GradientDescentOptimizer(0.1).minimize(-tf.reduce_mean(picked))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(gradient, {X: XV}), [[0.8, -0.9], [-0.70000005, 1.3], [3.0, -0.65]],
                                   rtol=1e-6)  # TF 2.21 tf.compat.v1
        sess.run(train, {X: XV})
        np.testing.assert_allclose(sess.run(W), [[0.52, -0.2725], [0.082499996, 0.2325], [0.775, -0.61625004]],
                                   rtol=1e-6)  # TF 2.21 tf.compat.v1
