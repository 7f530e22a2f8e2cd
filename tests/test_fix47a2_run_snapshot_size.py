"""final47a2 47a2-3: a run of several training operations (and plain assignments) saves, for a Ctrl-C inside it,
only the values it writes (parameters, global step, assigned variables), not every value of the session (it copied
all of them on every run: +30 % with 2000 other variables); a run with another kind of operation (an EMA's apply)
still saves them all.  An interrupted run still keeps the state before it (hand-fetched values)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1 import run_together, train_operation


def _program():
    tf.reset_default_graph()
    untouched = [tf.Variable(float(i), name=f"other{i}") for i in range(50)]
    w, b, c = tf.Variable(0.5, name="w"), tf.Variable(-1.0, name="b"), tf.Variable(0.0, name="c")
    loss = tf.square(w * 2. + b - 3.)
    ta = tf.train.AdamOptimizer(0.1).minimize(loss, var_list=[w], global_step=tf.train.get_or_create_global_step())
    tb = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss, var_list=[b])
    return untouched, (w, b, c), ta, tb


def test_snapshot_holds_only_what_the_run_writes():
    untouched, (w, b, c), ta, tb = _program()
    count = tf.assign_add(c, 1.0)
    ema = tf.train.ExponentialMovingAverage(0.9).apply([w])
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        kept = run_together._snapshot(session, [ta, tb], [ta, tb, count])[0]
        assert {key.name for key in kept} == {"w", "b", "c", "global_step"}
        kept_all = run_together._snapshot(session, [ta, tb], [ta, tb, count, ema])[0]
        assert len(kept_all) == len(session.values) > 50


def test_interrupted_run_keeps_every_value(monkeypatch):
    untouched, variables, ta, tb = _program()
    train = [ta, tb, tf.assign_add(variables[2], 1.0)]
    state = [*variables, tf.train.get_global_step(), *untouched[:2]]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train)
        before = session.run(state)  # w, b, c, global step after one run
        original = train_operation.TrainOperation.execute
        calls = []

        def stopped(self, *args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                raise KeyboardInterrupt()
            return original(self, *args, **kwargs)
        monkeypatch.setattr(train_operation.TrainOperation, "execute", stopped)
        with pytest.raises(KeyboardInterrupt):
            session.run(train)
        monkeypatch.setattr(train_operation.TrainOperation, "execute", original)
        np.testing.assert_array_equal(session.run(state), before)
        assert before[2] == before[3] == 1.0
