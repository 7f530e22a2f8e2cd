"""probe41 P41-9: ``tf.hessians`` with respect to a computed tensor holds it as the independent tensor, as
``tf.gradients`` does (only the paths through it count).  Oracle: TensorFlow 2.21's ``tf.compat.v1.hessians`` on the
same programs (/tmp/cmpvenv, TF1 mode; its numbers below)."""

from __future__ import annotations

import numpy as np
import pytest

import symopt.compat.v1 as tf


def _run(tensors):
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        return session.run(tensors)


@pytest.fixture(autouse=True)
def _fresh_graph():
    tf.reset_default_graph()


def test_a_vector_computed_from_a_variable():
    w = tf.Variable(np.array([1.0, -2.0, 0.5]))
    h = w * 2.0
    (block,) = _run(tf.hessians(tf.reduce_sum(h ** 3) + tf.reduce_sum(w ** 4), h))
    assert np.array_equal(block, np.diag([12.0, -24.0, 6.0]))  # TF1: diag(6h); w**4 is no path through h


def test_a_scalar_computed_from_a_variable():
    a = tf.Variable(1.5, dtype=tf.float64)
    z = a * 3.0
    assert _run(tf.hessians(a ** 2 * z ** 2, z)) == [4.5]  # TF1: 2a² with a held, not d²/dz² of z⁴/9


def test_logits_of_a_logistic_loss():
    X = tf.constant(np.arange(12.0).reshape(4, 3) / 10)
    w = tf.Variable(np.array([[0.3], [-0.2], [0.1]]))
    h = tf.reshape(tf.matmul(X, w), [4])
    y = tf.constant(np.array([1.0, 0.0, 1.0, 0.0]))
    loss = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=h)) + tf.reduce_sum(tf.tanh(h) * h)
    (block,) = _run(tf.hessians(loss, h))
    np.testing.assert_allclose(block, np.diag([2.25, 2.2354268342562675, 2.1923226552073523, 2.122484260499075]),
                               rtol=1e-14, atol=0)


def test_a_variable_and_a_tensor_computed_from_it():
    w = tf.Variable(np.array([1.0, 2.0]))
    h = tf.exp(w)
    w_block, h_block = _run(tf.hessians(tf.reduce_sum(h ** 2 * w), [w, h]))
    np.testing.assert_allclose(w_block, np.diag([59.112448791445196, 655.177800397731]), rtol=1e-14)
    assert np.array_equal(h_block, np.diag([2.0, 4.0]))  # 2w
    tf.reset_default_graph()
    v = tf.Variable(np.array([0.5, -1.0]))
    square = v * v
    (block,) = _run(tf.hessians(tf.reduce_sum(tf.nn.softplus(square)) + tf.reduce_sum(square * v), square))
    np.testing.assert_allclose(block, np.diag([0.24613408273759835, 0.19661193324148185]), rtol=1e-14)
