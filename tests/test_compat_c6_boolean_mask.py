"""``tf.boolean_mask`` of a mask known only when the graph runs (compat6): fed, or computed from fed data; values,
gradients and training steps as TF1's.  Expected numbers: the same program in TF 2.21 ``tf.compat.v1``."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_fed_mask_of_a_vector():
    x = tf.placeholder(tf.float32, [None])
    m = tf.placeholder(tf.bool, [None])
    w = tf.Variable([1.0, 2.0, 3.0, 4.0])
    chosen = tf.boolean_mask(x * w, m)
    loss = tf.reduce_sum(tf.square(chosen))
    gradient = tf.gradients(loss, [w])[0]
    assert str(chosen.shape) == "(?,)" and chosen.dtype == tf.float32  # TF 2.21
    feed = {x: [1.0, 2.0, 3.0, 4.0], m: [True, False, True, True]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values, total, grad = sess.run([chosen, loss, gradient], feed)
    assert values.tolist() == [1.0, 9.0, 16.0] and total == 338.0 and grad.tolist() == [2.0, 0.0, 54.0, 128.0]


def test_a_fed_mask_of_matrix_rows_and_its_gradients():
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    M = tf.placeholder(tf.bool, [None])
    rows = tf.boolean_mask(tf.matmul(X, W), M)
    loss = tf.reduce_mean(rows)
    gradients = tf.gradients(loss, [W, X])
    assert str(rows.shape) == "(?, 2)"  # TF 2.21
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        kept, mean, (dW, dX) = sess.run([rows, loss, gradients],
                                        {X: [[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]], M: [False, True, True]})
    assert kept.tolist() == [[3.0, 4.0], [8.0, 12.0]] and mean == 6.75  # TF 2.21
    assert dW.tolist() == [[0.5, 0.5], [0.75, 0.75]] and dX.tolist() == [[0.0, 0.0], [0.75, 1.75], [0.75, 1.75]]


def test_a_computed_mask_trains_as_tf1_and_keeps_infinities_out():
    X = tf.placeholder(tf.float32, [None, 2])
    Y = tf.placeholder(tf.float32, [None])
    W = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    valid = tf.not_equal(Y, -1.0)  # examples without a label are -1
    prediction = tf.reduce_sum(tf.matmul(X, W), axis=1)
    loss = tf.reduce_mean(tf.square(tf.boolean_mask(prediction, valid) - tf.boolean_mask(Y, valid)))
    logs = tf.log(X[:, 0])
    finite = tf.boolean_mask(logs, tf.is_finite(logs))
    train = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    feed = {X: [[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]], Y: [1.0, -1.0, 3.0]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first, kept = sess.run([loss, finite], feed)
        losses = [sess.run([train, loss], feed)[1] for _ in range(3)]
        other = sess.run([loss, finite, W], {X: [[1.0, 0.0], [-1.0, 1.0], [2.0, 2.0], [0.0, 5.0]],
                                             Y: [-1.0, -1.0, 3.0, 2.0]})
    # TF 2.21 tf.compat.v1
    assert first == np.float32(146.5) and kept.tolist() == [0.0, np.float32(0.6931472)]
    assert losses == [np.float32(146.5), np.float32(101.639206), np.float32(70.76477)]
    assert other[0] == np.float32(346.7972) and other[1].tolist() == kept.tolist()
    np.testing.assert_allclose(other[2], [[0.09879997, 1.0988], [2.1384642, 3.1384642]], rtol=2.4e-7)  # an ulp


def test_an_all_false_mask_is_refused_before_anything_runs():
    x = tf.placeholder(tf.float32, [None])
    m = tf.placeholder(tf.bool, [None])
    with tf.Session() as sess, pytest.raises(UnsupportedOperationError, match="false everywhere"):
        sess.run(tf.reduce_mean(tf.boolean_mask(x, m)), {x: [1.0, 2.0], m: [False, False]})  # TF1: nan


def test_an_infinity_in_a_kept_row_stays_in_its_row():
    """The kept rows are copied (``numpy.take``) and the gradient scattered back, as TF1's gather: an ``inf`` in a
    kept row, or in its gradient, made NaN of the other kept rows when the rows were chosen by a one-hot product."""
    v = tf.Variable([0.0, 1.0, 4.0, 9.0])
    m = tf.placeholder(tf.bool, [None])
    kept = tf.boolean_mask(v, m)
    loss = tf.reduce_sum(tf.sqrt(kept))
    gradient = tf.gradients(loss, v)[0]
    x = tf.placeholder(tf.float32, [None, 2])
    logs = tf.boolean_mask(tf.log(x), m)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values, total, grad = sess.run([kept, loss, gradient], {m: [True, False, True, True]})
        rows = sess.run(logs, {x: [[0.0, 1.0], [0.0, 0.0], [1.0, 4.0]], m: [True, False, True]})
    assert values.tolist() == [0.0, 4.0, 9.0] and total == 5.0  # TF 2.21
    assert grad.tolist() == [np.inf, 0.0, 0.25, np.float32(1 / 6)]  # TF 2.21: [inf, 0, 0.25, 0.16666667]
    assert rows.tolist() == [[-np.inf, 0.0], [0.0, np.float32(np.log(4.0))]]  # TF 2.21: [[-inf, 0], [0, 1.3862944]]


def test_int64_rows_past_2_to_the_53_are_kept_exactly():
    ids = tf.placeholder(tf.int64, [None])
    m = tf.placeholder(tf.bool, [None])
    with tf.Session() as sess:
        kept = sess.run(tf.boolean_mask(ids + 1, m), {ids: [2 ** 60 + 1, 5, 7], m: [True, False, True]})
    assert kept.dtype == np.int64 and kept.tolist() == [2 ** 60 + 2, 8]  # TF 2.21: [1152921504606846978 8]
