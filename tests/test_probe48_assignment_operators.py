"""Python's operators and TF1's tensor methods on an assignment's result and a scatter's (probe48 P48-8): TF1's
``tf.assign_add`` returns a ``float32_ref`` tensor, so ``inc > 2.0``, ``step % 100``, ``abs(inc)``, ``Ma[0, 1]`` and
``Ma.get_shape()`` build ops that run the assignment first; symopt raised bare ``TypeError`` / ``AttributeError``.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.  Each fetch below runs its assignment once
more, so the values are the counters' successive states (c: 3 -> 4 -> 5 ..., by hand).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_operators_on_assignments_run_the_assignment_then_the_op():
    c, k, M = tf.Variable(3.0), tf.Variable(3), tf.Variable([[1.0, 2.0], [3.0, 4.0]])
    inc, ki, Ma = tf.assign_add(c, 1.0), tf.assign_add(k, 1), tf.assign(M, M * 2.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(inc > 2.0) is np.True_  # TF 2.21 tf.compat.v1: True (c = 4)
        assert sess.run(inc <= 2.0) is np.False_  # TF 2.21 tf.compat.v1: False (c = 5)
        assert sess.run(abs(inc)) == 6.0  # TF 2.21 tf.compat.v1
        assert sess.run(ki % 2) == 0  # TF 2.21 tf.compat.v1 (k = 4)
        assert sess.run(inc // 2.0) == 3.0  # TF 2.21 tf.compat.v1 (c = 7)
        assert sess.run(2.0 ** inc) == 256.0  # TF 2.21 tf.compat.v1 (c = 8)
        assert sess.run(Ma[0, 1]) == 4.0  # TF 2.21 tf.compat.v1 (M doubled once)
        assert tuple(Ma.get_shape()) == (2, 2)  # TF 2.21 tf.compat.v1
        assert sess.run((inc > 2.0) & (inc < 100.0)) is np.True_


def test_the_counter_idiom_logs_every_second_step():
    step = tf.Variable(0)
    every2 = tf.equal(tf.assign_add(step, 1) % 2, 0)
    with tf.Session() as sess:
        sess.run(step.initializer)
        assert [bool(sess.run(every2)) for _ in range(4)] == [False, True, False, True]  # TF 2.21 tf.compat.v1


def test_a_scatter_result_takes_operators_and_get_shape():
    v = tf.Variable([1.0, 2.0])
    added = tf.scatter_add(v, [0], [2.0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(added > 2.5), [True, False])  # v = [3, 2]
        assert sess.run(added[0]) == 5.0  # v = [5, 2]
        assert tuple(added.get_shape()) == (2,)


def test_bitwise_operators_of_integers_are_refused_with_the_floormod_spelling():
    ki = tf.assign_add(tf.Variable(3), 1)
    for build in (lambda: ki & 1, lambda: tf.constant(3) | 1, lambda: ~tf.constant(3)):
        with pytest.raises(UnsupportedOperationError, match=r"bitwise op .* tf.equal\(tf.math.floormod\(k, 2\), 1\)"):
            build()


def test_an_assignment_iterates_as_a_tensor():
    v = tf.Variable([1.0, 2.0])
    parts = list(tf.assign_add(v, [1.0, 1.0]))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert [sess.run(p) for p in parts] == [2.0, 4.0]  # each part runs the assignment once more: [2, 3], [3, 4]
    with pytest.raises(TypeError, match=r"only iterable when eager execution is enabled\. \(the assignment "
                                        r"AssignAdd_1:0 is a scalar"):
        list(tf.assign_add(tf.Variable(1.0), 1.0))
