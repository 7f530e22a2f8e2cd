"""``tf.nn.sparse_softmax_cross_entropy_with_logits`` (and ``tf.losses.sparse_softmax_cross_entropy``) of logits with
``-inf`` at a class other than the label (invalid actions masked with ``tf.log(mask)``, probe18 G13): TF1's kernel
reads the label's own term, a finite loss; symopt multiplied the one-hot zeros into ``-inf`` (NaN).  The gradient and
the step were right and stay so.  Goldens: TF 2.21 ``tf.compat.v1`` (/work/wt/probe18/m16.py, g6.py)."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph, run  # noqa: F401 - an autouse fixture


def test_a_masked_class_leaves_the_loss_finite_as_tf1():
    x = tf.placeholder(tf.float32, [None, 2])
    mask = tf.placeholder(tf.float32, [None, 3])
    a = tf.placeholder(tf.int32, [None])
    W = tf.Variable([[0.5, -0.2, 0.1], [0.3, 0.8, -0.4]])
    logits = tf.matmul(x, W) + tf.log(mask)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=a, logits=logits))
    loss2 = tf.losses.sparse_softmax_cross_entropy(labels=a, logits=logits)
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed = {x: [[1.0, 2.0], [0.5, -1.0]], mask: [[1.0, 0.0, 1.0], [1.0, 1.0, 1.0]], a: [0, 1]}
        assert [repr(v) for v in sess.run([loss, loss2], feed)] == ["np.float32(1.063326)"] * 2  # TF 2.21 (was nan)
        sess.run(train, feed)
        np.testing.assert_allclose(sess.run(W), [[0.4948274, -0.09236817, -0.0024592],  # TF 2.21
                                                 [0.45219636, 0.58473635, -0.33693266]], rtol=1e-6)


def test_one_example_with_a_minus_infinite_logit():
    z = tf.placeholder(tf.float32, [3])
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant(0), logits=z)
    value, gradient = run([loss, tf.gradients(loss, z)[0]], {z: [0.0, -np.inf, 1.0]})
    assert repr(value) == "np.float32(1.3132616)"  # TF 2.21 (was nan)
    assert gradient.tolist() == np.float32([-0.7310586, 0.0, 0.7310586]).tolist()  # TF 2.21
    assert np.isinf(run(loss, {z: [-np.inf, 0.0, 1.0]}))  # the label's own logit -inf: TF1's kernel gives inf too
