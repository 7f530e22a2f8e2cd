"""Findings of the independent TF1 probe in the session layer: each op runs once per run, sess.run(None), integer
variables, device scopes, slicing refused by name."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.cli import main
from symopt.errors import UnsupportedOperationError


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


def test_fetching_none_is_a_type_error_as_in_tf1():
    with tf.Session() as session:
        with pytest.raises(TypeError, match="Fetch argument None has invalid type"):
            session.run(None)


def test_tf1_subcommand_without_a_program_names_only_the_program(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["tf1"])
    assert exit_.value.code == 2
    assert "the following arguments are required: program\n" in capsys.readouterr().err


def test_an_integer_variable_read_through_a_cast_is_not_trained():
    a = tf.Variable(1.0)
    counter = tf.Variable(5)
    loss = tf.cast(counter, tf.float32) * 2.0 + a
    optimizer = tf.train.GradientDescentOptimizer(0.1)
    assert optimizer.compute_gradients(loss)[-1][0] is None  # TF1: Cast's gradient into an int is None
    train = optimizer.minimize(loss)
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train)
        trained, untouched = session.run([a, counter])
    assert trained == np.float32(0.9) and untouched == 5  # TF1: [0.9, 5]


def test_device_scopes_and_gpu_queries_are_tf1_boilerplate_that_runs():
    with tf.device("/cpu:0"):
        product = tf.constant(2.0) * 3
    with tf.device(None):
        pass
    with pytest.raises(TypeError, match="expected a device name"):
        with tf.device(3):
            pass
    with tf.Session() as session:
        assert session.run(product) == np.float32(6.0)
    assert tf.test.is_gpu_available() is False and tf.test.gpu_device_name() == ""


def test_slicing_works_and_batch_rows_are_refused_by_name_never_a_raw_type_error():
    W = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10, name="Wslice")
    X = tf.placeholder(tf.float32, [None, 4])
    assert W[1:3].shape == (2, 3) and tf.matmul(X, W)[:, 0].shape.as_list() == [None]  # tests/test_compat_slicing.py
    with pytest.raises(UnsupportedOperationError, match=r"slicing the examples of a batch \(Placeholder.*:0\[1:3\]"):
        X[1:3]
