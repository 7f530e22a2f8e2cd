"""final46a 46a-14, 46a-15: a flatten of a rank-2 tensor and a dropout not training inside
``tf.control_dependencies`` are ops through which gradients pass (a bare tensor of the input's value cut them:
the layers below never trained).

Oracles: TF 2.21 ``tf.compat.v1`` graph mode (/work/wt/final46a/flat5.py tf, printed values copied here) and
hand NumPy."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


@pytest.mark.parametrize("flatten", [tf.layers.flatten, tf.contrib.layers.flatten])
def test_layers_below_a_flatten_train(flatten):
    rng = np.random.RandomState(0)
    X, Y = rng.randn(8, 2).astype(np.float32), rng.randn(8, 1).astype(np.float32)
    x, y = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32, [None, 1])
    W1 = tf.Variable(np.array([[0.5, -0.3, 0.2], [0.1, 0.4, -0.6]], np.float32))
    W2 = tf.Variable(np.array([[0.3], [-0.2], [0.7]], np.float32))
    out = tf.matmul(flatten(tf.nn.relu(tf.matmul(x, W1))), W2)
    loss = tf.reduce_mean((out - y) ** 2)
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train, {x: X, y: Y})
        # TF 2.21 (flat5.py tf)
        np.testing.assert_allclose(sess.run(W1), [[0.50355, -0.27485, 0.29103], [0.16875, 0.48097, -0.32378]],
                                   atol=1e-5)
        np.testing.assert_allclose(sess.run(W2).ravel(), [0.33088, -0.31436, 0.51327], atol=1e-5)
        np.testing.assert_allclose(sess.run(loss, {x: X, y: Y}), 1.2999539, rtol=1e-5)


def test_gradient_through_flatten_reaches_the_input_and_a_variable():
    x = tf.placeholder(tf.float32, [None, 2])
    w = tf.Variable(np.ones((2, 3), np.float32))
    loss = tf.reduce_sum(tf.layers.flatten(w) ** 2) + tf.reduce_sum(tf.layers.flatten(x) * [[1., 2.]])
    grad_w, grad_x = tf.gradients(loss, [w, x])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[w])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(grad_x, {x: [[3., 4.]]}), [[1., 2.]])  # hand: d(x·[1, 2])/dx
        np.testing.assert_allclose(sess.run(grad_w), 2 * np.ones((2, 3)))  # hand: 2w
        sess.run(train, {x: [[3., 4.]]})
        np.testing.assert_allclose(sess.run(w), 0.8 * np.ones((2, 3)))  # hand: 1 - 0.1 * 2


def test_dropout_not_training_inside_control_dependencies_passes_the_gradient():
    x = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(np.ones((2, 3), np.float32))
    counter = tf.Variable(0.0)
    with tf.control_dependencies([tf.assign_add(counter, 1.0)]):
        dropped = tf.layers.dropout(tf.matmul(x, W), 0.5, training=False)
    grad = tf.gradients(tf.reduce_sum(dropped), [W])[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # hand: d sum(xW) / dW = column sums of x repeated
        np.testing.assert_allclose(sess.run(grad, {x: [[1., 2.], [3., 4.]]}), [[4.] * 3, [6.] * 3])
        assert dropped.name == "dropout/Identity:0"  # TF 2.21
        assert sess.run(counter) == 1.0  # TF 2.21: the gradient reads the op's shape, so its control input ran
        sess.run(dropped, {x: [[1., 2.]]})
        assert sess.run(counter) == 2.0  # TF 2.21
