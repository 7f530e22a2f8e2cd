"""A learning rate read from an assignment (final39c F39c-5): ``lr = 0.1 / tf.assign_add(s, 1.0)`` is a tensor
whose run increments ``s`` first, as TF1 computes it at every step.  It was refused as "lr: expected a positive
finite number; given <tf.Tensor 'truediv:0'>", naming neither the cause nor a way out.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _after_each_step(sess, train, fetches, steps: int = 3) -> list:
    """``fetches`` read after each of ``steps`` runs of ``train`` (the variables initialized first)."""
    sess.run(tf.global_variables_initializer())
    seen = []
    for _ in range(steps):
        sess.run(train)
        seen.append(sess.run(fetches))
    return seen


def test_a_rate_computed_from_a_counter_decays_each_step_as_tf1():
    w = tf.Variable(2.0)
    s = tf.Variable(0.0)
    inc = tf.assign_add(s, 1.0)
    train = tf.train.GradientDescentOptimizer(0.1 / inc).minimize(w * w)  # rates 0.1, 0.05, 0.0333...
    with tf.Session() as sess:
        seen = _after_each_step(sess, train, [w, s])
        np.testing.assert_array_equal(seen, np.array([[1.6, 1.0], [1.44, 2.0], [1.3440001, 3.0]],
                                                     np.float32))  # TF 2.21 tf.compat.v1
        # fetched beside the step, the counter runs once in the run: 4, and the step used 0.1 / 4
        _, counted, after, moved = sess.run([train, inc, s, w])
        assert (counted, after) == (4.0, 4.0)  # TF 2.21 tf.compat.v1
        assert moved == np.float32(1.2768002)  # TF 2.21 tf.compat.v1


def test_a_rate_that_is_an_assignment_trains_adam_in_float64_as_tf1():
    w = tf.Variable(np.array([2.0, -1.0]))
    s = tf.Variable(np.float64(0.0))
    train = tf.train.AdamOptimizer(tf.assign_add(s, 0.05)).minimize(tf.reduce_sum(w * w * w * w))
    with tf.Session() as sess:
        _after_each_step(sess, train, [])
        np.testing.assert_allclose(sess.run(w), [1.70214354, -0.70579443], rtol=1e-8)  # TF 2.21 tf.compat.v1
        assert sess.run(s) == 0.15000000000000002  # TF 2.21 tf.compat.v1


def test_an_integer_rate_tensor_is_cast_as_tf1_casts_it():
    """final40c F40c-8: an int32 rate (a constant, a fed placeholder, a counter's assignment) was a bare TypeError
    'learning_rate must be a float scalar tensor'; TF1 casts it to the variable's dtype and trains."""
    w = tf.Variable(2.0)
    s = tf.Variable(1, dtype=tf.int32)
    train = tf.train.GradientDescentOptimizer(tf.assign_add(s, 1)).minimize(w * w)  # rates 2, 3, 4
    with tf.Session() as sess:
        seen = _after_each_step(sess, train, [w, s])
    assert [[float(a), int(b)] for a, b in seen] == [[-6.0, 2], [30.0, 3], [-210.0, 4]]  # TF 2.21 tf.compat.v1
    for rate, fed in ((tf.constant(1), {}), (tf.placeholder(tf.int32, []), None)):
        v = tf.Variable(2.0)
        step = tf.train.AdamOptimizer(rate).minimize(v * v)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(step, {rate: 1} if fed is None else fed)
            assert sess.run(v) == np.float32(1.0000001)  # TF 2.21 tf.compat.v1
