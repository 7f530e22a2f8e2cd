"""probe86 P86-4: a ``session.run`` of several training operations (``tf.group`` or a list of two optimizers' steps
and a counter) that Ctrl-C stops inside (a KeyboardInterrupt) leaves the session as it was before the run, as TF1's one C++ ``Session.run`` does (the interrupt lands between runs); symopt kept the
first operations' steps (w's Adam step and the global step done, b's Momentum step and the counter not).  The oracle
is the state fetched before the run, and an uninterrupted run's state afterwards."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

FEED_X, FEED_Y = np.array([1., 2., 3.], np.float32), np.array([2., 4.1, 5.9], np.float32)


def _program(as_group: bool):
    tf.reset_default_graph()
    w, b, c = tf.Variable(0.5, name="w"), tf.Variable(-1.0, name="b"), tf.Variable(0.0, name="c")
    x, y = tf.placeholder(tf.float32, [None]), tf.placeholder(tf.float32, [None])
    loss = tf.reduce_mean(tf.square(w * x + b - y))
    step = tf.train.get_or_create_global_step()
    adam = tf.train.AdamOptimizer(0.05)
    train_w = adam.minimize(loss, var_list=[w], global_step=step)
    train_b = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss, var_list=[b])
    ops = [train_w, train_b, tf.assign_add(c, 1.0)]
    train = tf.group(*ops) if as_group else ops
    powers = [v for v in tf.global_variables() if "_power" in v.name]  # Adam's beta1_power, beta2_power
    state = [w, b, c, step, adam.get_slot(w, "m"), adam.get_slot(w, "v"), *powers]
    return train, train_b, state, {x: FEED_X, y: FEED_Y}


@pytest.mark.parametrize("as_group", [True, False])
@pytest.mark.parametrize("steps_before", [0, 2])
def test_a_run_stopped_inside_changes_nothing(as_group, steps_before):
    train, train_b, state, feed = _program(as_group)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for _ in range(steps_before):
            session.run(train, feed)
        before = [np.array(value) for value in session.run(state)]
        run_b = train_b.execute

        def stopped(*args, **kwargs):
            raise KeyboardInterrupt()
        train_b.execute = stopped  # the second training step stops (after the first one stepped)
        with pytest.raises(KeyboardInterrupt):
            session.run(train, feed)
        train_b.execute = run_b
        after = session.run(state)
        for old, new in zip(before, after):
            np.testing.assert_array_equal(new, old)
        session.run(train, feed)  # and the next run steps on from there
        assert session.run(state[2]) == steps_before + 1 == session.run(state[3])
