"""``tf.get_collection(key, scope=...)`` filters by scope as TF1 does (probe K13): a ``var_list`` taken from a scope
trains only that scope's variables.  Expected names and numbers come from TF 2.21's tf.compat.v1 (graph mode) running
the same program."""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _gan_like_graph():
    with tf.variable_scope("generator"):
        g = tf.get_variable("g", [2], initializer=tf.constant_initializer(1.0))
    with tf.variable_scope("discriminator"):
        d = tf.get_variable("d", [2], initializer=tf.constant_initializer(2.0))
        dd = tf.get_variable("dd", [], initializer=tf.constant_initializer(3.0), trainable=False)
    with tf.variable_scope("disc2"):
        e = tf.get_variable("e", [], initializer=tf.constant_initializer(0.3))
    return g, d, dd, e


def _names(items):
    return [v.name for v in items]


def test_scope_is_a_regular_expression_matched_at_the_start_of_the_name():
    g, d, _, _ = _gan_like_graph()
    trainable, every = tf.GraphKeys.TRAINABLE_VARIABLES, tf.GraphKeys.GLOBAL_VARIABLES
    # TF 2.21's tf.compat.v1 prints these lists for the same graph
    assert _names(tf.get_collection(trainable, scope="discriminator")) == ["discriminator/d:0"]
    assert _names(tf.get_collection(every, scope="discriminator")) == ["discriminator/d:0", "discriminator/dd:0"]
    assert _names(tf.get_collection(trainable, scope="disc")) == ["discriminator/d:0", "disc2/e:0"]
    assert _names(tf.get_collection(trainable, scope="generator|disc2")) == ["generator/g:0", "disc2/e:0"]
    assert _names(tf.get_collection(trainable, scope=".*/d")) == ["discriminator/d:0"]
    assert _names(tf.get_collection(trainable, "g")) == ["generator/g:0"]
    assert _names(tf.trainable_variables(scope="disc")) == ["discriminator/d:0", "disc2/e:0"]
    assert _names(tf.global_variables(scope="discriminator/")) == ["discriminator/d:0", "discriminator/dd:0"]
    assert len(tf.get_collection(trainable)) == 3
    tf.add_to_collection("mine", d)
    tf.add_to_collection("mine", 3.0)  # no name: left out when a scope is given (TF1)
    tf.add_to_collection("mine", g)
    assert len(tf.get_collection("mine")) == 3
    assert tf.get_collection("mine", scope="gen") == [g]


def test_var_list_from_a_scope_trains_only_that_scope():
    g, d, dd, e = _gan_like_graph()
    loss = tf.reduce_sum(tf.square(g * d * e - 1.0)) + dd
    d_train = tf.train.GradientDescentOptimizer(0.1).minimize(
        loss, var_list=tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="discriminator"))
    g_train = tf.train.GradientDescentOptimizer(0.1).minimize(
        loss, var_list=tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "generator"))
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    seen = []
    for _ in range(3):
        sess.run(d_train)
        seen.append(sess.run([g, d, e]))
        sess.run(g_train)
        seen.append(sess.run([g, d, e]))
    # TF 2.21's tf.compat.v1: (g[0], d[0], e) after each step
    expected = [(1.0, 2.024, 0.3), (1.0477016, 2.024, 0.3), (1.0477016, 2.0468714, 0.3),
                (1.0915022, 2.0468714, 0.3), (1.0915022, 2.068467, 0.3), (1.1315492, 2.068467, 0.3)]
    for (gv, dv, ev), (g0, d0, e0) in zip(seen, expected):
        np.testing.assert_array_equal(gv, np.float32([g0, g0]))
        np.testing.assert_array_equal(dv, np.float32([d0, d0]))
        assert ev == np.float32(e0)
