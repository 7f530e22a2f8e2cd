"""``tf.variable_scope("")`` opens no name scope, as TF1's (probe22 H10): ``with tf.variable_scope("", reuse=True):
tf.get_variable("layer1/weights")`` (the Stack Overflow answer to "get an existing variable by name") returns the
variable, where symopt's scope was named ``None`` and leaving it raised a raw ``AttributeError``.

TF 2.21's ``tf.compat.v1`` in graph mode printed the names and values (/tmp/c18_h10.py of compat18's session);
TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_the_root_scope_reentered_by_name_finds_a_variable():
    with tf.variable_scope("layer1"):
        w = tf.get_variable("weights", initializer=tf.constant([[1.0, 2.0]]))
    with tf.variable_scope("", reuse=True):
        w_again = tf.get_variable("layer1/weights")
        assert tf.get_variable_scope().name == "" and tf.get_variable_scope().reuse is True
        assert tf.identity(w_again).name == "Identity:0"
    assert w_again is w and w_again.name == "layer1/weights:0"
    with tf.variable_scope("after"):  # the scopes after it work
        assert tf.get_variable("a", [1]).name == "after/a:0" and tf.identity(w).name == "after/Identity:0"
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(s.run(w_again * 2.0), [[2.0, 4.0]])


def test_an_empty_scope_inside_another_names_as_tf1():
    with tf.variable_scope("s"):
        with tf.variable_scope(""):
            v = tf.get_variable("v", [1])
            assert tf.get_variable_scope().name == "s/"
            assert (v.name, tf.identity(v).name) == ("s//v:0", "s/Identity:0")
            with tf.variable_scope("inner"):
                u = tf.get_variable("u", [1])
                assert (u.name, tf.identity(u).name) == ("s//inner/u:0", "s/inner/Identity:0")
        with tf.variable_scope("") as scope:
            assert (scope.name, scope.original_name_scope, tf.identity(v).name) == ("s/", "", "s/Identity_1:0")
