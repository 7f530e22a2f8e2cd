"""``tf.nn.sparse_softmax_cross_entropy_with_logits`` of one example (logits ``(k,)``, a scalar label), as
policy-gradient code with one state writes it: a scalar loss, its gradient, training, and TF1's label check.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_one_examples_sparse_cross_entropy_as_tf1():
    z = tf.Variable([1.0, 2.0, 0.5])
    action = tf.placeholder(tf.int32, [])
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=action, logits=z)
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    assert loss.shape.as_list() == []  # TF 2.21 tf.compat.v1: a scalar
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, grad = sess.run([loss, tf.gradients(loss, z)[0]], {action: 1})
        sess.run(train, {action: 2})
        trained = sess.run(z)
        with pytest.raises(tf.errors.InvalidArgumentError):  # TF 2.21 tf.compat.v1: label 3 of 3 classes
            sess.run(loss, {action: 3})
    # TF 2.21 tf.compat.v1, every digit
    assert value == np.float32(0.4643687903881073)
    np.testing.assert_array_equal(grad, np.float32([0.23122389614582062, -0.37146830558776855, 0.14024437963962555]))
    np.testing.assert_array_equal(trained, np.float32([0.8843880295753479, 1.6857341527938843, 0.9298778176307678]))
