"""The operations a ``tf.cond`` branch makes (an update under ``tf.control_dependencies`` inside it) run only in the
runs that take that branch, as in TF1 (probe finding S1: the batch-norm train/test idiom moved the population
statistics on every test run).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_an_update_inside_a_branch_runs_only_when_taken():
    v = tf.Variable(0.0)
    flag = tf.placeholder(tf.bool, [])

    def increment():
        with tf.control_dependencies([tf.assign_add(v, 1.0)]):
            return tf.constant(10.0)
    out = tf.cond(flag, increment, lambda: tf.constant(-1.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        runs = [(sess.run(out, {flag: False}), sess.run(v)), (sess.run(out, {flag: True}), sess.run(v)),
                (sess.run(out, {flag: False}), sess.run(v))]
    assert runs == [(-1.0, 0.0), (10.0, 1.0), (-1.0, 1.0)]  # TF 2.21 tf.compat.v1 (symopt gave v = 1.0 first)


def test_nested_branches_and_a_group_run_where_every_branch_is_taken():
    v = tf.Variable(0.0)
    a = tf.placeholder(tf.bool, [])
    b = tf.placeholder(tf.bool, [])

    def inner():
        with tf.control_dependencies([tf.group(tf.assign_add(v, 1.0), tf.no_op())]):
            return tf.identity(v) * 0.0 + 5.0
    out = tf.cond(a, lambda: tf.cond(b, inner, lambda: tf.constant(2.0)), lambda: tf.constant(3.0))
    seen = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for fa, fb in [(False, True), (True, False), (True, True), (False, False), (True, True)]:
            seen.append((float(sess.run(out, {a: fa, b: fb})), float(sess.run(v))))
    assert seen == [(3.0, 0.0), (2.0, 0.0), (5.0, 1.0), (3.0, 1.0), (5.0, 2.0)]


BN_X = np.array([[1.0, 2.0, 0.5], [3.0, -1.0, 2.0], [0.5, 0.5, -1.5], [2.0, 1.0, 4.0]], np.float32)
BN_Y = np.array([[1.0], [0.0], [2.0], [-1.0]], np.float32)


def test_batch_norm_train_and_test_runs_as_tf1():
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 1])
    is_training = tf.placeholder(tf.bool, name="is_training")  # no shape: specialised when fed
    pop_mean = tf.Variable(tf.zeros([3]), trainable=False)
    pop_var = tf.Variable(tf.ones([3]), trainable=False)

    def train_branch():
        mean, var = tf.nn.moments(x, [0])
        update_mean = tf.assign(pop_mean, pop_mean * 0.9 + mean * 0.1)
        update_var = tf.assign(pop_var, pop_var * 0.9 + var * 0.1)
        with tf.control_dependencies([update_mean, update_var]):
            return tf.nn.batch_normalization(x, mean, var, None, None, 1e-3)

    def test_branch():
        return tf.nn.batch_normalization(x, pop_mean, pop_var, None, None, 1e-3)
    xn = tf.cond(is_training, train_branch, test_branch)
    W = tf.Variable([[0.5], [-0.25], [1.0]])
    loss = tf.reduce_mean(tf.square(tf.matmul(xn, W) - y))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = [sess.run([loss, train], {x: BN_X, y: BN_Y, is_training: True})[0] for _ in range(2)]
        statistics = sess.run([pop_mean, pop_var])
        tests = [sess.run(loss, {x: BN_X, y: BN_Y, is_training: False}) for _ in range(2)]
        after = sess.run([pop_mean, pop_var])
        weights = sess.run(W).ravel()
    # TF 2.21 tf.compat.v1 (the training steps agree to 1 ulp of float32)
    np.testing.assert_allclose(losses, np.float32([6.9218464, 3.0378919]), rtol=3e-7)
    np.testing.assert_allclose(weights, np.float32([-0.21061426, -0.010599121, 0.16703805]), rtol=5e-6)
    want = [[0.3087500333786011, 0.11874999850988388, 0.23749999701976776],
            [0.985156238079071, 1.032656192779541, 1.581874966621399]]  # TF 2.21 tf.compat.v1
    for got in (statistics, after):  # the test runs leave the population statistics alone
        np.testing.assert_array_equal(got[0], np.float32(want[0]))
        np.testing.assert_array_equal(got[1], np.float32(want[1]))
    assert tests == [np.float32(1.9607412)] * 2  # TF 2.21 tf.compat.v1 (symopt moved the statistics: another loss)
