"""``tf.cond`` inside an unrolled loop: its gradient is built in work linear in the number of conds.

An RNN-like loop ``h = tf.cond(pred, lambda: f(h), lambda: g(h))`` reads the previous merge in both branches.  The
gradient took the taken branch by splitting the cost on each predicate's value: with one predicate for every cond
(``tf.reduce_sum(h) > c``, which reads the previous ``h``) the splits doubled with each cond (ten conds: 37 s, twelve:
over two minutes; TF 2.21: 0.2 s), and with one predicate for all of them each split rewrote the cost as a tree
(``xreplace``), exponential in the loop's depth (twenty conds: 37 s).  Past
:data:`~symopt.compat.v1.cond_gradients.SPLIT_CONDS` conds each merge is swept once instead; the rewrite walks the
shared DAG.  Work is bounded by counting calls, never by timing.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest
import sympy

import symopt.compat.v1 as tf
from symopt.compat.v1 import cond_gradients
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

W0 = np.array([[0.5, -0.2, 0.1], [0.3, 0.4, -0.6], [0.2, 0.1, 0.3]])
X0 = np.array([[0.2], [-0.4], [0.7]])


def _rnn(conds: int, dtype=tf.float32):
    """A vector state through ``conds`` conds on predicates that read it; the loss ends in a cond whose untaken
    branch has an infinite derivative at the start (``sqrt(v - 1)`` at ``v = 0.5`` is NaN: TF1 never runs it)."""
    x = tf.placeholder(dtype, [3, 1])
    W = tf.Variable(W0.astype(dtype.as_numpy_dtype))
    v = tf.Variable(np.array(0.5, dtype.as_numpy_dtype))
    h = x
    for i in range(conds):
        h = tf.cond(tf.reduce_sum(h) > 0.3 * (i % 3) - 0.2, lambda: tf.tanh(tf.matmul(W, h)) + v,
                    lambda: h * 0.9 - tf.sqrt(v))
    loss = tf.reduce_sum(tf.square(h)) + tf.cond(v > 1.0, lambda: tf.sqrt(v - 1.0), lambda: v * v)
    return x, W, v, loss


class _Counted:
    """Counts the sweeps (``adjoints`` calls) the cond gradient makes."""

    def __init__(self, monkeypatch):
        self.calls, original = 0, cond_gradients.adjoints

        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)
        monkeypatch.setattr(cond_gradients, "adjoints", counted)


def test_rnn_of_eight_conds_trains_as_tf1(monkeypatch):
    sweeps = _Counted(monkeypatch)
    x, W, v, loss = _rnn(8)
    gradients = tf.gradients(loss, [W, v])
    assert sweeps.calls <= 1 + 2 * 9  # one sweep of the loss, two per merge (the splits: 2**9 = 512)
    train = tf.train.AdamOptimizer(0.05).minimize(loss)
    feed = {x: X0.astype(np.float32)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, dW, dv = sess.run([loss] + gradients, feed)
        np.testing.assert_allclose(value, 2.2754092, rtol=1e-6)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(dW, [[3.0387936, 1.0860689, 3.0725422], [0.41138777, 0.1367844, 0.41498768],
                                        [1.9522142, 0.6851889, 1.9687207]], rtol=1e-6)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(dv, 8.104636, rtol=1e-6)  # TF 2.21 tf.compat.v1
        for _ in range(5):
            sess.run(train, feed)
        np.testing.assert_allclose(sess.run(W), [[0.27950862, -0.42461145, -0.12096086],
                                                 [0.21375576, 0.31122494, -0.689901],
                                                 [-0.026113104, -0.12930547, 0.07381008]],
                                   rtol=1e-5, atol=1e-7)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(sess.run(v), 0.26618564, rtol=1e-6)  # TF 2.21 tf.compat.v1


@pytest.mark.parametrize("conds", [3, 7])
def test_per_merge_gradient_equals_the_split_and_finite_differences(conds, monkeypatch):
    """In float64 the per-merge sweep and the split (TF1's sweep per branch) agree to rounding, and both agree with
    central differences of the loss."""
    x, W, v, loss = _rnn(conds, tf.float64)
    feed = {x: X0}
    found = {}
    for limit in (0, 100):  # 0: every cond swept once; 100: split on every predicate
        monkeypatch.setattr(cond_gradients, "SPLIT_CONDS", limit)
        tf.get_default_graph().__dict__.pop("rebuilt_nodes", None)
        found[limit] = tf.gradients(loss, [W, v])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        per_merge, split = sess.run(found[0], feed), sess.run(found[100], feed)
        for a, b in zip(per_merge, split):
            np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)
        step = 1e-6
        for i, j in [(0, 0), (1, 2), (2, 1)]:
            costs = []
            for sign in (1, -1):
                moved = W0.copy()
                moved[i, j] += sign * step
                sess.run(tf.assign(W, moved))
                costs.append(sess.run(loss, feed))
            np.testing.assert_allclose(per_merge[0][i, j], (costs[0] - costs[1]) / (2 * step), rtol=1e-6)
        sess.run(tf.assign(W, W0))
        costs = []
        for sign in (1, -1):
            sess.run(tf.assign(v, 0.5 + sign * step))
            costs.append(sess.run(loss, feed))
        np.testing.assert_allclose(per_merge[1], (costs[0] - costs[1]) / (2 * step), rtol=1e-6)
        assert np.isfinite(per_merge[1])  # the untaken sqrt(v - 1) leaks no NaN


def test_one_predicate_for_many_conds_is_rewritten_over_the_dag(monkeypatch):
    """Sixteen conds on one fed predicate, each reading the previous merge twice: the split's rewrite walks each
    shared node once (``xreplace`` walked the tree: 1.5 million nodes)."""
    walked = {"nodes": 0}
    original = sympy.Basic._xreplace

    def counted(self, rule):
        walked["nodes"] += 1
        return original(self, rule)
    monkeypatch.setattr(sympy.Basic, "_xreplace", counted)
    flag = tf.placeholder(tf.float32, [])
    w = tf.Variable(0.5)
    h = w
    for _ in range(16):
        h = tf.cond(flag > 0, lambda: h * h * 0.5 + w, lambda: h + h * w)
    gradient, = tf.gradients(h, [w])
    assert walked["nodes"] < 5_000
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # the loop's derivative by hand: h' = h h0' + 1 (true), h' = h0' (1 + w) + h0 (false), from h = w
        value, slope = 0.5, 1.0
        for _ in range(16):
            value, slope = value * value * 0.5 + 0.5, value * slope + 1.0
        np.testing.assert_allclose(sess.run(gradient, {flag: 1.0}), slope, rtol=1e-5)
        value, slope = 0.5, 1.0
        for _ in range(16):
            value, slope = value + value * 0.5, slope * 1.5 + value
        np.testing.assert_allclose(sess.run(gradient, {flag: -1.0}), slope, rtol=1e-5)


@pytest.mark.parametrize("extra, gradient_w", [(0, 0.0), (3, 6.0), (5, 15.0)])
@pytest.mark.parametrize("singular", ["log", "divide"])
def test_a_cond_nested_in_a_branch_not_taken_leaks_nothing(extra, gradient_w, singular):
    """The inner cond sits in the outer cond's untaken branch; its own predicate picks ``log(x)`` (``w / x``) at
    ``x = 0``, whose derivative is infinite.  TF1 never runs it.  With five conds or more (``extra >= 3``) the
    per-merge sweep gave NaN for both gradients (review C39-1): the inner merge's adjoint, zero there, times the
    infinite derivative its predicate chose.  Its contributions now count only on the outer cond's taken path."""
    x = tf.placeholder(tf.float64, [])
    w = tf.Variable(np.float64(1.5))
    taken_inside = (lambda: tf.log(x) * w) if singular == "log" else (lambda: w / x)
    loss = tf.cond(x > 1.0, lambda: tf.cond(x >= 0.0, taken_inside, lambda: x * w), lambda: 2.0 * x * w)
    for i in range(extra):
        loss = loss + tf.cond(w > 0.1 * i, lambda i=i: w * (i + 1.0), lambda: -w)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        gx, gw = sess.run(tf.gradients(loss, [x, w]), {x: 0.0})
    assert (gx, gw) == (3.0, gradient_w)  # TF 2.21 tf.compat.v1


@pytest.mark.parametrize("pairs_before", [2, 6])
def test_a_case_past_four_conds_leaks_nothing_from_a_dead_pair(pairs_before):
    """``tf.case`` of many pairs is conds nested in branches: a later pair true at ``x = 0`` but not taken (an
    earlier true pair wins) holds ``log(x)``; TF1's gradient is the taken pair's."""
    x = tf.placeholder(tf.float64, [])
    w = tf.Variable(np.float64(1.5))
    pairs = [(x > 10.0 + i, (lambda i=i: tf.log(x) * w * (i + 1.0))) for i in range(pairs_before)]
    out = tf.case(pairs + [(x < 5.0, lambda: 3.0 * x * w), (x >= 0.0, lambda: tf.log(x) * w)],
                  default=lambda: tf.sqrt(x + 1.0) * w)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, gx, gw = sess.run([out] + tf.gradients(out * out + out, [x, w]), {x: 0.0})
    assert (value, gx, gw) == (0.0, 4.5, 0.0)  # TF 2.21 tf.compat.v1


#: TF 2.21 tf.compat.v1 (float64) for the loop of _singular_untaken: ggx, d(sum gw^2)/dw, d(sum gw^2)/dx, hessians.
SECOND_ORDER = {
    3: (0.017216097201515866, [0.0007012040262475859, -0.00232381947960999], -0.0014509455140248417,
        [[-0.0012047529539551405, -0.13610475369816533], [-0.13610475369816524, -0.1270246542663257]]),
    5: (0.03893574797264715, [1.1780268163189664, -2.042173594424648], 0.013488431512941868,
        [[0.11353553873822812, -0.8966622571010814], [-0.8966622571010815, 1.4650764025462468]]),
}


@pytest.mark.parametrize("conds", sorted(SECOND_ORDER))
def test_second_derivatives_through_conds_take_the_taken_branch(conds):
    """``tf.gradients`` of ``tf.gradients`` and ``tf.hessians`` through conds whose untaken branches are singular
    at the point (``log(h - h)``, ``sqrt(h - h)``, ``1 / (h - h)``): the first gradient's selections were plain
    ``Piecewise``/``Select`` nodes, so the second differentiation multiplied an infinite derivative by 0 (NaN), and
    ``tf.hessians`` differentiated the merges as plain selections (NaN; four conds or more never finished: review
    C39-2, C39-3).  The selections are recorded as conds, and ``tf.hessians`` differentiates through them."""
    x = tf.placeholder(tf.float64, [])
    w = tf.Variable(np.array([0.7, -0.3]))
    h = x
    for i in range(conds):
        if i % 3 == 0:
            h = tf.cond(h > -10.0 + 0.01 * i, lambda h=h: tf.sin(w[0] * h) + w[1] * h * h, lambda h=h: tf.log(h - h))
        elif i % 3 == 1:
            h = tf.cond(h < 100.0 - i, lambda h=h: h * w[0] + w[1], lambda h=h: tf.sqrt(h - h) * h)
        else:
            h = tf.cond(w[0] > 5.0 + i, lambda h=h: 1.0 / (h - h), lambda h=h: tf.tanh(h) * w[1] + h * w[0] * w[0])
    loss = h * h
    (gw,), (gx,) = tf.gradients(loss, [w]), tf.gradients(loss, [x])
    fetches = [tf.gradients(gx, [x])[0], *tf.gradients(tf.reduce_sum(gw * gw), [w, x]), tf.hessians(loss, [w])[0]]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        found = sess.run(fetches, {x: 0.3})
    for value, expected in zip(found, SECOND_ORDER[conds]):
        np.testing.assert_allclose(value, expected, rtol=1e-12)


def _nodes_walked(conds: int, monkeypatch) -> int:
    """The nodes the DAG walks of :mod:`symopt.traversal` visit while the loop of ``conds`` conds is built and
    differentiated (each walk's nodes counted)."""
    from symopt import traversal
    walked = [0]
    postorder, unique_nodes = traversal.postorder, traversal.unique_nodes

    def counted(walk):
        def walking(*args, **kwargs):
            nodes = walk(*args, **kwargs)
            walked[0] += len(nodes)
            return nodes
        return walking
    with monkeypatch.context() as patch:
        patch.setattr(traversal, "postorder", counted(postorder))
        patch.setattr(traversal, "unique_nodes", counted(unique_nodes))
        with tf.Graph().as_default():
            x, W, v, loss = _rnn(conds)
            tf.gradients(loss, [W, v])
    return walked[0]


def test_the_loop_gradient_walks_nodes_linear_in_the_conds(monkeypatch):
    """Each merge's adjoint goes into its branches in one substitution that walks what is new only (final39c
    F39c-4: a substitution per target per merge re-walked the whole adjoint, and each branch's DAG down to the loop's
    start, and each cond's predicate was searched to the start for a ``Lambda``: 100 conds took 17 s, 5.2 times 50)."""
    small, large = _nodes_walked(12, monkeypatch), _nodes_walked(48, monkeypatch)
    assert large < 5 * small  # linear: 4 (the old walks: over 12)
