"""probe32 P32-4: ``tf.random_normal(tf.shape(mu))`` (a VAE's reparameterization) was refused when ``mu`` reads the
tutorials' shape-less ``keep_prob = tf.placeholder(tf.float32)``, with a message that asked for ``tf.shape(x)``, the
argument given.  Now the random tensor waits for the fed shape, as ``tf.zeros(tf.shape(mu))`` does; the numbers are
TF 2.21's."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

ROWS = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)


def test_a_random_tensor_of_a_shape_known_when_fed_trains_as_tf1():
    X = tf.placeholder(tf.float32, [None, 4])
    kp = tf.placeholder(tf.float32)
    W = tf.Variable(np.arange(8, dtype=np.float32).reshape(4, 2) * 0.1)
    mu = tf.matmul(tf.nn.dropout(X, kp), W)
    eps = tf.random_normal(tf.shape(mu))
    u = tf.random_uniform([tf.shape(mu)[0], 2])
    z = mu + 0.0 * eps + 0.0 * u
    loss = tf.reduce_mean(tf.square(z - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        zv, ev, uv = sess.run([z, eps, u], {X: ROWS, kp: 1.0})
        assert zv.ravel().tolist() == [-0.6909091472625732, -0.9818181395530701, 0.1818181872367859,  # TF 2.21
                                       0.1818181872367859, 1.054545521736145, 1.345454454421997]
        assert (ev.shape, ev.dtype, uv.shape, uv.dtype) == ((3, 2), np.float32, (3, 2), np.float32)
        assert 0.0 <= uv.min() and uv.max() < 1.0
        big = sess.run(eps, {X: np.ones((5000, 4), np.float32), kp: 1.0})
        assert abs(big.mean()) < 0.05 and abs(big.std() - 1.0) < 0.05
        assert sess.run([train, loss], {X: ROWS, kp: 1.0})[1] == np.float32(1.3746558)  # TF 2.21
        assert sess.run(W).ravel().tolist() == pytest.approx(  # TF 2.21
            [-0.06462810933589935, 0.021267220377922058, 0.15024793148040771, 0.23614326119422913,
             0.3651239573955536, 0.451019287109375, 0.5800000429153442, 0.6658952832221985], rel=1e-6)


def test_a_training_switch_without_a_shape_also_defers_the_draw():
    X = tf.placeholder(tf.float32, [None, 4])
    is_training = tf.placeholder(tf.bool)
    W = tf.Variable(np.ones((4, 2), np.float32) * 0.5)
    h = tf.matmul(X, W)
    mu = tf.layers.dropout(h, rate=0.5, training=is_training)
    z = mu + 0.0 * tf.random_normal(tf.shape(mu))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(z, {X: np.ones((2, 4), np.float32), is_training: False}).tolist() == [[2.0, 2.0]] * 2
