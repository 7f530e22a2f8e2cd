"""``tf.cond``: values, names and gradients of the taken branch, a fed ``is_training`` flag in a training loop, a
learning rate chosen by the global step; ``tf.while_loop`` refused with what to do.

Literals marked "TF 2.21 compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

FEED_X = [[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]]
FEED_Y = [[1.0], [0.0], [2.0]]


@pytest.mark.filterwarnings("ignore:invalid value encountered in sqrt")  # both branches are computed (NumPy warns)
def test_cond_takes_one_branch_with_its_gradient_as_tf1():
    x = tf.placeholder(tf.float32, [])
    pred = tf.placeholder(tf.bool, [])
    W = tf.Variable([1.0, 2.0])
    out = tf.cond(pred, lambda: tf.reduce_sum(W * x), lambda: tf.reduce_sum(W ** 2))
    vec = tf.cond(pred, lambda: W * 3.0, lambda: W - x)
    pair = tf.cond(x > 0.0, lambda: (tf.sqrt(x), W), lambda: (-x, W * 2.0))
    assert [str(out), str(vec)] == ['Tensor("cond/Merge:0", shape=(), dtype=float32)',
                                    'Tensor("cond_1/Merge:0", shape=(2,), dtype=float32)']  # TF 2.21 compat.v1
    assert isinstance(pair, tuple) and [t.name for t in pair] == ["cond_2/Merge:0", "cond_2/Merge_1:0"]
    fetches = [out, vec, *tf.gradients(out, [W, x]), *tf.gradients(tf.reduce_sum(vec * [1.0, 10.0]), [W, x])]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        taken = sess.run(fetches, {pred: True, x: 3.0})
        other = sess.run(fetches, {pred: False, x: 3.0})
        positive = sess.run(list(pair), {x: 4.0})
        negative = sess.run(list(pair), {x: -1.0})
    # TF 2.21 compat.v1
    for got, want in zip(taken, [9.0, [3.0, 6.0], [3.0, 3.0], 3.0, [3.0, 30.0], 0.0]):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(other, [5.0, [-2.0, -1.0], [2.0, 4.0], 0.0, [1.0, 10.0], -11.0]):
        np.testing.assert_array_equal(got, want)
    assert positive[0] == 2.0 and positive[1].tolist() == [1.0, 2.0]
    assert negative[0] == 1.0 and negative[1].tolist() == [2.0, 4.0]


def test_a_fed_training_flag_and_a_scheduled_learning_rate_train_as_tf1():
    X = tf.placeholder(tf.float32, [None, 2])
    Y = tf.placeholder(tf.float32, [None, 1])
    is_training = tf.placeholder(tf.bool, [])
    W = tf.Variable([[0.5], [-0.25]])
    h = tf.matmul(X, W)
    h = tf.cond(is_training, lambda: h * 0.5, lambda: h)
    loss = tf.reduce_mean(tf.square(h - Y))
    step = tf.train.get_or_create_global_step()
    rate = tf.cond(step < 2, lambda: tf.constant(0.1), lambda: tf.constant(0.01))
    train = tf.train.GradientDescentOptimizer(rate).minimize(loss, global_step=step)
    train2 = tf.train.AdamOptimizer(0.05).minimize(tf.cond(tf.reduce_sum(W) > 0.3, lambda: loss, lambda: loss * 3.0))
    feed = {X: FEED_X, Y: FEED_Y}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(4):
            feed[is_training] = True
            _, value = sess.run([train, loss], feed)
        feed[is_training] = False
        np.testing.assert_allclose(value, 1.5350991, rtol=1e-6)  # TF 2.21 compat.v1
        np.testing.assert_allclose(sess.run(W), [[0.45917204], [0.01591673]], rtol=1e-6)  # TF 2.21 compat.v1
        np.testing.assert_allclose(sess.run(loss, feed), 1.7397593, rtol=1e-6)  # TF 2.21 compat.v1
        for i in range(4):
            feed[is_training] = i % 2 == 0
            sess.run(train2, feed)
        np.testing.assert_allclose(sess.run(W), [[0.3037133], [0.20963901]], rtol=1e-6)  # TF 2.21 compat.v1


def test_cond_refuses_what_tf1_refuses_and_what_symopt_cannot_merge():
    x = tf.placeholder(tf.float32, [])
    pred = tf.placeholder(tf.bool, [])
    W = tf.Variable([1.0, 2.0])
    cases = [  # TF 2.21 compat.v1's messages begin so
        (lambda: tf.cond(True, lambda: x, lambda: x), TypeError, "'pred' must not be a Python bool."),
        (lambda: tf.cond(tf.constant([True, False]), lambda: x, lambda: x), ValueError,
         "Shape must be rank 0 but is rank 1"),
        (lambda: tf.cond(pred, lambda: x, lambda: tf.constant(1)), ValueError,
         "Outputs of 'true_fn' and 'false_fn' must have the same type\\(s\\). Received float32 from 'true_fn' and "
         "int32 from 'false_fn'."),
        (lambda: tf.cond(pred, lambda: (x, x), lambda: x), ValueError, "don't have the same nested structure"),
        (lambda: tf.cond(pred, lambda: x, lambda: W), UnsupportedOperationError, "merges outputs of one shape"),
        (lambda: tf.cond(pred, lambda: tf.assign(W, [0.0, 0.0]), lambda: W), UnsupportedOperationError,
         "merges tensors only"),
        (lambda: tf.while_loop(lambda i: i < 10, lambda i: i + 1, [tf.constant(0)]), UnsupportedOperationError,
         "unroll"),
    ]
    for make, error, message in cases:
        with pytest.raises(error, match=message):
            make()


def test_nested_conds_and_python_numbers_as_branches():
    x = tf.placeholder(tf.float32, [])
    a = tf.cond(x > 1.0, lambda: 1.0, lambda: 0.0)
    b = tf.cond(x > 0.0, lambda: tf.cond(x > 2.0, lambda: x * 3.0, lambda: x * x), lambda: -x)
    gradient = tf.gradients(b, x)[0]
    assert [a.name, b.name] == ["cond/Merge:0", "cond_1/Merge:0"]  # TF 2.21 compat.v1
    with tf.Session() as sess:
        runs = [sess.run([a, b, gradient], {x: value}) for value in (-1.0, 1.5, 3.0)]
    assert np.array(runs).tolist() == [[0.0, 1.0, -1.0], [1.0, 2.25, 3.0], [1.0, 9.0, 3.0]]  # TF 2.21 compat.v1


def test_cond_of_a_placeholder_without_a_shape_takes_the_fed_shape():
    x = tf.placeholder(tf.float32)
    pred = tf.placeholder(tf.bool, [])
    y = tf.cond(pred, lambda: x * 2.0, lambda: x - 1.0)
    assert str(y) == 'Tensor("cond/Merge:0", dtype=float32)'  # TF 2.21 compat.v1
    with tf.Session() as sess:
        assert sess.run(y, {x: [1.0, 2.0], pred: True}).tolist() == [2.0, 4.0]
        assert sess.run(y, {x: [[1.0], [2.0]], pred: False}).tolist() == [[0.0], [1.0]]


def test_case_takes_the_first_true_predicate_else_the_default():
    x = tf.placeholder(tf.float32, [None])
    total = tf.reduce_sum(x)
    first = tf.case([(total > 10.0, lambda: x * 2.0), (total > 0.0, lambda: x * 3.0)], default=lambda: -x)
    second = tf.case({total > 10.0: lambda: x * 2.0}, default=lambda: -x, exclusive=False)
    assert [first.name, second.name] == ["case/cond/Merge:0", "case_1/cond/Merge:0"]  # TF 2.21 compat.v1
    with tf.Session() as sess:
        runs = [sess.run([first, second], {x: [value]}) for value in (20.0, 1.0, -1.0)]
    assert np.array(runs).reshape(3, 2).tolist() == [[40.0, 40.0], [3.0, -1.0], [1.0, 1.0]]  # TF 2.21 compat.v1
    with pytest.raises(UnsupportedOperationError, match="default="):
        tf.case([(total > 0.0, lambda: x)])
