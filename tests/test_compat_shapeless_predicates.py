"""probe11 U2: a ``tf.cond`` / ``tf.case`` / ``tf.where`` whose predicate has no known shape (``tf.placeholder(tf.bool)``
without one, the ``is_training`` of most 2017-19 tutorials, or a predicate computed from such a placeholder) has
TF1's static shape, its branches' (``x``'s for ``where``), so ``tf.layers.dense`` after ``tf.layers.dropout(h,
training=training)`` builds.  Goldens: TF 2.21 ``tf.compat.v1``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_shapeless_predicates_keep_the_branches_static_shape_and_train_as_tf1():
    X, training, f = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.bool), tf.placeholder(tf.float32)
    W, W2 = tf.Variable(tf.constant(0.5, shape=[3, 4])), tf.Variable(tf.constant(0.25, shape=[4, 2]))
    h = tf.nn.relu(tf.matmul(X, W))
    chosen = tf.cond(training, lambda: h * 2.0, lambda: h)
    others = [tf.where(training, X, X * 2.0), tf.cond(tf.logical_and(training, training), lambda: h * 2.0, lambda: h),
              tf.cond(f > 0.5, lambda: h * 2.0, lambda: h), tf.case([(training, lambda: h * 3.0)], default=lambda: h)]
    assert [t.shape.as_list() for t in [chosen, *others]] == [[None, 4], [None, 3], [None, 4], [None, 4], [None, 4]]
    out = tf.matmul(chosen, W2)
    assert out.shape.as_list() == [None, 2]
    loss = tf.reduce_mean(tf.square(out - 1.0))
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    xs = np.float32([[1, 2, 3], [0, 1, -1]])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        losses = [session.run([train, loss], {X: xs, training: t})[1] for t in (False, True, False)]
        values = session.run(others[2:], {X: xs, training: True, f: 0.7})
    np.testing.assert_allclose(losses, np.float32([2.5, 9.1307335, 0.48870796]), rtol=2e-7)
    np.testing.assert_allclose(values[0], np.float32([[5.335866] * 4, [0.0680024] * 4]), rtol=2e-7)
    np.testing.assert_allclose(values[1], np.float32([[8.003799] * 4, [0.1020036] * 4]), rtol=2e-7)


def test_a_dense_layer_after_dropout_with_a_shapeless_training_flag_builds():
    X, training = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.bool)
    hidden = tf.layers.dense(X, 4, activation=tf.nn.relu)
    dropped = tf.layers.dropout(hidden, rate=0.3, training=training)
    assert dropped.shape.as_list() == [None, 4]
    assert tf.layers.dense(dropped, 2).shape.as_list() == [None, 2]
