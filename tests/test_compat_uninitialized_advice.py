"""The uninitialized-variable error's advice fits the program (probe13 W22): a variable made after the initializer
ran is told to run its own initializer, not the old one again (which resets the trained variables and still
misses it); a program that never initialized is told to run the initializer.  TF1's text starts the message."""

import pytest

import symopt.compat.v1 as tf


def test_a_variable_made_after_the_initializer_ran_gets_its_own_initializer():
    tf.reset_default_graph()
    w = tf.Variable(1.0, name="w")
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run(tf.assign(w, 5.0))
    b = tf.Variable(2.0, name="b")
    with pytest.raises(tf.errors.FailedPreconditionError, match="Attempting to use uninitialized value b") as caught:
        session.run(b * w)
    assert "b.initializer" in str(caught.value) and "made after the initializer ran" in str(caught.value)
    session.run(b.initializer)  # the advice works and keeps the trained w
    assert session.run(b * w) == 10.0


def test_a_program_that_never_initialized_is_told_to_run_the_initializer():
    tf.reset_default_graph()
    w = tf.Variable(1.0, name="w")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w))
    session = tf.Session()
    for fetch in (w, train):
        with pytest.raises(tf.errors.FailedPreconditionError,
                           match=r"uninitialized value w.*: run tf.global_variables_initializer\(\) first"):
            session.run(fetch)
