"""A gather's indices are checked in every run that computes the gather or its gradient, and only there (probe9 S2,
S16): an index out of range gathered from a matrix product, a stack of scalars or a product with a variable gave a
silent 0 (a zero gradient, a training step that changed nothing), and a ``tf.gather_nd`` built but never run checked
the indices of a ``tf.one_hot`` / ``tf.nn.in_top_k`` of the same labels (an ignore label -1 stopped every step).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import InvalidArgumentError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_an_index_out_of_range_is_refused_whatever_is_gathered_from():
    s_in = tf.placeholder(tf.float32, [1, 3])
    a = tf.placeholder(tf.int32, [1])
    W = tf.Variable(np.float32([[0.1, 0.2], [0.3, -0.1], [0.0, 0.5]]))
    qa = tf.gather(tf.matmul(s_in, W), a, axis=1)  # a Q-learning pick; action 2 is out of range
    loss = tf.reduce_sum(tf.square(1.0 - qa))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    x = tf.placeholder(tf.float32, [])
    v = tf.Variable([1., 2.])
    X = tf.placeholder(tf.float32, [None, 2])
    idx = tf.placeholder(tf.int32, [None])
    W2 = tf.Variable(np.float32([[0.1, 0.2, 0.3], [0.3, -0.1, 0.5]]))
    feed = {X: [[1., 2.], [0.5, 1.]], idx: [0, 5]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1: InvalidArgumentError for each, nothing trained
        with pytest.raises(InvalidArgumentError, match=r"indices\[0\] = 2 is not in \[0, 2\)"):
            sess.run([train, qa, loss], {s_in: [[1., 2., 3.]], a: [2]})
        with pytest.raises(InvalidArgumentError):
            sess.run(tf.gather(tf.stack([x, 2.0 * x]), [2]), {x: 3.0})
        with pytest.raises(InvalidArgumentError):
            sess.run(tf.gradients(tf.reduce_sum(tf.gather(v * 2.0, [2])), v))
        for gathered, fed in [(tf.gather(tf.matmul(X, W2), idx, axis=1), feed),
                              (tf.gather(tf.constant([1., 2., 3.]) * tf.reduce_sum(W2), idx - 1), feed),
                              (tf.gather(W2 * 2.0, idx), feed)]:
            with pytest.raises(InvalidArgumentError):
                sess.run(gathered, fed)
        np.testing.assert_array_equal(sess.run(W), np.float32([[0.1, 0.2], [0.3, -0.1], [0.0, 0.5]]))
        assert sess.run(qa, {s_in: [[1., 2., 3.]], a: [1]}).tolist() == [[1.5]]  # in range (TF 2.21 tf.compat.v1)


def test_a_gather_not_run_does_not_check_the_labels_of_a_one_hot():
    X = tf.placeholder(tf.float32, [None, 2])
    a = tf.placeholder(tf.int32, [None])
    W = tf.Variable(np.float32([[0.1, 0.2, 0.3], [0.3, -0.1, 0.5]]))
    Q = tf.matmul(X, W)
    picked = tf.gather_nd(Q, tf.stack([tf.range(tf.shape(Q)[0]), a], axis=1))  # built, not run below
    q_a = tf.reduce_sum(Q * tf.one_hot(a, 3), axis=1)
    feed = {X: [[1., 2.], [0.5, 1.]], a: [1, -1]}  # -1: an ignored example
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1
        assert sess.run(q_a, feed).tolist() == [np.float32(0.0), 0.0]
        assert sess.run(tf.nn.in_top_k(Q, a, 1), feed).tolist() == [False, False]
        with pytest.raises(InvalidArgumentError, match=r"indices\[1\] = -1 is not in \[0, 3\)"):
            sess.run(picked, feed)  # TF 2.21: InvalidArgumentError
