"""A placeholder without a shape beside one of shape ``[None, k]`` (``y = tf.placeholder(tf.float32)``, an everyday
TF1 pattern; probe S7: a raw ``ValueError`` at the first run): fed as many rows as the batch, it takes the batch
dimension, and plain ops, ``tf.losses`` and training give TF1's values.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

LABELS = [[1.0], [0.0], [2.0]]
INPUTS = [[0.5], [1.5], [2.5]]


def test_a_shapeless_target_beside_a_batch_placeholder():
    y = tf.placeholder(tf.float32)
    p = tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable(1.0)
    loss = tf.reduce_mean(tf.square(y - p * W))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    mse, huber = tf.losses.mean_squared_error(y, p), tf.losses.huber_loss(y, p)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        broadcast = sess.run(loss, {y: [1.0, 0.0, 2.0], p: INPUTS})  # (3,) against (3, 1): a 3 x 3 difference
        step = sess.run([loss, train], {y: LABELS, p: INPUTS})[0]
        trained = sess.run(W)
        losses = sess.run([mse, huber], {y: LABELS, p: INPUTS})
    assert broadcast == np.float32(1.5833334)  # TF 2.21 tf.compat.v1
    assert (step, trained) == (np.float32(0.9166667), np.float32(0.7833333))  # TF 2.21 tf.compat.v1
    # TF 2.21 tf.compat.v1 (computed in one program, symopt's huber rounds 1 ulp apart)
    np.testing.assert_allclose(losses, np.float32([0.9166667, 0.41666666]), rtol=2e-7)
