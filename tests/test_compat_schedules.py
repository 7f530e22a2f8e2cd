"""TF1's tf.train.*_decay with global_step in the compat layer: TF1's digits for w and the printed rate."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.learning_rate_decay import hessians
from symopt.errors import UnsupportedOperationError

GOLDEN = json.loads((Path(__file__).parent / "data" / "tf1_schedules_and_semantics.json").read_text())

PROGRAMS = {
    "exponential_decay(0.1, gs, 10, 0.5, staircase=True) float32":
        lambda gs: tf.train.exponential_decay(0.1, gs, 10, 0.5, staircase=True),
    "exponential_decay(0.1, gs, 10, 0.5) float32": lambda gs: tf.train.exponential_decay(0.1, gs, 10, 0.5),
    "piecewise_constant(gs, [5, 50], [0.2, 0.05, 0.01]) float32":
        lambda gs: tf.train.piecewise_constant(gs, [5, 50], [0.2, 0.05, 0.01]),
    "polynomial_decay(0.1, gs, 100, 0.001, power=2.0) float32":
        lambda gs: tf.train.polynomial_decay(0.1, gs, 100, 0.001, power=2.0),
    "inverse_time_decay(0.1, gs, 10, 0.5) float32": lambda gs: tf.train.inverse_time_decay(0.1, gs, 10, 0.5),
    "cosine_decay(0.1, gs, 100) float32": lambda gs: tf.train.cosine_decay(0.1, gs, 100),
    "momentum + exponential_decay(0.05, gs, 20, 0.9, staircase=True) float32":
        lambda gs: tf.train.exponential_decay(0.05, gs, 20, 0.9, staircase=True),
}


@pytest.mark.parametrize("key", sorted(PROGRAMS))
def test_tf1_program_with_a_schedule_prints_tf1_digits(key):
    tf.reset_default_graph()
    w = tf.Variable(0.0, dtype=tf.float32)
    cost = w ** 2 - 10 * w + 25
    global_step = tf.Variable(0, trainable=False)
    lr = PROGRAMS[key](global_step)
    optimizer = tf.train.MomentumOptimizer(lr, 0.9) if key.startswith("momentum") else \
        tf.train.GradientDescentOptimizer(lr)
    train = optimizer.minimize(cost, global_step=global_step)
    printed = {}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for step in range(1, 301):
            session.run(train)
            if str(step) in GOLDEN[key]:
                w_value, lr_value, gs_value = session.run([w, lr, global_step])
                printed[str(step)] = [str(w_value), str(lr_value), int(gs_value)]
    assert printed == GOLDEN[key]


def test_schedule_without_global_step_in_minimize_stays_at_the_first_rate():
    """TF1 reads the variable: if minimize does not increment it, the rate never moves."""
    tf.reset_default_graph()
    w = tf.Variable(0.0, dtype=tf.float32)
    global_step = tf.Variable(0, trainable=False)
    lr = tf.train.exponential_decay(0.1, global_step, 1, 0.5)
    train = tf.train.GradientDescentOptimizer(lr).minimize(w ** 2 - 10 * w + 25)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(3):
            session.run(train)
        assert str(session.run(w)) == "2.44" and session.run(global_step) == 0
        assert session.run(lr) == np.float32(0.1)


def test_errors():
    tf.reset_default_graph()
    with pytest.raises(ValueError, match="global_step is required"):
        tf.train.exponential_decay(0.1, None, 10, 0.5)
    assert float(tf.train.exponential_decay(0.1, 20, 10, 0.5).expr) == float(np.float32(0.025))


def test_hessians_diagonal_blocks():
    tf.reset_default_graph()
    a = tf.Variable(2.0, dtype=tf.float64)
    b = tf.Variable(3.0, dtype=tf.float64)
    blocks = hessians(a ** 2 * b + tf.exp(a * b), [a, b])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        values = session.run(blocks)
    expected = [float(v) for v in GOLDEN["hessians(a**2*b + exp(a*b), [a, b]) at a=2,b=3 float64"]]
    assert values[1] == expected[1]
    # TF1 multiplies (e^{ab}·b)·b where the symbolic b²·e^{ab} rounds once: one unit in the last place
    assert values[0] == pytest.approx(expected[0], rel=2e-16, abs=0)


def test_saver_restores_a_scheduled_run_exactly(tmp_path):
    def build():
        tf.reset_default_graph()
        v = tf.Variable(0.0, dtype=tf.float32, name="v")
        gs = tf.Variable(0, trainable=False, name="global_step")
        lr = tf.train.exponential_decay(0.1, gs, 3, 0.5)
        return v, gs, lr, tf.train.MomentumOptimizer(lr, 0.9).minimize(v ** 2 - 10 * v + 25, global_step=gs)
    v, gs, lr, train = build()
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(10):
            session.run(train)
        whole = [str(x) for x in session.run([v, lr, gs])]
    v, gs, lr, train = build()
    saver = tf.train.Saver()
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(4):
            session.run(train)
        saver.save(session, str(tmp_path / "run"))
    v, gs, lr, train = build()
    saver = tf.train.Saver()
    with tf.Session() as session:
        saver.restore(session, str(tmp_path / "run"))
        for _ in range(6):
            session.run(train)
        assert [str(x) for x in session.run([v, lr, gs])] == whole


def test_hessians_of_a_rank_one_variable():
    tf.reset_default_graph()
    rng = np.random.default_rng(1)
    data = rng.normal(size=(6, 3))
    X = tf.placeholder(tf.float64, shape=(None, 3))
    w = tf.Variable(np.zeros(3), dtype=tf.float64)
    cost = tf.reduce_sum(tf.square(tf.matmul(X, tf.reshape(w, (3, 1))) - 1.0))
    (block,) = hessians(cost, [w])
    assert block.shape == (3, 3)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert np.allclose(session.run(block, {X: data}), 2 * data.T @ data)
    v = tf.Variable(np.array([0.3, -0.2, 0.5]), dtype=tf.float64)
    logistic = tf.reduce_sum(tf.sigmoid(tf.matmul(X, tf.reshape(v, (3, 1)))))
    (curved,) = hessians(logistic, [v])  # no matrix form: built column by column
    s = 1 / (1 + np.exp(-data @ np.array([0.3, -0.2, 0.5])))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        np.testing.assert_allclose(session.run(curved, {X: data}), data.T @ (data * (s * (1 - s) * (1 - 2 * s))[:, None]),
                                   rtol=1e-12)
    with pytest.raises(UnsupportedOperationError, match="double backprop"):
        hessians(tf.reduce_sum(tf.square(tf.Variable(np.ones((2, 2))))), [tf.get_default_graph().variables[-1]])


def test_a_schedule_inside_an_expression_fetched_alone():
    """probe31 P31-5 and P31-6: a decay schedule read by the loss (an annealed entropy or L2 coefficient).  Fetched
    alone, an expression of it printed the schedule's code without parentheses, so ``-beta`` negated its first term
    only (polynomial_decay at step 30: -0.18 where TF1 gives -0.38) and ``tf.square(exponential_decay(...))`` squared
    its last factor; the JAX session's step could not run it (float32_power undefined, a Python ``if`` traced).
    Expected values printed by TensorFlow 2.21's ``tf.compat.v1`` for this program."""
    tf.reset_default_graph()
    W = tf.Variable([1.0, -2.0])
    gs = tf.train.get_or_create_global_step()
    scheds = [tf.train.polynomial_decay(0.01, gs, 1000, 0.001), tf.train.exponential_decay(1.0, gs, 5, 0.5),
              tf.train.natural_exp_decay(0.5, gs, 5, 0.3), tf.train.cosine_decay(0.5, gs, 10),
              tf.train.piecewise_constant(gs, [2], [1.0, 0.5]), tf.train.inverse_time_decay(0.5, gs, 3, 0.5),
              tf.train.polynomial_decay(0.5, gs, 10, 0.1, power=2.0, cycle=True),
              tf.train.exponential_decay(0.5, gs, 3, 0.5, staircase=True)]
    loss = (tf.reduce_sum(tf.square(W)) + tf.add_n([s * tf.reduce_sum(W) * (i + 1) for i, s in enumerate(scheds)])
            + tf.square(scheds[1]) - scheds[0])
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
    configs = [None]
    if importlib.util.find_spec("jax") is not None:
        configs.append(tf.ConfigProto(backend="jax"))
    for config in configs:
        with tf.Session(config=config) as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(4):
                sess.run(train)
            negated = [float(sess.run(-s * 3.0)) for s in scheds]
            value, weights, (gradient,) = sess.run(loss), sess.run(W), sess.run(tf.gradients(loss, W))
        assert negated == [-0.029891997575759888, -1.7230474948883057, -1.1799417734146118, -0.981762707233429,
                           -1.5, -0.8999999761581421, -0.7320000529289246, -0.75]
        np.testing.assert_allclose(value, -66.26294, rtol=1e-6)  # the float32 sums' order: within an ulp or two
        np.testing.assert_allclose(weights, [-4.670766830444336, -5.899567127227783], rtol=1e-6)
        np.testing.assert_allclose(gradient, [2.3140876293182373, -0.14351296424865723], rtol=2e-5)
