"""F44b-8: a ``get_variable`` refused for its shape (a constant initializer given with a shape, a shape not fully
defined) leaves the name free, as TF1 raises these before it opens the variable's name scope (fix70 used it up:
``t/c_1:0``, ``t/u_1:0``).  An initializer that fails when called still uses the name up (F43b-4)."""

import pytest

import symopt.compat.v1 as tf

# TF 2.21 tf.compat.v1 graph mode, review final44b s/fb.py: next names t/c:0, t/u:0, t/k_1:0


def test_constant_initializer_with_shape_leaves_the_name_free():
    tf.reset_default_graph()
    with tf.variable_scope("t"):
        with pytest.raises(ValueError, match="If initializer is a constant, do not specify shape."):
            tf.get_variable("c", [2], initializer=tf.constant([1., 2.]))
        assert tf.get_variable("c", initializer=tf.constant([1., 2.])).name == "t/c:0"


def test_unknown_shape_leaves_the_name_free():
    tf.reset_default_graph()
    with tf.variable_scope("t"):
        with pytest.raises(ValueError):
            tf.get_variable("u", [None, 2])
        assert tf.get_variable("u", [2]).name == "t/u:0"


def test_failing_initializer_still_uses_the_name_up():
    tf.reset_default_graph()
    with tf.variable_scope("t"):
        with pytest.raises(ValueError):
            tf.get_variable("k", [2], initializer=tf.constant_initializer([1., 2., 3.]))
        assert tf.get_variable("k", [2]).name == "t/k_1:0"
