"""Assignments fetched together in one ``session.run`` (v-probe V2): their values are computed from the values at
the start of the run, as TF1 computes every fetched op's inputs before any update lands.  Expected numbers:
TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _manual_descent():
    w = tf.Variable(1.0, name="w")
    b = tf.Variable(0.0, name="b")
    x = tf.constant([1.0, 2.0, 3.0])
    y = tf.constant([2.0, 4.0, 7.0])
    loss = tf.reduce_mean(tf.square(w * x + b - y))
    gw, gb = tf.gradients(loss, [w, b])
    return w, b, gw, gb


def test_a_list_of_assigns_is_one_gradient_step():
    w, b, gw, gb = _manual_descent()
    step = [tf.assign(w, w - 0.1 * gw), tf.assign(b, b - 0.1 * gb)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(step) == pytest.approx([2.1333334, 0.4666667], rel=1e-7)  # TF 2.21 tf.compat.v1
        sess.run(tf.group(*step))
        assert sess.run([w, b]) == pytest.approx([2.022222, 0.38666663], rel=1e-6)  # TF 2.21 tf.compat.v1


def test_assign_sub_methods_together():
    w, b, gw, gb = _manual_descent()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([w.assign_sub(0.1 * gw), b.assign_sub(0.1 * gb)])
    assert values == pytest.approx([2.1333334, 0.4666667], rel=1e-7)  # TF 2.21 tf.compat.v1


def test_fed_regression_three_steps_list_and_group():
    w = tf.Variable([0.5, -1.5])
    b = tf.Variable(0.3)
    xs = tf.placeholder(tf.float32, [None, 2])
    ys = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_mean(tf.square(tf.reduce_sum(xs * w, 1) + b - ys))
    gw, gb = tf.gradients(loss, [w, b])
    update = [tf.assign(w, w - 0.1 * gw), tf.assign(b, b - 0.1 * gb)]
    feed = {xs: np.float32([[1, 2], [3, -1], [0.5, 0.5]]), ys: np.float32([1, 2, 3])}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            new_w, new_b = sess.run(update, feed)
        np.testing.assert_allclose(new_w, [0.4525333, -0.28799993], rtol=1e-6)  # TF 2.21 tf.compat.v1
        assert new_b == pytest.approx(0.964, rel=1e-6)
        grouped = tf.group(*update)
        for _ in range(3):
            sess.run(grouped, feed)
        final_w, final_b = sess.run([w, b])
    np.testing.assert_allclose(final_w, [0.33499885, -0.055136193], rtol=1e-6)  # TF 2.21 tf.compat.v1
    assert final_b == pytest.approx(1.2151278, rel=1e-6)


@pytest.mark.parametrize("build, fetched, final", [
    # TF 2.21 tf.compat.v1: a variable assigned as it is (its buffer) is read in turn: a swap copies c into both
    (lambda a, c: [tf.assign(a, c), tf.assign(c, a)], [2.0, 2.0], [2.0, 2.0]),
    (lambda a, c: [tf.assign(c, a), tf.assign(a, c)], [1.0, 1.0], [1.0, 1.0]),
    # computed values are computed first: a real swap
    (lambda a, c: [tf.assign(a, c + 0.0), tf.assign(c, a + 0.0)], [2.0, 1.0], [2.0, 1.0]),
    (lambda a, c: tf.group(tf.assign(a, c * 2.0), tf.assign(c, a * 2.0)), None, [4.0, 2.0]),
    (lambda a, c: [a.assign(c * 2.0), c.assign(a * 2.0)], [4.0, 2.0], [4.0, 2.0]),
    (lambda a, c: [tf.assign_add(a, 1.0), tf.assign(c, a * 3.0)], [2.0, 3.0], [2.0, 3.0]),
    (lambda a, c: [tf.assign_add(a, c * 1.0), tf.assign_add(c, a * 1.0)], [3.0, 3.0], [3.0, 3.0]),
    (lambda a, c: [tf.assign_add(a, c), tf.assign_add(c, a)], [3.0, 5.0], [3.0, 5.0]),
    (lambda a, c: [tf.assign_add(a, 1.0), tf.assign(c, a)], [2.0, 2.0], [2.0, 2.0]),
    # one variable written twice: the updates add up, and each fetched assign is the variable when the run ends
    (lambda a, c: [tf.assign_add(a, 1.0), tf.assign_add(a, 1.0)], [3.0, 3.0], [3.0, 2.0]),
    (lambda a, c: [tf.assign_add(a, 1.0), tf.assign_sub(a, 3.0), tf.assign_add(a, 10.0)], [9.0, 9.0, 9.0],
     [9.0, 2.0]),
])
def test_assignments_of_one_run(build, fetched, final):
    a = tf.Variable(1.0, name="a")
    c = tf.Variable(2.0, name="c")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        result = sess.run(build(a, c))
        assert result == (None if fetched is None else pytest.approx(fetched))
        assert sess.run([a, c]) == pytest.approx(final)


def test_control_dependencies_still_order_assignments():
    a = tf.Variable(1.0)
    c = tf.Variable(2.0)
    increment = tf.assign_add(a, 1.0)
    with tf.control_dependencies([increment]):
        after = tf.assign(c, a * 3.0)
    with tf.Session() as sess:
        for fetches, fetched in [([increment, after], [2.0, 6.0]), (after, 6.0), (tf.group(increment, after), None)]:
            sess.run(tf.global_variables_initializer())
            result = sess.run(fetches)
            assert result == (None if fetched is None else pytest.approx(fetched))  # TF 2.21 tf.compat.v1
            assert sess.run([a, c]) == pytest.approx([2.0, 6.0])


def test_an_assign_beside_a_training_step_reads_the_start_values():
    w = tf.Variable(1.0)
    loss = tf.square(w - 4.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    last = tf.Variable(0.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([train, tf.assign(last, loss)]) == [None, pytest.approx(9.0)]  # TF 2.21 tf.compat.v1
        assert sess.run([w, last]) == pytest.approx([1.6, 9.0])
