"""P62-10: with a fed ReLU output, the ReLU gradient's mask is the fed value's (``H > 0``), as TF1's ``ReluGrad``
reads the op's output; it was the unfed pre-activation's.  Expected values: TF 2.21 ``tf.compat.v1`` with ref
variables (probe62 p19.py)."""

import numpy as np

import symopt.compat.v1 as tf

X = np.array([[1.0, 2.0], [-1.0, 0.5]], np.float32)
H = np.array([[0.3, 0.0], [1.0, 2.0]], np.float32)


def test_gradient_and_step_through_a_fed_relu_use_its_mask():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w1 = tf.Variable([[1.0, -1.0], [0.5, 2.0]])
    w2 = tf.Variable([[1.0], [2.0]])
    h = tf.nn.relu(tf.matmul(x, w1), name="h")
    loss = tf.reduce_mean(tf.square(tf.matmul(h, w2) - 1.0))
    gradient_w1, gradient_w2 = tf.gradients(loss, [w1, w2])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        d1, d2 = session.run([gradient_w1, gradient_w2], {x: X, h: H})
        # TF 2.21: dW1 [[-4.7, -8.], [0.6, 4.]], dW2 [[3.79], [8.]]
        np.testing.assert_allclose(d1, np.float32([[-4.7, -8.0], [0.6, 4.0]]), rtol=1e-6)
        np.testing.assert_allclose(d2, np.float32([[3.79], [8.0]]), rtol=1e-6)
        session.run(train, {x: X, h: H})
        # TF 2.21: W1 [[1.47, -0.19999999], [0.44, 1.6]], W2 [[0.621], [1.2]]
        np.testing.assert_allclose(session.run(w1), np.float32([[1.47, -0.19999999], [0.44, 1.6]]), rtol=1e-6)
        np.testing.assert_allclose(session.run(w2), np.float32([[0.621], [1.2]]), rtol=1e-6)


def test_a_second_relu_of_the_same_input_keeps_its_own_mask():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w1 = tf.Variable([[1.0, -1.0], [0.5, 2.0]])
    w2 = tf.Variable([[1.0], [2.0]])
    u = tf.matmul(x, w1)
    h = tf.nn.relu(u, name="h")
    k = tf.nn.relu(u, name="k")  # not fed: its ReluGrad reads relu(u) (F42e-4)
    loss = tf.reduce_mean(tf.square(tf.matmul(h, w2) - 1.0)) + tf.reduce_sum(k * 0.5)
    (gradient,) = tf.gradients(loss, [w1])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        fed = np.array([[0.3, 0.0], [1.0, 7.0]], np.float32)
        # TF 2.21: [[-14.2, -28.0], [6.6, 15.25]]
        np.testing.assert_allclose(session.run(gradient, {x: X, h: fed}), np.float32([[-14.2, -28.0], [6.6, 15.25]]),
                                   rtol=1e-6)
