"""Assignments in a fetched ``tf.group`` when the run has control inputs (probe9 S4, S5): a ``tf.group`` of an
assignment that reads another assignment's value (hand-written momentum ``tf.assign_sub(W, lr * tf.assign(vW, ...))``)
computed that value before the inner assignment ran (the first step did nothing, every later one used the previous
velocity), and ``tf.group(ema.apply([loss]))`` made under ``control_dependencies([train])`` averaged the loss after
the step, where TF1 averages the loss the step saw.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

FEED = {"X": [[1., 2.], [3., -1.], [0.5, 0.5]], "Y": [[1.], [0.], [2.]]}


def _regression():
    X = tf.placeholder(tf.float32, [None, 2])
    Y = tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable(np.float32([[0.1], [-0.2]]))
    b = tf.Variable(0.3)
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) + b - Y))
    return {X: FEED["X"], Y: FEED["Y"]}, W, b, loss


@pytest.mark.parametrize("inside", [True, False])
def test_an_average_of_the_loss_grouped_after_the_step_averages_the_loss_it_saw(inside):
    feed, W, b, loss = _regression()
    opt = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    ema = tf.train.ExponentialMovingAverage(0.5)
    made_outside = None if inside else ema.apply([loss])
    with tf.control_dependencies([opt]):
        t = tf.group(ema.apply([loss]) if inside else made_outside)
    got = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(t, feed)
            got.append([sess.run(loss, feed), sess.run(ema.average(loss))])
    # TF 2.21 tf.compat.v1: the loss after each step, its average (of the losses before each step)
    np.testing.assert_array_equal(got, np.float32([[0.93461657, 0.78375006], [0.6855549, 0.8591833],
                                                   [0.57978684, 0.77236915]]))


@pytest.mark.parametrize("form", ["assign_sub", "assign"])
def test_hand_written_momentum_in_a_group_uses_this_steps_velocity(form):
    feed, W, b, loss = _regression()
    gW, gb = tf.gradients(loss, [W, b])
    vW = tf.Variable(tf.zeros_like(W))
    vb = tf.Variable(0.0)
    upd_vW, upd_vb = tf.assign(vW, 0.9 * vW + gW), tf.assign(vb, 0.9 * vb + gb)
    if form == "assign_sub":
        t = tf.group(tf.assign_sub(W, 0.1 * upd_vW), tf.assign_sub(b, 0.1 * upd_vb))
    else:
        t = tf.group(tf.assign(W, W - 0.1 * upd_vW), tf.assign(b, b - 0.1 * upd_vb))
    got = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(t, feed)
            got.append([*sess.run(W).ravel(), sess.run(b), *sess.run(vW).ravel(), sess.run(vb)])
    # TF 2.21 tf.compat.v1: W, b, vW, vb after each step (the last bits follow the order of the gradient's sums)
    np.testing.assert_allclose(got, np.float32([
        [0.065, 0.04500003, 0.43, 0.35000002, -2.4500003, -1.3000001],
        [-0.00433334, 0.41000003, 0.637, 0.6933334, -3.65, -2.0700002],
        [-0.1010389, 0.7310834, 0.85620004, 0.9670556, -3.2108333, -2.1920002]]), rtol=2e-6, atol=1e-7)


def test_a_group_of_assignments_reading_an_assignment_and_a_block_reading_an_update():
    x = tf.placeholder(tf.float32, [])
    w, v, n = tf.Variable(1.0), tf.Variable(0.0), tf.Variable(0.0)
    g = tf.gradients(tf.square(w * x - 2.0), w)[0]
    nested = tf.group(tf.assign(w, tf.assign_add(n, 1.0) * 3.0))
    a = tf.assign_add(n, 1.0)
    two_reads = tf.group(tf.assign(w, a + 0.0), tf.assign(v, a * 2.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = []
        for _ in range(3):
            sess.run(nested)
            first.append(sess.run([w, n]))
        sess.run([w.initializer, v.initializer, n.initializer])
        second = []
        for _ in range(3):
            sess.run(two_reads)
            second.append(sess.run([w, v, n]))
    assert first == [[3.0, 1.0], [6.0, 2.0], [9.0, 3.0]]  # TF 2.21 tf.compat.v1
    assert second == [[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [3.0, 6.0, 3.0]]  # TF 2.21 tf.compat.v1
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [])
    w, v = tf.Variable(1.0), tf.Variable(0.0)
    g = tf.gradients(tf.square(w * x - 2.0), w)[0]
    up = tf.assign(v, 0.9 * v + g)
    with tf.control_dependencies([up]):
        t = tf.group(tf.assign_sub(w, 0.1 * v.read_value()))  # reads v after the update it waits for
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = []
        for _ in range(3):
            sess.run(t, {x: 1.5})
            got.append(sess.run([w, v]))
    np.testing.assert_array_equal(got, np.float32([[1.15, -1.5], [1.3675, -2.1750002], [1.5478749, -1.8037502]]))
