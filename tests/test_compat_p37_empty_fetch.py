"""An empty mini-batch (0 rows, the off-by-one loop's last batch) gives TF1's values beyond the NumPy session's
training step (probe37 P37-1): a fetched gradient (``tf.gradients``, ``compute_gradients``) is TF1's zeros, where
symopt raised a bare ``ZeroDivisionError`` (the mean's ``1/m``); a global norm of the gradients is ``0.0``, where it
was ``nan``; the loss stays ``nan``; and the JAX session's steps (plain, clipped, on embedding lookups) step as the
NumPy session's, where they raised a bare ``ZeroDivisionError``.

The values were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the same programs
(/work/wt/probe37/r_empty_*.py and fix37's /tmp/p1b.py); TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

W0 = np.float32([[0.1], [0.2], [0.3]])
EMPTY_X, EMPTY_Y = np.zeros((0, 3), np.float32), np.zeros((0, 1), np.float32)


def _regression(penalty: float):
    X, y = tf.placeholder(tf.float32, [None, 3]), tf.placeholder(tf.float32, [None, 1])
    W = tf.Variable(W0)
    pred = tf.matmul(X, W)
    loss = tf.reduce_mean(tf.square(pred - y)) + penalty * tf.reduce_sum(tf.square(W))
    return X, y, W, pred, loss


def test_fetched_gradients_of_an_empty_batch_are_tf1s():
    X, y, W, pred, loss = _regression(0.1)
    opt = tf.train.GradientDescentOptimizer(0.1)
    grads, variables = zip(*opt.compute_gradients(loss))
    clipped, gnorm = tf.clip_by_global_norm(grads, 5.0)
    fetches = [grads[0], gnorm, clipped[0], tf.gradients(loss, pred)[0], loss + gnorm,
               tf.global_norm([tf.gradients(loss, W)[0]])]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        values = [s.run(t, {X: EMPTY_X, y: EMPTY_Y}) for t in fetches]
    penalty = np.float32([[0.020000001415610313], [0.04000000283122063], [0.06000000238418579]])  # TF 2.21
    np.testing.assert_array_equal(values[0], penalty)
    assert values[1] == np.float32(0.07483315467834473)
    np.testing.assert_array_equal(values[2], penalty)
    assert values[3].shape == (0, 1)
    assert np.isnan(values[4])  # the loss reads the batch itself: the mean of nothing
    assert values[5] == np.float32(0.07483315467834473)


def test_the_logged_gradient_norm_of_the_last_empty_batch_is_zero():
    X, y, W, _, loss = _regression(0.0)
    opt = tf.train.GradientDescentOptimizer(0.1)
    grads, variables = zip(*opt.compute_gradients(loss))
    clipped, gnorm = tf.clip_by_global_norm(grads, 5.0)
    train = opt.apply_gradients(zip(clipped, variables))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        with np.errstate(invalid="ignore"):
            _, cost, norm = s.run([train, loss, gnorm], {X: EMPTY_X, y: EMPTY_Y})
        assert np.isnan(cost) and norm == 0.0  # TF 2.21: nan 0.0
        np.testing.assert_array_equal(s.run(tf.gradients(loss, W)[0], {X: EMPTY_X, y: EMPTY_Y}), np.zeros((3, 1)))
        np.testing.assert_array_equal(s.run(W), W0)


def test_the_jax_sessions_steps_on_an_empty_batch_are_tf1s():
    pytest.importorskip("jax")
    X, y, W, _, loss = _regression(0.0)
    opt = tf.train.GradientDescentOptimizer(0.1)
    plain = opt.minimize(loss)
    grads, variables = zip(*opt.compute_gradients(loss))
    clipped, _ = tf.clip_by_global_norm(grads, 5.0)
    clip_step = opt.apply_gradients(zip(clipped, variables))
    with tf.Session(config=tf.ConfigProto(backend="jax")) as s:
        s.run(tf.global_variables_initializer())
        for step in (plain, clip_step):
            assert np.isnan(s.run([step, loss], {X: EMPTY_X, y: EMPTY_Y})[1])  # TF 2.21: nan, W unchanged
            np.testing.assert_array_equal(s.run(W), W0)
        s.run(plain, {X: np.ones((2, 3), np.float32), y: np.ones((2, 1), np.float32)})  # the next batch steps
        np.testing.assert_allclose(s.run(W).ravel(), [0.18, 0.28, 0.38], rtol=1e-6)


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_an_empty_batch_of_embedding_lookups_steps_by_the_penalty(backend):
    """TF1 adds the batch's rows into the looked-up rows (a scatter-add of nothing, 0): the penalised P moves,
    Q and the biases stay."""
    if backend == "jax":
        pytest.importorskip("jax")
    u, i, r = tf.placeholder(tf.int32, [None]), tf.placeholder(tf.int32, [None]), tf.placeholder(tf.float32, [None])
    P, Q = tf.Variable(np.full((3, 2), 0.5, np.float32)), tf.Variable(np.full((4, 2), 0.3, np.float32))
    bias = tf.Variable(np.zeros(4, np.float32))
    pred = tf.reduce_sum(tf.nn.embedding_lookup(P, u) * tf.nn.embedding_lookup(Q, i), 1) + tf.gather(bias, i)
    loss = tf.reduce_mean(tf.square(pred - r)) + 0.01 * tf.nn.l2_loss(P)
    steps = [tf.train.GradientDescentOptimizer(0.1).minimize(loss), tf.train.AdagradOptimizer(0.1).minimize(loss),
             tf.train.AdamOptimizer(0.1).minimize(loss)]
    empty = {u: np.zeros(0, np.int32), i: np.zeros(0, np.int32), r: np.zeros(0, np.float32)}
    expected_p = [0.4995, 0.49792063, 0.397927]  # TF 2.21, after GD, then Adagrad, then Adam
    with tf.Session(config=tf.ConfigProto(backend=backend)) as s:
        s.run(tf.global_variables_initializer())
        for step, p in zip(steps, expected_p):
            assert np.isnan(s.run([step, loss], empty)[1])
            np.testing.assert_allclose(s.run(P), np.full((3, 2), p, np.float32), rtol=2e-6)
            np.testing.assert_array_equal(s.run(Q), np.full((4, 2), 0.3, np.float32))
