"""Softmax cross-entropy gradients for label rows that do not sum to one (b-probe B7: all-zero padding rows,
multi-hot rows): TF1's kernel's gradient is ``softmax(z) - y`` whatever the labels; symopt gave the exact derivative
``softmax(z) * sum(y) - y``, so every training step differed silently.  Loss values were and are TF1's.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_padding_and_multi_hot_label_rows_train_as_tf1():
    X, Y = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32, [None, 3])
    W = tf.Variable(np.float32([[0.5, -0.2, 0.1], [0.3, 0.8, -0.6]]))
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=Y, logits=tf.matmul(X, W)))
    gradient = tf.gradients(loss, W)[0]
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    feed = {X: np.float32([[1, 2], [0.5, -1], [2, 2], [1, 0]]),
            Y: np.float32([[0, 1, 0], [1, 0, 0], [0, 0, 0], [1, 1, 0]])}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(loss, feed) == np.float32(1.0207103)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(gradient, feed), [[0.16489515, -0.09792482, 0.18302965],
                                                              [0.6671473, -0.06465031, -0.10249695]],
                                   rtol=1e-6, atol=1e-7)  # TF 2.21 tf.compat.v1 (exact: [-0.0063, -0.2327, ...])
        for _ in range(5):
            sess.run(train, feed)
        np.testing.assert_allclose(sess.run(W), [[0.4424134, -0.32889456, -0.33851892],
                                                 [-0.7631013, 0.49278286, -0.4796816]], rtol=1e-6)  # TF 2.21


def test_one_example_smoothed_and_class_axis_zero_losses():
    z = tf.Variable([1.0, 2.0, 0.5])
    single = tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant([0.5, 0.5, 0.5]), logits=z)
    smoothed = tf.losses.softmax_cross_entropy(tf.constant([[0., 1., 0.], [0., 0., 0.]]), tf.stack([z, z * 2.0]),
                                               label_smoothing=0.1)
    columns = tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant([[0., 1., 0.], [1., 0., 1.]]),
                                                      logits=tf.stack([z, -z]), dim=0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run([single, smoothed]), [1.9465532, 0.3656767], rtol=1e-6)  # TF 2.21
        np.testing.assert_allclose(sess.run(tf.gradients(single, z)[0]), [-0.26877612, 0.1285317, -0.35975564],
                                   rtol=1e-6)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(tf.gradients(smoothed, z)[0]), [0.17980716, 0.65806055, 0.062132254],
                                   rtol=1e-6)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(columns), [2.126928, 0.01814996, 1.3132616], rtol=1e-6)  # TF 2.21
        np.testing.assert_allclose(sess.run(tf.gradients(tf.reduce_sum(columns), z)[0]),
                                   [1.761594, -0.035972446, 1.4621172], rtol=1e-6)  # TF 2.21 tf.compat.v1
