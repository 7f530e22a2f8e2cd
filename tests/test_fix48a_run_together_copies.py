"""final47a3 47a3-3: a ``session.run`` of two or more training operations (``tf.group(adam, momentum)``) saves,
for P86-4's rollback, only what a step can change in place: NumPy slot and parameter arrays.  It copied every
``numpy.float32`` scalar too (three slots and two parameters per run of two scalar variables: about 10 % of the
run).  The oracle for what must be copied is the generated NumPy step (``m_w += ...`` updates arrays in place;
scalars are new objects), and for the values the state fetched before an interrupted run."""

import sys

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1 import train_operation


def _program(shape):
    tf.reset_default_graph()
    w = tf.Variable(np.full(shape, 0.5, np.float32), name="w")
    b = tf.Variable(np.full(shape, -1.0, np.float32), name="b")
    x = tf.placeholder(tf.float32, [None])
    loss = tf.reduce_sum(tf.square(w * tf.reduce_mean(x) + b - 3.))
    adam = tf.train.AdamOptimizer(0.05)
    momentum = tf.train.MomentumOptimizer(0.05, 0.9)
    train = tf.group(adam.minimize(loss, var_list=[w]), momentum.minimize(loss, var_list=[b]))
    state = [w, b, adam.get_slot(w, "m"), adam.get_slot(w, "v")]
    return train, state, {x: np.array([1., 2., 3.], np.float32)}


def _copies_in_one_run(session, train, feed) -> int:
    """How many ``.copy()`` methods (of NumPy scalars or arrays) one run calls."""
    calls = []

    def profile(frame, event, arg):
        if event == "c_call" and getattr(arg, "__name__", "") == "copy":
            calls.append(arg)
    sys.setprofile(profile)
    try:
        session.run(train, feed)
    finally:
        sys.setprofile(None)
    return len(calls)


@pytest.mark.parametrize("shape, copies", [((), 0), ((3,), 5)])  # arrays: w, b and w's m, v and b's momentum
def test_a_run_copies_only_what_a_step_updates_in_place(shape, copies):
    train, _, feed = _program(shape)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train, feed)
        assert _copies_in_one_run(session, train, feed) == copies


@pytest.mark.parametrize("shape", [(), (3,)])
def test_an_interrupted_run_still_keeps_the_state_before_it(monkeypatch, shape):
    train, state, feed = _program(shape)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train, feed)
        before = [np.array(value) for value in session.run(state)]
        original, calls = train_operation.TrainOperation.execute, []

        def stopped(self, *args, **kwargs):
            calls.append(1)
            result = original(self, *args, **kwargs)
            if len(calls) == 2:  # both steps ran (arrays updated in place): stop before the run's store
                raise KeyboardInterrupt()
            return result
        monkeypatch.setattr(train_operation.TrainOperation, "execute", stopped)
        with pytest.raises(KeyboardInterrupt):
            session.run(train, feed)
        monkeypatch.undo()
        for kept, old in zip(session.run(state), before):
            np.testing.assert_array_equal(kept, old)
        session.run(train, feed)
        assert not np.array_equal(session.run(state[0]), before[0])
