"""final47a2 47a2-13: probe86 P86-4's rollback, interrupted (a KeyboardInterrupt) at each point of a run of several
training operations: each training step, the final store inside the ``finally`` (where an ``IndexError`` once
replaced the interrupt), the shared beta powers' bookkeeping, an assignment; with two steps of ONE Adam object
(shared beta powers), a Momentum step, a counter and an EMA.  The oracle: the state fetched before the run (TF1's
``Session.run`` is one C++ call, which Ctrl-C interrupts only between runs), and the uninterrupted run's state
after the next run (the trajectory), also for a single-op run after the restore."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1 import run_together, shared_state, train_operation

POINTS = [(train_operation.TrainOperation, "execute", 1), (train_operation.TrainOperation, "execute", 3),
          (run_together, "_stored", 1), (run_together, "_stored", 2), (shared_state.SharedStarts, "finish", 1),
          (shared_state.SharedStarts, "after", 2), (run_together, "_execute", 1),
          (train_operation.TrainOperation, "store", 2)]
X = np.array([[1., 2.], [3., 4.], [5., 6.]], np.float32)


def _program(as_group: bool):
    tf.reset_default_graph()
    w = tf.Variable([[0.5, -0.2], [0.1, 0.3]], name="w")
    b, c = tf.Variable([-1.0, 2.0], name="b"), tf.Variable(0.0, name="c")
    x, y = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32, [None, 2])
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
    adam = tf.train.AdamOptimizer(0.05)
    ta = adam.minimize(loss, var_list=[w], global_step=tf.train.get_or_create_global_step())
    ta2 = adam.minimize(loss * 2., var_list=[b])
    tb = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss, var_list=[b, w])
    ops = [ta, ta2, tb, tf.assign_add(c, 1.0)]
    train = tf.group(*ops, tf.train.ExponentialMovingAverage(0.9).apply([w, b])) if as_group else ops
    return train, ta, {x: X, y: X[:, ::-1] * 0.5}


def _state(session) -> list:
    return [np.array(value) for value in session.run(tf.global_variables())]


def _trajectory(as_group: bool, runs: int) -> list:
    train, _, feed = _program(as_group)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(runs):
            session.run(train, feed)
        return _state(session)


@pytest.mark.parametrize("as_group", [True, False])
@pytest.mark.parametrize("owner, name, nth", POINTS)
def test_interrupt_keeps_the_state_before_the_run(monkeypatch, as_group, owner, name, nth):
    expected = _trajectory(as_group, 3)
    train, single, feed = _program(as_group)
    calls = []
    original = getattr(owner, name)

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == nth:
            raise KeyboardInterrupt()
        return original(*args, **kwargs)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train, feed)
        session.run(train, feed)
        before = _state(session)
        monkeypatch.setattr(owner, name, interrupted)
        with pytest.raises(KeyboardInterrupt):
            session.run(train, feed)
        monkeypatch.setattr(owner, name, original)
        for kept, old in zip(_state(session), before):
            np.testing.assert_array_equal(kept, old)
        session.run(train, feed)  # the next run lands on the uninterrupted trajectory
        for now, wanted in zip(_state(session), expected):
            np.testing.assert_array_equal(now, wanted)
        session.run(single, feed)  # a single-op run after the restore steps from there
        assert all(np.isfinite(value).all() for value in _state(session))
