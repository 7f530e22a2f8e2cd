"""probe9 S22: ``tf.where`` with a scalar condition chooses the whole ``x`` or the whole ``y``, as TF1's ``Select``
(``tf.where(is_training, X * 0.5, X)``); TF 2.21's values."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_a_scalar_switch_of_matrices_trains_as_tf1():
    X, is_training = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.bool, [])
    W = tf.Variable(np.float32([[0.5], [-0.5]]))
    h = tf.where(is_training, X * 0.5, X)
    assert h.shape.as_list() == [None, 2]
    loss = tf.reduce_mean(tf.square(tf.matmul(h, W) - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    data = np.float32([[1., -2.], [3., 4.]])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert session.run([train, loss], {X: data, is_training: True})[1] == np.float32(0.8125)  # TF 2.21
        assert session.run(loss, {X: data, is_training: False}) == np.float32(0.03125)  # TF 2.21
        scaled = data * np.float32(0.5)  # hand NumPy of the step taken on the scaled input
        expected = np.float32([[0.5], [-0.5]]) - np.float32(0.1) * scaled.T @ (2 * (scaled @ [[0.5], [-0.5]] - 1)) / 2
        np.testing.assert_allclose(session.run(W), expected, rtol=1e-6)


def test_the_gradient_goes_to_the_operand_chosen():
    a, b = tf.Variable([1.0, 2.0]), tf.Variable([3.0, 4.0])
    flag = tf.placeholder(tf.bool, [])
    grads = tf.gradients(tf.reduce_sum(tf.where(flag, a * 2.0, b * 3.0)), [a, b])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        on, off = session.run(grads, {flag: True}), session.run(grads, {flag: False})
    np.testing.assert_array_equal(on, [[2.0, 2.0], [0.0, 0.0]])
    np.testing.assert_array_equal(off, [[0.0, 0.0], [3.0, 3.0]])


def test_a_computed_scalar_condition():
    step = tf.Variable(3)
    values = tf.where(step < 5, tf.constant([[1.0, 2.0]]), tf.constant([[7.0, 8.0]]))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(session.run(values), [[1.0, 2.0]])
        session.run(tf.assign(step, 9))
        np.testing.assert_array_equal(session.run(values), [[7.0, 8.0]])
