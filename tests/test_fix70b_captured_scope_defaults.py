"""F44b-4: a captured variable scope re-entered (``with tf.variable_scope(sc):``) keeps its own dtype and
initializer, as TF1: a float64 scope shares its float64 variable with ``reuse=True`` (fix70 refused it as a float32
request) and makes float64 variables; its ``constant_initializer`` initializes them."""

import numpy as np

import symopt.compat.v1 as tf

# TF 2.21 tf.compat.v1 graph mode, review final44b s/gv2.py and s/gv3.py


def test_captured_float64_scope_shares_its_variable_with_reuse():
    tf.reset_default_graph()
    with tf.variable_scope("m", dtype=tf.float64) as sc:
        a = tf.get_variable("a", [1])
    with tf.variable_scope("outer"):
        with tf.variable_scope(sc, reuse=True):
            again = tf.get_variable("a", [1])
    assert again is a and again.dtype == tf.float64  # TF 2.21: (True, 'float64')


def test_captured_float64_scope_makes_float64_variables():
    tf.reset_default_graph()
    with tf.variable_scope("m", dtype=tf.float64) as sc:
        tf.get_variable("a", [1])
    with tf.variable_scope(sc):
        assert tf.get_variable("b", [1]).dtype == tf.float64  # TF 2.21: float64


def test_captured_scope_keeps_its_initializer():
    tf.reset_default_graph()
    with tf.variable_scope("m", initializer=tf.constant_initializer(3.0)) as sc:
        pass
    with tf.variable_scope(sc):
        b = tf.get_variable("b", [2])
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    np.testing.assert_array_equal(sess.run(b), [3.0, 3.0])  # TF 2.21: [3.0, 3.0]
