"""One optimizer object used for several ``minimize`` calls shares its Adam beta powers, as TF1's optimizer owns
``beta1_power`` / ``beta2_power`` (probe K12): each step of either operation advances the bias correction of both.
Expected values come from TF 2.21's tf.compat.v1 (graph mode) running the same program."""

import os
import tempfile

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _two_ops_of_one_adam():
    a1, a2 = tf.Variable(1.0), tf.Variable(2.0)
    loss = tf.square(a1 - 3.0) + tf.square(a2 + 1.0)
    adam = tf.train.AdamOptimizer(0.1)
    return a1, a2, adam.minimize(loss, var_list=[a1]), adam.minimize(loss, var_list=[a2])


def test_two_minimize_ops_of_one_adam_share_the_beta_powers():
    a1, a2, ta, tb = _two_ops_of_one_adam()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    seen = []
    for _ in range(3):
        sess.run(ta)
        sess.run(tb)
        seen.append(sess.run([a1, a2]))
    for _ in range(2):
        sess.run(tb)
        seen.append(sess.run([a1, a2]))
    sess.run(ta)
    seen.append(sess.run([a1, a2]))
    # TF 2.21's tf.compat.v1 prints these pairs
    expected = [(1.1, 1.9255866), (1.1857028, 1.8475498), (1.2707374, 1.7659842), (1.2707374, 1.6791937),
                (1.2707374, 1.588916), (1.3541932, 1.588916)]
    assert seen == [[np.float32(a), np.float32(b)] for a, b in expected]


def test_separate_optimizers_keep_separate_powers_and_saver_restores_the_shared_ones():
    a1, a2, ta, tb = _two_ops_of_one_adam()
    b = tf.Variable(1.0)
    tc = tf.train.AdamOptimizer(0.1).minimize(tf.square(b - 3.0))
    saver = tf.train.Saver()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for _ in range(2):
        sess.run([ta, tc])
        sess.run(tb)
    assert sess.run(b) == np.float32(1.1998332)  # its own Adam: two plain steps (TF 2.21)
    path = saver.save(sess, os.path.join(tempfile.mkdtemp(), "model"))
    for _ in range(2):
        sess.run(ta)
        sess.run(tb)
    after = sess.run([a1, a2])
    assert after == [np.float32(1.3572025), np.float32(1.6810144)]  # TF 2.21
    saver.restore(sess, path)
    for _ in range(2):
        sess.run(ta)
        sess.run(tb)
    assert sess.run([a1, a2]) == after


def test_apply_gradients_that_read_no_data_needs_no_feed():
    """Gradient accumulation (probe K11): gradients summed into a variable over micro-batches and applied once
    without a feed; TF 2.21's values, to float32 rounding (symopt may associate sums differently: 1-2 ulps)."""
    rs = np.random.RandomState(0)
    Xd = rs.randn(20, 3).astype(np.float32)
    yd = (Xd @ np.float32([[1], [-2], [0.5]])).astype(np.float32)
    X, Y = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable(np.full((3, 1), 0.1, np.float32))
    loss = tf.reduce_mean(tf.square(tf.matmul(X, W) - Y))
    opt = tf.train.GradientDescentOptimizer(0.1)
    (g, _), = opt.compute_gradients(loss, [W])
    acc = tf.Variable(tf.zeros_like(W), trainable=False)
    acc_op, zero_op = acc.assign_add(g), acc.assign(tf.zeros_like(acc))
    apply_acc = opt.apply_gradients([(acc / 2.0, W)])
    apply_const = opt.apply_gradients([(tf.constant(np.ones((3, 1), np.float32)), W)])
    clipped = opt.apply_gradients([(tf.clip_by_value(g, -0.5, 0.5), W)])
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    expected = [([0.3049567, -0.31584007, 0.13498077], 3.4178784), ([0.4619732, -0.6489446, 0.17180358], 2.1871562),
                ([0.58255035, -0.9158193, 0.20835239], 1.4039667)]
    for weights, cost in expected:
        sess.run(zero_op)
        sess.run(acc_op, {X: Xd[:10], Y: yd[:10]})
        sess.run(acc_op, {X: Xd[10:], Y: yd[10:]})
        sess.run(apply_acc)
        np.testing.assert_allclose(sess.run(W).ravel(), weights, rtol=3e-7)
        np.testing.assert_allclose(sess.run(loss, {X: Xd, Y: yd}), cost, rtol=3e-7)
    sess.run(apply_const)
    np.testing.assert_allclose(sess.run(W).ravel(), [0.48255035, -1.0158193, 0.10835239], rtol=3e-7)
    _, cost = sess.run([clipped, loss], {X: Xd, Y: yd})  # clipped gradients still compute the loss along
    np.testing.assert_allclose(cost, 1.3552821, rtol=3e-7)
    np.testing.assert_allclose(sess.run(W).ravel(), [0.53255033, -1.0658193, 0.15835239], rtol=3e-7)
    assert clipped.loss is loss and apply_acc.loss is None


