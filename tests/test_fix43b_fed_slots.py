"""Feeds TF1 takes: an optimizer slot is fed as TF1 feeds a variable (final42e F42e-7); a tensor computed from an
assignment's output by an operator is a typed refusal naming the way that works (final42g F42g-2).

Expected values: TF 2.21 ``tf.compat.v1`` (graph mode, ref variables), the same programs.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


def _momentum_after_one_step():
    w = tf.Variable([1.0, 2.0], name="w")
    optimizer = tf.train.MomentumOptimizer(0.1, 0.9)
    train = optimizer.minimize(tf.reduce_sum(tf.square(w)))
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run(train)
    return w, optimizer.get_slot(w, "momentum"), train, session


def test_a_fed_slot_is_what_the_run_reads_and_fetches():
    with tf.Graph().as_default():
        w, m, _, session = _momentum_after_one_step()
        fetched, doubled, weights = session.run([m, m * 2, w], {m: [5.0, 5.0]})
        np.testing.assert_array_equal(fetched, [5.0, 5.0])  # TF 2.21: [5. 5.], [10. 10.], [0.8 1.6]
        np.testing.assert_array_equal(doubled, [10.0, 10.0])
        np.testing.assert_allclose(weights, [0.8, 1.6], rtol=1e-6)
        np.testing.assert_array_equal(session.run(m), [2.0, 4.0])  # the slot itself unchanged
        np.testing.assert_array_equal(session.run(m * 3, {"w/Momentum:0": [1.0, 1.0]}), [3.0, 3.0])
        np.testing.assert_array_equal(session.run(m * 3, {"w/Momentum/read:0": [1.0, 1.0]}), [3.0, 3.0])


def test_a_run_that_updates_a_fed_slot_is_refused_and_changes_nothing():
    with tf.Graph().as_default():
        w, m, train, session = _momentum_after_one_step()
        with pytest.raises(tf.errors.InvalidArgumentError, match="w/Momentum:0 incompatible with expected float_ref"):
            session.run(train, {m: [5.0, 5.0]})
        with pytest.raises(tf.errors.InvalidArgumentError, match="Input 0 of node w/Momentum/Assign"):
            session.run(m.initializer, {m: [5.0, 5.0]})
        np.testing.assert_array_equal(session.run(m), [2.0, 4.0])  # TF 2.21: [2. 4.], w [0.8 1.6]
        np.testing.assert_allclose(session.run(w), [0.8, 1.6], rtol=1e-6)


def test_a_fed_adam_beta_power():
    with tf.Graph().as_default():
        w = tf.Variable([1.0, 2.0], name="w")
        adam = tf.train.AdamOptimizer(0.1)
        train = adam.minimize(tf.reduce_sum(tf.square(w)))
        beta1_power = next(v for v in adam.variables() if v.name == "beta1_power:0")
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            assert session.run(beta1_power * 2.0, {beta1_power: 0.5}) == 1.0  # TF 2.21: 1.0, 0.5
            assert session.run(beta1_power, {beta1_power: 0.5}) == 0.5
            with pytest.raises(tf.errors.InvalidArgumentError, match="beta1_power:0 incompatible"):
                session.run(train, {beta1_power: 0.5})


def test_feeding_a_tensor_computed_from_an_assignment_is_a_typed_refusal():
    with tf.Graph().as_default():
        c = tf.Variable(0.0, name="c")
        t = tf.assign_add(c, 1.0) * 2.0
        assert tf.get_default_graph().get_tensor_by_name("mul:0") is t
        with tf.Session() as session:
            session.run(c.initializer)
            for key in (t, "mul:0"):  # by name it fed nothing: 3.0 where TF 2.21 gives 5.0
                with pytest.raises(UnsupportedOperationError, match=r"Feeding mul:0, computed from the output of "
                                   r"the assignment AssignAdd to c.*tf\.identity"):
                    session.run(t + 1.0, {key: 4.0})
            assert session.run(c) == 0.0
            fed = tf.identity(tf.assign_add(c, 1.0)) * 2.0  # the advice: TF 2.21 gives 8.0, c stays 0.0
            assert session.run(fed + 1.0, {fed: 7.0}) == 8.0
            assert session.run(c) == 0.0
