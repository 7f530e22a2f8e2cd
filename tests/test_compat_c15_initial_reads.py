"""Initializing a variable whose initial value reads a variable the run feeds (review5 R5-4): TF1 reads that
variable through an ``IsVariableInitialized`` guard, which needs the variable itself, so the run is TF1's
``InvalidArgumentError`` before anything is set (symopt gave 11.0 from the fed value, or 4.0 ignoring it).  The
messages are TF 2.21 ``tf.compat.v1``'s (/tmp/c15/r54.py, r54b.py in compat15's notes); a feed of another variable,
or of the initial value of the variable read, sets it as before."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

GUARD = ("Input 0 of node W/IsVariableInitialized was passed float from _arg_V_0_0:0 incompatible with expected "
         "float_ref.")  # TF 2.21, word for word


@pytest.mark.parametrize("initial", [lambda V: V + 1.0, lambda V: V.initialized_value() + 1.0])
@pytest.mark.parametrize("initializer", [lambda W: W.initializer, lambda W: tf.variables_initializer([W]),
                                         lambda W: tf.group(W.initializer)])
def test_initializing_from_a_fed_variable_is_refused_before_anything_is_set(initial, initializer):
    V = tf.Variable(3.0, name="V")
    W = tf.Variable(initial(V), name="W")
    op = initializer(W)
    with tf.Session() as sess:
        sess.run(V.initializer)
        with pytest.raises(tf.errors.InvalidArgumentError) as caught:
            sess.run(op, {V: 10.0})
        assert GUARD in str(caught.value)
        assert "Initialize W in a run that does not feed V" in str(caught.value)
        with pytest.raises(tf.errors.FailedPreconditionError):
            sess.run(W)  # nothing was set
        with pytest.raises(tf.errors.InvalidArgumentError, match="W/IsVariableInitialized"):
            sess.run(op, {W.initial_value: 7.0, V: 10.0})  # TF 2.21 refuses this too
        sess.run(op)
        assert sess.run(W) == np.float32(4.0)


def test_the_guard_names_the_scoped_variable_its_dtype_and_its_position():
    with tf.variable_scope("enc"):
        V = tf.Variable(np.float64(3.0), name="V")
    with tf.variable_scope("dec"):
        W = tf.Variable(V * 2 + 1.0, name="W")
    U = tf.Variable(2.0, name="U")
    Z = tf.Variable(U * 0.0 + tf.cast(V, tf.float32), name="Z")
    with tf.Session() as sess:
        sess.run([V.initializer, U.initializer])
        with pytest.raises(tf.errors.InvalidArgumentError) as caught:
            sess.run(W.initializer, {V: 10.0})
        assert ("Input 0 of node dec/W/IsVariableInitialized was passed double from _arg_enc/V_0_0:0 incompatible "
                "with expected double_ref.") in str(caught.value)  # TF 2.21
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"Z/IsVariableInitialized was passed float from "
                                                                 r"_arg_U_0_0:0"):
            sess.run(Z.initializer, {U: 5.0})  # TF 2.21: U is read first (the guards' order is the reads')
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"Z/IsVariableInitialized_1 was passed double "
                                                                 r"from _arg_enc/V_0_0:0"):
            sess.run(Z.initializer, {V: 5.0})


def test_other_feeds_of_an_initializer_still_set_the_variable():
    V = tf.Variable(3.0, name="V")
    U = tf.Variable(5.0, name="U")
    W = tf.Variable(V + 1.0, name="W")
    with tf.Session() as sess:
        sess.run(V.initializer)
        sess.run(W.initializer, {U: 10.0})  # U is not read: TF 2.21 sets W = 4.0
        assert sess.run([W, V]) == [np.float32(4.0), np.float32(3.0)]
        sess.run(W.initializer, {V.initial_value: 10.0})  # V is read, not fed: TF 2.21 4.0
        assert sess.run(W) == np.float32(4.0)
        assert sess.run(W.initial_value, {V: 10.0}) == np.float32(11.0)  # a read, no initializer: TF 2.21 11.0


def test_feeding_the_variable_its_own_initializer_sets_is_refused():
    V = tf.Variable(3.0, name="V")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="Input 0 of node V/Assign was passed"):
            sess.run(V.initializer, {V: 10.0})  # TF 2.21: "Input 0 of node V/Assign was passed float from
            # _arg_V_0_0:0 incompatible with expected float_ref." (symopt raised AttributeError)


def test_feeds_inside_an_initial_value_that_reads_a_variable_are_ignored_as_in_tf1():
    # review6 R6-1: TF1 initializes W from a guarded copy of its initial value's ops, which no feed reaches
    V = tf.Variable(1., name="V")
    T = V * 3.
    W = tf.Variable(T + 1, name="W")
    U = tf.Variable(T, name="U")
    C = tf.constant(2.) * 3.
    Z = tf.Variable(C + 1, name="Z")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer(), {T: 10.})
        assert sess.run([W, U]) == [np.float32(4.0), np.float32(3.0)]  # TF 2.21 (symopt gave 11, 10)
        sess.run(U.initializer, {T: 10.})
        assert sess.run(U) == np.float32(3.0)  # TF 2.21
        sess.run(tf.global_variables_initializer(), {W.initial_value: 9.})
        assert sess.run(W) == np.float32(4.0)  # TF 2.21: even W.initial_value's feed does not reach the copy
        sess.run(Z.initializer, {C: 10.})
        assert sess.run(Z) == np.float32(11.0)  # no variable read: the feed is used, as TF 2.21
