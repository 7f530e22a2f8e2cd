"""probe72 P72-8: ``sess.run([train, loss], feed)`` with the usual ``[None, n]`` placeholders takes the lean path
once the plan is warm (no per-run pass through the general path's feed checks), with TF1's numbers; a feed that does
not fit (another batch size, another width, a shape ``set_shape`` refined) still gets TF1's error."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.run_plan import RunPlan

X = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 1.5], [2.0, 0.5, -1.0], [1.5, 1.0, 1.0]])
Y = np.array([[1.0], [-0.5], [2.0], [0.25]])
# TF 2.21, tf.compat.v1 with disable_eager_execution(): the same program and feeds (batch sizes 4, 2, 4, 2, 4, 2)
TF1_LOSSES = [1.328125, 0.684863265711465, 0.17715166773600263, 0.08820640235588859, 0.14046859450734295,
              0.039489040107008544]
TF1_W, TF1_B = [0.5647126291128042, 0.21043168363160056, -0.4132729361565726], 0.24383748703097013


def _regression():
    """Linear regression with ``[None, 3]`` and ``[None, 1]`` placeholders, a scalar bias, gradient descent."""
    tf.reset_default_graph()
    x, y = tf.placeholder(tf.float64, [None, 3]), tf.placeholder(tf.float64, [None, 1])
    W, b = tf.Variable(np.zeros((3, 1))), tf.Variable(0.0, dtype=tf.float64)
    loss = tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y))
    return x, y, W, b, loss, tf.train.GradientDescentOptimizer(0.1).minimize(loss)


def _counting_general_runs(monkeypatch) -> list:
    calls, real = [], RunPlan.general_run
    monkeypatch.setattr(RunPlan, "general_run", lambda *a: calls.append(1) or real(*a))
    return calls


def test_batch_feeds_take_the_lean_path_with_tf1s_numbers(monkeypatch):
    x, y, W, b, loss, train = _regression()
    calls = _counting_general_runs(monkeypatch)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = []
        for step in range(6):
            rows = slice(0, 4) if step % 2 == 0 else slice(1, 3)  # batch sizes 4 and 2 alternate
            losses.append(sess.run([train, loss], {x: X[rows], y: Y[rows]})[1])
        assert len(calls) == 1  # the first run builds the plan's specs; main: all 6 ran the general path
        np.testing.assert_allclose(losses, TF1_LOSSES, rtol=1e-14)
        np.testing.assert_allclose(sess.run(W).ravel(), TF1_W, rtol=1e-14)
        assert sess.run(b) == pytest.approx(TF1_B, rel=1e-14)


def test_feeds_that_do_not_fit_get_tf1s_errors_after_lean_runs():
    x, y, W, b, loss, train = _regression()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(2):
            sess.run(train, {x: X, y: Y})
        before = sess.run(W)
        with pytest.raises(tf.errors.InvalidArgumentError):  # TF1 too: 4 rows of x, 3 of y
            sess.run(train, {x: X, y: Y[:3]})
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(4, 2\) for Tensor .*\(\?, 3\)"):
            sess.run(train, {x: X[:, :2], y: Y})
        x.set_shape([4, 3])
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(2, 3\) for Tensor .*\(4, 3\)"):
            sess.run(train, {x: X[:2], y: Y[:2]})
        np.testing.assert_array_equal(sess.run(W), before)  # nothing stepped
