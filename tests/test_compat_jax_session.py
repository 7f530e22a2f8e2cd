"""``tf.Session(config=tf.ConfigProto(backend="jax"))`` keeps the variables and optimizer slots as JAX device arrays
between runs: each step's outputs go into the next step as they are, and values become NumPy only when fetched
(or read by a NumPy-evaluated tensor)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

jax = pytest.importorskip("jax")


def softmax_network():
    tf.reset_default_graph()
    rng = np.random.default_rng(3)
    X = tf.placeholder(tf.float32, [None, 3])
    Y = tf.placeholder(tf.float32, [None, 2])
    W = tf.Variable(rng.standard_normal((3, 2)).astype(np.float32) * 0.1)
    b = tf.Variable(np.zeros(2, np.float32))
    cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=tf.matmul(X, W) + b))
    train = tf.train.AdamOptimizer(0.1).minimize(cost)
    x = rng.standard_normal((16, 3)).astype(np.float32)
    y = np.eye(2, dtype=np.float32)[(x[:, 0] > 0).astype(int)]
    return {X: x, Y: y}, (W, b), cost, train


def run_steps(backend: str, steps: int = 5):
    feed, variables, cost, train = softmax_network()
    session = tf.Session(config=tf.ConfigProto(backend=backend))
    session.run(tf.global_variables_initializer())
    costs = [session.run([train, cost], feed_dict=feed)[1] for _ in range(steps)]
    return session, feed, variables, cost, train, costs


def test_state_stays_on_the_device_between_runs(monkeypatch):
    session, feed, (W, b), cost, train, _ = run_steps("jax", steps=1)
    stored = [session.values[W.expr], session.values[b.expr], *(v for part in session.optimizer_state[train.key]
                                                                 for v in part)]
    assert len(stored) == 2 + 2 * 2 + 2 and all(isinstance(v, jax.Array) for v in stored)
    seen, jitted = [], train.jitted

    def recording(*arguments):
        seen.append(arguments)
        return jitted(*arguments)
    monkeypatch.setattr(train, "jitted", recording)
    for _ in range(3):
        before = [session.values[W.expr], session.values[b.expr]]
        assert session.run(train, feed_dict=feed) is None
        assert seen[-1][0] is before[0] and seen[-1][1] is before[1]  # the device arrays themselves, no round trip
    slots = session.optimizer_state[train.key][0]
    session.run(train, feed_dict=feed)
    assert seen[-1][2] is slots[0]
    assert all(isinstance(v, jax.Array) for v in (session.values[W.expr], *session.optimizer_state[train.key][0]))


def test_values_become_numpy_only_when_fetched():
    session, feed, (W, b), cost, train, costs = run_steps("jax")
    assert all(type(c) is np.float32 for c in costs)
    fetched = session.run(W)
    assert type(fetched) is np.ndarray and fetched.dtype == np.float32 and fetched.shape == (3, 2)
    value, bias = session.run([cost, b], feed_dict=feed)  # a NumPy-evaluated tensor reads the device values
    assert type(value) is np.float32 and type(bias) is np.ndarray and bias.shape == (2,)
    assert isinstance(session.values[W.expr], jax.Array)  # fetching copied, the session still holds the device array


def test_jax_session_trains_as_the_numpy_session():
    *_, numpy_costs = run_steps("numpy", steps=20)
    jax_session, feed, (W, b), cost, train, jax_costs = run_steps("jax", steps=20)
    np.testing.assert_allclose(jax_costs, numpy_costs, rtol=1e-5)


def test_saver_reads_and_restores_device_state(tmp_path):
    session, feed, (W, b), cost, train, _ = run_steps("jax")
    saver = tf.train.Saver()
    path = saver.save(session, str(tmp_path / "model"))
    expected = [session.run([train, cost], feed_dict=feed)[1] for _ in range(3)]
    saver.restore(session, path)
    assert [session.run([train, cost], feed_dict=feed)[1] for _ in range(3)] == expected
