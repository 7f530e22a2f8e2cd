"""Names TF1 takes inside a name scope stay taken when a session rebuilds the graph for a fed shape, and internal
names are never refused (review final45b 45b-12, staging suite finding 1).

Expected values: TensorFlow 2.21 ``tf.compat.v1`` (graph mode), review final45b ``t_rebuild.py``: names
``s/_x:0 s/-y:0 s/_c:0``, ``[7.0, 8.0]`` for a feed of ``ones(3)`` and ``[9.0, 10.0]`` for ``ones((2, 2))``;
``tf.ones([tf.shape(x)[0], 1])`` is ones of the fed batch (hand NumPy).
"""

import numpy as np

import symopt.compat.v1 as tf


def test_scoped_names_of_a_shapeless_placeholder_graph_run():
    tf.reset_default_graph()
    p = tf.placeholder(tf.float32)
    with tf.name_scope("s"):
        a = tf.multiply(p, 2.0, name="_x")
        b = tf.reduce_sum(a, name="-y")
        w = tf.Variable(1.0, name="w")
        c = tf.add(b, w, name="_c")
    g = tf.gradients(c * w, [w])[0]
    assert (a.name, b.name, c.name) == ("s/_x:0", "s/-y:0", "s/_c:0")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert [float(v) for v in sess.run([c, g], {p: np.ones(3, np.float32)})] == [7.0, 8.0]
        assert [float(v) for v in sess.run([c, g], {p: np.ones((2, 2), np.float32)})] == [9.0, 10.0]


def test_ones_of_the_batch_size_is_not_refused():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 2])
    ones = tf.ones([tf.shape(x)[0], 1])
    with tf.Session() as sess:
        got = sess.run(ones, {x: np.zeros((3, 2), np.float32)})
    np.testing.assert_array_equal(got, np.ones((3, 1), np.float32))