def test_an_empty_mini_batch_steps_as_tf1():
    """Probe K17: TF1 reports a nan cost and still applies the step: every sum over the batch is a sum of no
    examples (0), a regularizer's gradient stays, Adam moves by its momentum.  TF 2.21's values, to float32
    rounding."""
    X, Y = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable(np.ones((3, 1), np.float32))
    cost = tf.reduce_mean(tf.square(tf.matmul(X, W) - Y))
    train = tf.train.AdamOptimizer(0.1).minimize(cost)
    sgd = tf.train.GradientDescentOptimizer(0.1).minimize(cost)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    full = {X: np.float32([[1, 2, 3], [0, 1, 0]]), Y: np.float32([[1], [2]])}
    empty = {X: np.zeros((0, 3), np.float32), Y: np.zeros((0, 1), np.float32)}
    assert sess.run([train, cost], full)[1] == np.float32(13.0)
    with np.errstate(all="ignore"):
        _, c = sess.run([train, cost], empty)
        assert np.isnan(c)
        np.testing.assert_allclose(sess.run(W).ravel(), [0.8329944, 0.83299434, 0.8329944], rtol=2e-7)
        _, c = sess.run([sgd, cost], empty)  # gradient 0: W stays
        assert np.isnan(c)
        np.testing.assert_allclose(sess.run(W).ravel(), [0.8329944, 0.83299434, 0.8329944], rtol=2e-7)
        sess.run(train, empty)
        np.testing.assert_allclose(sess.run(W).ravel(), [0.7811991, 0.781199, 0.7811991], rtol=2e-7)
        assert np.isnan(sess.run(cost, empty))


def test_an_empty_mini_batch_keeps_a_regularizer_and_clipping():
    """TF 2.21 after batches 0:10, 10:20, 20:30, 30:40 (empty) and another empty one, for Momentum, gradient descent, RMSProp and clipped Adam
    gradients with a global step, one after the other (the cost is a sigmoid cross-entropy mean plus an L2
    penalty)."""
    rs = np.random.RandomState(1)
    Xd = rs.randn(30, 3).astype(np.float32)
    Yd = (rs.rand(30, 1) > 0.5).astype(np.float32)
    X, Y = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.float32, [None, 1])
    W, b = tf.Variable(np.full((3, 1), 0.3, np.float32)), tf.Variable(np.float32([0.2]))
    logits = tf.matmul(X, W) + b
    cost = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=Y, logits=logits)) + \
        0.05 * tf.nn.l2_loss(W)
    steps = [optimizer.minimize(cost) for optimizer in (tf.train.MomentumOptimizer(0.1, 0.9),
                                                        tf.train.GradientDescentOptimizer(0.2),
                                                        tf.train.RMSPropOptimizer(0.01))]
    gs = tf.train.get_or_create_global_step()
    adam = tf.train.AdamOptimizer(0.05)
    clipped = adam.apply_gradients([(tf.clip_by_value(g, -0.1, 0.1), v) for g, v in adam.compute_gradients(cost)],
                                   global_step=gs)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    expected = [([0.19695717, 0.24613719, 0.12766404], 0.14973179, 0),
                ([0.15776697, 0.22324283, 0.07323509], 0.12405969, 0),
                ([0.15581335, 0.22198151, 0.07064736], 0.12272546, 0),
                ([0.013609, 0.13068618, -0.06117509], 0.10779893, 5)]
    for step, (weights, bias, count) in zip((*steps, clipped), expected):
        with np.errstate(all="ignore"):
            for i in range(4):
                sess.run([step, cost], {X: Xd[i * 10:(i + 1) * 10], Y: Yd[i * 10:(i + 1) * 10]})
            assert np.isnan(sess.run([step, cost], {X: Xd[30:], Y: Yd[30:]})[1])
        np.testing.assert_allclose(sess.run(W).ravel(), weights, rtol=3e-7, atol=3e-8)
        np.testing.assert_allclose(sess.run(b), [bias], rtol=3e-7)
        assert sess.run(gs) == count


def test_one_optimizer_shares_each_variables_slots_across_its_minimize_ops():
    """TF1's optimizer keeps one slot per variable (``w/Adam``, ``w/Momentum``) for all its minimize ops: two losses
    trained in turn on ``w`` share its momentum.  TF 2.21's values."""
    w, u = tf.Variable([1.0, -1.0]), tf.Variable(0.5)
    l1 = tf.reduce_sum(tf.square(w - 2.0)) + tf.square(u)
    l2 = tf.reduce_sum(tf.square(w + 1.0) * 0.5)
    adam = tf.train.AdamOptimizer(0.1)
    t1, t2 = adam.minimize(l1), adam.minimize(l2, var_list=[w])
    momentum = tf.train.MomentumOptimizer(0.05, 0.9)
    t3, t4 = momentum.minimize(l1, var_list=[u]), momentum.minimize(l2 + tf.square(u - 1.0))
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    seen = []
    for _ in range(3):
        for step in (t1, t2):
            sess.run(step)
            seen.append(sess.run([w, u]))
    for _ in range(2):
        sess.run(t3)
        sess.run(t4)
        seen.append(sess.run([w, u]))
    expected = [([1.1, -0.9], 0.40000004), ([1.0923003, -0.8342444], 0.40000004),
                ([1.1211702, -0.753422], 0.31517375), ([1.1106195, -0.68898344], 0.31517375),
                ([1.1245342, -0.6135642], 0.2325588), ([1.1126047, -0.5506616], 0.2325588),
                ([1.0069745, -0.5731285], 0.26744235), ([0.81155854, -0.61469233], 0.38674435)]
    for (wv, uv), (w0, u0) in zip(seen, expected):
        np.testing.assert_array_equal(wv, np.float32(w0))
        assert uv == np.float32(u0)
