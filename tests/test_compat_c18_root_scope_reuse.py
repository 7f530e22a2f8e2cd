"""``tf.get_variable_scope().reuse_variables()`` at the top level (outside any ``with tf.variable_scope``) makes the rest
of the graph reuse its variables, as TF1 (probe22 H11): symopt made a new root scope at each call, so the call had no
effect and the next ``tf.get_variable("w")`` raised "Variable w already exists, disallowed", the error this call is
the usual answer to.

TF 2.21's ``tf.compat.v1`` in graph mode printed the same (/tmp/c18_h11.py of compat18's session); TensorFlow is not
needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _model(x):
    w = tf.get_variable("w", initializer=tf.constant([[0.5], [0.3]]))
    return tf.matmul(x, w)


def test_the_root_scope_reuses_after_reuse_variables():
    x_train, x_test = tf.placeholder(tf.float32, [None, 2]), tf.placeholder(tf.float32, [None, 2])
    y_train = _model(x_train)
    assert tf.get_variable_scope().reuse is False and tf.get_variable_scope() is tf.get_variable_scope()
    tf.get_variable_scope().reuse_variables()
    assert tf.get_variable_scope().reuse is True
    y_test = _model(x_test)
    assert len(tf.global_variables()) == 1
    with tf.variable_scope("inner"):
        assert tf.get_variable_scope().reuse is True
        with pytest.raises(ValueError, match="Variable inner/z does not exist"):
            tf.get_variable("z", [1])
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        np.testing.assert_allclose(s.run([y_train, y_test], {x_train: [[1.0, 1.0]], x_test: [[2.0, 0.0]]}),
                                   [[[0.8]], [[1.0]]], rtol=1e-6)


def test_a_new_graph_has_a_new_root_scope_whose_settings_hold():
    tf.get_variable_scope().reuse_variables()
    tf.reset_default_graph()
    assert tf.get_variable_scope().reuse is False
    tf.get_variable_scope().set_initializer(tf.ones_initializer())
    q = tf.get_variable("q", [2])
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(s.run(q), [1.0, 1.0])


def test_the_root_scopes_initializer_and_regularizer_hold():
    """probe22 H11's addendum (h11c.py): TF 2.21 gives ``True 2 [0.25, 0.25] [0.5, 0.5]``; symopt lost both setters
    (a Glorot-random ``w``, no regularization loss)."""
    tf.get_variable_scope().set_initializer(tf.constant_initializer(0.25))
    tf.get_variable_scope().set_regularizer(lambda w: 2.0 * tf.reduce_sum(w))
    w = tf.get_variable("w", [2])
    with tf.variable_scope("s"):
        tf.get_variable_scope().set_initializer(tf.constant_initializer(0.5))
        u = tf.get_variable("u", [2])
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert tf.get_variable_scope() is tf.get_variable_scope() and len(losses) == 2
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(s.run(w), [0.25, 0.25])
        np.testing.assert_array_equal(s.run(u), [0.5, 0.5])
        np.testing.assert_allclose(s.run(losses), [1.0, 2.0])
