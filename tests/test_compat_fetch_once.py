"""An operation fetched several times in one ``Session.run`` runs once (TF1 runs each op once per run)."""

import numpy as np

import symopt.compat.v1 as tf


def test_an_assign_fetched_twice_runs_once():
    step = tf.Variable(0)
    increment = tf.assign_add(step, 1)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        assert [int(v) for v in session.run([increment, increment])] == [1, 1]  # TF1: [1, 1]
        assert int(session.run(step)) == 1


def test_a_train_op_fetched_twice_takes_one_step():
    w = tf.Variable(5.0)
    cost = w * w
    train = tf.train.GradientDescentOptimizer(0.1).minimize(cost)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        _, before, _ = session.run([train, cost, train])
        assert before == np.float32(25.0)
        assert session.run(w) == np.float32(4.0)  # one step: 5 - 0.1 * 10
        session.run({"a": train, "b": [train, cost]})
        assert session.run(w) == np.float32(3.2)
