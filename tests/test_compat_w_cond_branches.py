"""``tf.cond``: the branch not taken does not influence the run, as in TF1 (``Switch``/``Merge``: it does not run).
Its derivative never enters a gradient (even where it is infinite or NaN at the fed point), its ``tf.Print`` does not
print and its ``tf.gather`` does not check its indices.  ``tf.where`` (TF1's ``Select`` op) is different: TF1 takes
its gradient as ``where(c, g, 0)`` into both sides, which can give NaN; symopt does the same.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode
(``disable_v2_behavior()``) running the same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

pytestmark = pytest.mark.filterwarnings("ignore:invalid value encountered", "ignore:divide by zero encountered")


def _values(session, fetches, feed):
    return [np.asarray(value).tolist() for value in session.run(fetches, feed)]


def test_the_untaken_branchs_infinite_derivative_does_not_reach_the_gradient():
    x = tf.placeholder(tf.float32, [])
    w = tf.Variable(2.0)
    root = tf.cond(x > 0, lambda: tf.sqrt(x) * w, lambda: w)
    logged = tf.cond(x > 0, lambda: tf.log(x) * w, lambda: w * x)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(root - 1.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert _values(sess, [root, *tf.gradients(root, [x, w])], {x: 0.0}) == [2.0, 0.0, 1.0]  # TF 2.21 tf.compat.v1
        assert _values(sess, [root, *tf.gradients(root, [x, w])], {x: 4.0}) == [4.0, 0.5, 2.0]  # TF 2.21 tf.compat.v1
        assert _values(sess, [logged, *tf.gradients(logged, [x, w])], {x: 0.0}) == [0.0, 2.0, 0.0]  # TF 2.21 ...
        assert _values(sess, [logged, *tf.gradients(logged, [x, w])], {x: -1.0}) == [-2.0, 2.0, -1.0]  # tf.compat.v1
        trajectory = []
        for value in (0.0, -1.0, 0.0, 4.0):
            sess.run(train, {x: value})
            trajectory.append(sess.run(w))
    # TF 2.21 tf.compat.v1
    np.testing.assert_array_equal(trajectory, np.float32([1.7999999523162842, 1.6399999856948853, 1.5119999647140503,
                                                          0.7023999691009521]))


def test_a_batched_branch_and_adam_train_from_the_taken_branch_only():
    X = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable([[1.0], [2.0]])
    is_training = tf.placeholder(tf.bool, [])
    h = tf.matmul(X, W)
    out = tf.cond(is_training, lambda: tf.sqrt(h), lambda: h * 2.0)
    total = tf.reduce_sum(out)
    train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_mean(tf.square(out - 1.0)))
    negative = [[0.0, -1.0], [1.0, 0.0]]  # h = [[-2], [1]]: sqrt(-2) is NaN in the branch not taken
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1
        assert _values(sess, [total, *tf.gradients(total, [W, X])], {X: negative, is_training: False}) == \
            [-2.0, [[2.0], [-2.0]], [[2.0, 4.0], [2.0, 4.0]]]
        taken = _values(sess, [total, *tf.gradients(total, [W, X])], {X: [[1.0, 1.0], [2.0, 3.0]], is_training: True})
        np.testing.assert_allclose(taken[0], 4.5604777336120605, rtol=1e-7)  # TF 2.21 tf.compat.v1
        np.testing.assert_allclose(taken[1], [[0.6422284841537476], [0.8190051913261414]], rtol=1e-6)
        trajectory = []
        for _ in range(3):
            sess.run(train, {X: negative, is_training: False})
            trajectory.append(sess.run(W).ravel().tolist())
    np.testing.assert_allclose(trajectory, [[0.9000000357627869, 1.899999976158142],  # TF 2.21 tf.compat.v1
                                            [0.8011878132820129, 1.8001275062561035],
                                            [0.7048723101615906, 1.7004749774932861]], rtol=1e-6)


def test_one_predicate_for_several_conds_nested_conds_and_momentum_as_tf1():
    x = tf.placeholder(tf.float32, [2])
    w = tf.Variable([1.0, -2.0])
    is_training = tf.placeholder(tf.bool, [])
    a = tf.cond(is_training, lambda: tf.sqrt(x) * w, lambda: w * 0.5)
    b = tf.cond(is_training, lambda: a * 2.0, lambda: tf.log(x) + a)
    c = tf.cond(tf.reduce_sum(w) > 0, lambda: tf.cond(x[0] > 1.0, lambda: tf.sqrt(x - 1.0), lambda: x * w),
                lambda: tf.rsqrt(x) * w)
    loss = tf.reduce_sum(b) + tf.reduce_sum(c * c * 0.1)
    fetches = [loss, *tf.gradients(loss, [w, x])]
    train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
    feeds = [([0.0, 4.0], False), ([1.0, 4.0], True), ([4.0, 1.0], False), ([2.0, 0.0], True)]
    inf = float("inf")
    want = [[np.nan, [inf, 0.4000000059604645], [np.nan, 0.22499999403953552]],  # TF 2.21 tf.compat.v1
            [-5.800000190734863, [2.200000047683716, 3.9000000953674316], [0.8999999761581421, -1.024999976158142]],
            [1.3112943172454834, [0.550000011920929, 0.09999999403953552], [0.24375000596046448, 0.6000000238418579]],
            [inf, [2.92842698097229, -inf], [0.6821067929267883, -inf]]]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for (value, flag), expected in zip(feeds, want):
            got = sess.run(fetches, {x: value, is_training: flag})
            for g, e in zip(got, expected):
                np.testing.assert_allclose(g, e, rtol=1e-6)
        trajectory = []
        for i in range(4):
            sess.run(train, {x: [4.0, 1.0] if i % 2 else [2.0, 0.5], is_training: i % 2 == 1})
            trajectory.append(sess.run(w).tolist())
    np.testing.assert_allclose(trajectory, [[0.9700000286102295, -1.9850000143051147],  # TF 2.21 tf.compat.v1
                                            [0.7405750155448914, -2.051650047302246],
                                            [0.5053896307945251, -2.095602035522461],
                                            [0.09245932102203369, -2.214202880859375]], rtol=1e-6)


def test_where_takes_tf1s_select_gradient_into_both_sides():
    X = tf.placeholder(tf.float32, [None, 2])
    root_of_chosen = tf.sqrt(tf.where(X > 0, X, tf.zeros_like(X)))  # sqrt'(0) = inf is not chosen into the zeros
    logged = tf.where(X > 0, tf.log(X), X)  # TF1: 0 * (1/0) on the side not chosen: NaN
    feed = {X: [[0.0, -1.0], [1.0, 0.0]]}
    with tf.Session() as sess:
        got = _values(sess, [*tf.gradients(tf.reduce_sum(root_of_chosen), X),
                             *tf.gradients(tf.reduce_sum(logged), X)], feed)
    assert got[0] == [[0.0, 0.0], [0.5, 0.0]]  # TF 2.21 tf.compat.v1
    np.testing.assert_array_equal(got[1], [[np.nan, 1.0], [1.0, np.nan]])  # TF 2.21 tf.compat.v1


def test_a_print_in_the_untaken_branch_does_not_print(capsys):
    p = tf.placeholder(tf.bool, [])
    x = tf.placeholder(tf.float32, [])
    w = tf.Variable(2.0)
    y = tf.cond(p, lambda: tf.Print(x * w, [x], "TRUE: "), lambda: x - w)
    y2 = tf.cond(p, lambda: x * w, lambda: tf.Print(x - w, [w], "FALSE: "))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(y - 1.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([y, y2], {p: False, x: 3.0}) == [1.0, 1.0]
        assert capsys.readouterr().err == "FALSE: [2]\n"  # TF 2.21 tf.compat.v1
        assert sess.run([y, y2], {p: True, x: 3.0}) == [6.0, 6.0]
        assert capsys.readouterr().err == "TRUE: [3]\n"  # TF 2.21 tf.compat.v1
        sess.run(train, {p: False, x: 3.0})
        assert capsys.readouterr().err == ""  # TF 2.21 tf.compat.v1
        assert sess.run(w) == 2.0


def test_a_gather_in_the_untaken_branch_does_not_check_its_ids():
    E = tf.Variable([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    E2 = tf.Variable(tf.ones([10, 2]))
    ids = tf.placeholder(tf.int32, [None])
    big = tf.placeholder(tf.bool, [])
    rows = tf.cond(big, lambda: tf.gather(E2, ids), lambda: tf.gather(E, ids))
    loss = tf.reduce_sum(rows * rows)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(rows, {big: True, ids: [7, 9]}).tolist() == [[1.0, 1.0], [1.0, 1.0]]  # TF 2.21 tf.compat.v1
        assert sess.run([train, loss], {big: True, ids: [7, 9]}) == [None, 4.0]  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(sess.run(E2)[6:], np.float32([[1, 1], [0.8, 0.8], [1, 1], [0.8, 0.8]]))
        with pytest.raises(tf.errors.InvalidArgumentError, match="12"):  # the taken branch's gather still checks
            sess.run(rows, {big: True, ids: [12]})
        with pytest.raises(tf.errors.InvalidArgumentError, match="7"):
            sess.run(train, {big: False, ids: [7]})
        np.testing.assert_array_equal(sess.run(E), [[1, 2], [3, 4], [5, 6]])  # nothing changed
