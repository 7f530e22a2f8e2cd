"""A feed of an optimizer slot's read (``w/Momentum/read:0``) is not a feed of the slot (review F43b-2), and a fed
slot refuses only the training step that updates it (review F43b-11).

Expected values: TF 2.21 ``tf.compat.v1`` (graph mode, ref variables), the same programs (review F43b
``feeds.py`` case 2c, ``slots3.py``, ``slots4.py`` run with ``tf``).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf


def _trained(optimizer):
    v = tf.Variable([1.0, 2.0], name="v")
    train = optimizer.minimize(tf.reduce_sum(v * v))
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run(train)
    return v, train, session


def test_a_fetch_of_the_slot_with_its_read_fed_is_the_stored_slot():
    with tf.Graph().as_default():
        adam = tf.train.AdamOptimizer(0.1)
        v, _, session = _trained(adam)
        m = adam.get_slot(v, "m")
        np.testing.assert_allclose(session.run(m, {"v/Adam/read:0": [9.0, 9.0]}), [0.2, 0.4], rtol=1e-6)  # TF 2.21
        np.testing.assert_array_equal(session.run(m * 1.0, {"v/Adam/read:0": [9.0, 9.0]}), [9.0, 9.0])
        np.testing.assert_array_equal(session.run("v/Adam/read:0", {m: [7.0, 7.0]}), [7.0, 7.0])


def test_a_training_step_runs_with_its_slots_read_fed():
    with tf.Graph().as_default():
        momentum = tf.train.MomentumOptimizer(0.1, 0.9)
        v, train, session = _trained(momentum)
        m = momentum.get_slot(v, "momentum")
        _, read = session.run([train, m * 1.0], {"v/Momentum/read:0": [9.0, 9.0]})
        np.testing.assert_array_equal(read, [9.0, 9.0])  # TF 2.21: [9, 9]; v [0.46, 0.92], m [3.4, 6.8]
        np.testing.assert_allclose(session.run(v), [0.46, 0.92], rtol=1e-6)
        np.testing.assert_allclose(session.run(m), [3.4, 6.8], rtol=1e-6)
        with pytest.raises(tf.errors.InvalidArgumentError, match="expected float_ref"):
            session.run(train, {m: [9.0, 9.0]})  # the slot itself fed: TF1's refusal, as before


def test_one_optimizer_two_losses_a_fed_slot_leaves_the_other_step_alone():
    with tf.Graph().as_default():
        v, u = tf.Variable([1.0, 2.0], name="v"), tf.Variable([3.0], name="u")
        momentum = tf.train.MomentumOptimizer(0.1, 0.9)
        train_v = momentum.minimize(tf.reduce_sum(v * v), var_list=[v])
        train_u = momentum.minimize(tf.reduce_sum(u * u), var_list=[u])
        m_v, m_u = momentum.get_slot(v, "momentum"), momentum.get_slot(u, "momentum")
        session = tf.Session()
        session.run(tf.global_variables_initializer())
        session.run([train_v, train_u])
        _, read = session.run([train_u, m_v * 1.0], {m_v: [9.0, 9.0]})
        np.testing.assert_array_equal(read, [9.0, 9.0])
        np.testing.assert_allclose(session.run(u), [1.38], rtol=1e-6)  # TF 2.21: u 1.38, v [0.8, 1.6]
        np.testing.assert_allclose(session.run(v), [0.8, 1.6], rtol=1e-6)
        session.run(train_v, {m_u: [9.0]})
        np.testing.assert_allclose(session.run(v), [0.46, 0.92], rtol=1e-6)  # TF 2.21: v [0.46, 0.92], u 1.38
        np.testing.assert_allclose(session.run(u), [1.38], rtol=1e-6)
        with pytest.raises(tf.errors.InvalidArgumentError, match="incompatible with expected float_ref"):
            session.run(train_v, {m_v: [9.0, 9.0]})
