"""46a3-2: a ``minimize(loss, global_step=gs)`` step whose ``gs`` has no value applies the update before it fails, as
TF1's increment runs under a control dependency of the update; a learning rate that reads ``gs`` fails before.  The
numbers are TF 2.21's (tf.compat.v1, graph mode; its resource variable raises NotFoundError, TF1's ref variable
FailedPreconditionError), for ``w = [0, 1]``, loss ``sum(w**2 - 10 w + 25)`` and ``gs`` a local variable left to
``global_variables_initializer``: two failing steps, then ``local_variables_initializer`` and two good steps."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

OPTIMIZERS = {
    "gd": lambda gs: tf.train.GradientDescentOptimizer(0.1),
    "adam": lambda gs: tf.train.AdamOptimizer(0.1),
    "momentum": lambda gs: tf.train.MomentumOptimizer(0.1, 0.9),
    "decay": lambda gs: tf.train.GradientDescentOptimizer(tf.train.exponential_decay(0.1, gs, 1, 0.5)),
}
# w after each failing step, then w after the two good steps (TF 2.21)
EXPECTED = {
    "gd": ([1., 1.8], [1.8, 2.44], [2.9520001, 3.3616002]),
    "adam": ([0.1, 1.1], [0.1999419, 1.1999257], [0.39949098, 1.3993455]),
    "momentum": ([1., 1.8], [2.7, 3.1599998], [6.543, 6.2344]),
    "decay": ([0., 1.], [0., 1.], [1.4, 2.12]),
}
ADAM_SLOTS_AFTER_FAILURES = ([-1.8800004720687866, -1.5000003576278687], [0.19593748450279236, 0.12477439641952515],
                             0.7289999127388, 0.9970030784606934)  # m, v, beta1_power, beta2_power (TF 2.21)


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
def test_update_is_applied_before_the_missing_global_step_fails(optimizer):
    tf.reset_default_graph()
    w = tf.Variable([0.0, 1.0], name="w")
    gs = tf.Variable(0, trainable=False, name="gs", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    opt = OPTIMIZERS[optimizer](gs)
    train = opt.minimize(tf.reduce_sum(w**2 - 10*w + 25), global_step=gs)
    first, second, final = EXPECTED[optimizer]
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        for expected in (first, second):
            with pytest.raises(tf.errors.FailedPreconditionError, match="gs"):
                session.run(train)
            np.testing.assert_allclose(session.run(w), expected, rtol=1e-6)
        if optimizer == "adam":
            m, v = session.run([opt.get_slot(w, "m"), opt.get_slot(w, "v")])
            powers = session.run(sorted((v for v in tf.global_variables() if "_power" in v.name), key=lambda v: v.name))
            np.testing.assert_allclose(m, ADAM_SLOTS_AFTER_FAILURES[0], rtol=1e-6)
            np.testing.assert_allclose(v, ADAM_SLOTS_AFTER_FAILURES[1], rtol=1e-6)
            np.testing.assert_allclose(powers, ADAM_SLOTS_AFTER_FAILURES[2:], rtol=1e-6)
        session.run(tf.local_variables_initializer())
        session.run(train)
        session.run(train)
        value, step = session.run([w, gs])
    np.testing.assert_allclose(value, final, rtol=1e-6)
    assert step == 2


# final47a 47a-2: several updates in one run, the global step of one of them without a value: TF 2.21 runs every
# update and fails only the increment.  w = [1, 2], v = 3, loss = sum(w*w) + v*v*w[0]; two failing runs, then
# gs.initializer and two good runs (/work/wt/final47a/gs.py, gs2.py: TF 2.21's w, v, gs, Adam's beta1_power)
RUNS = {
    "two ops, gs first": (lambda loss, w, v, gs: [
        tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[w], global_step=gs),
        tf.train.AdamOptimizer(0.1).minimize(loss, var_list=[v])], 2, 0.59048992395401),
    "two ops, gs second": (lambda loss, w, v, gs: [
        tf.train.AdamOptimizer(0.1).minimize(loss, var_list=[v]),
        tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs, var_list=[w])], 2, 0.59048992395401),
    "two ops, both gs": (lambda loss, w, v, gs: [
        tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[w], global_step=gs),
        tf.train.AdamOptimizer(0.1).minimize(loss, var_list=[v], global_step=gs)], 4, 0.59048992395401),
}


@pytest.mark.parametrize("case", sorted(RUNS))
def test_every_update_of_the_run_is_applied(case):
    tf.reset_default_graph()
    w, v = tf.Variable([1., 2.], name="w"), tf.Variable(3., name="v")
    gs = tf.Variable(0, name="gs", trainable=False)
    build, count, beta1_power = RUNS[case]
    ops = build(tf.reduce_sum(w * w) + v * v * w[0], w, v, gs)
    with tf.Session() as session:
        session.run([x.initializer for x in tf.global_variables() if x is not gs])
        for _ in range(2):
            with pytest.raises(tf.errors.FailedPreconditionError, match="gs"):
                session.run(ops)
        session.run(gs.initializer)
        session.run(ops)
        session.run(ops)
        values = session.run([w, v, gs])
        power = session.run([x for x in tf.global_variables() if x.op.name == "beta1_power"][0])
    np.testing.assert_allclose(values[0], [-2.0458004474639893, 0.8191999197006226], rtol=1e-6)
    np.testing.assert_allclose(values[1], 2.8946146965026855, rtol=1e-6)
    assert values[2] == count
    np.testing.assert_allclose(power, beta1_power, rtol=1e-6)
