"""probe83 P83-1: a training operation made after the initializer ran, whose slots are only partly initialized
(``tf.variables_initializer`` of some of them), is TF1's FailedPreconditionError naming a slot left out; with all of
them initialized it trains.  Oracle: TF 2.21 ``tf.compat.v1`` (v2 behaviour disabled) messages and values."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import FailedPreconditionError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def adam_after_initializer():
    w = tf.Variable(0, dtype=tf.float32)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    train = tf.train.AdamOptimizer(0.1).minimize(w ** 2 - 10 * w + 25)
    return w, session, train


@pytest.mark.parametrize("initialized, named", [
    (("beta1_power:0", "beta2_power:0", "Variable/Adam:0"), "Variable/Adam_1"),  # TF 2.21's messages
    (("beta1_power:0", "beta2_power:0", "Variable/Adam_1:0"), "Variable/Adam"),
    (("Variable/Adam:0", "Variable/Adam_1:0"), "beta1_power")])
def test_partly_initialized_slots_are_tf1_failed_precondition(initialized, named):
    w, session, train = adam_after_initializer()
    session.run(tf.variables_initializer([v for v in tf.global_variables() if v.name in initialized]))
    with pytest.raises(FailedPreconditionError, match=f"uninitialized value {named}:"):
        session.run(train)
    assert session.run(w) == 0.0  # nothing moved


def test_momentum_with_one_of_two_slots_initialized_names_the_other():
    w, b = tf.Variable([1.0, 2.0]), tf.Variable(0.5)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(w * w) + b * b)
    session.run(tf.variables_initializer([v for v in tf.global_variables() if v.name == "Variable/Momentum:0"]))
    with pytest.raises(FailedPreconditionError, match="uninitialized value Variable_1/Momentum:"):  # TF 2.21
        session.run(train)


def test_every_slot_initialized_trains_as_a_full_initialization():
    w, session, train = adam_after_initializer()
    session.run(tf.variables_initializer(tf.global_variables()[1:]))
    for _ in range(3):
        session.run(train)
    assert session.run(w) == np.float32(0.29978567)  # TF 2.21: 0.1, 0.1999419, 0.29978567 (probe83 P83-1)
