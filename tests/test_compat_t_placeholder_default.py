"""``tf.placeholder_with_default`` with a constant default is a placeholder of its own: feeding it changes only what
reads it (never an equal constant elsewhere in the graph), gradients treat it as an input, and a fed ``tf.bool`` one
works in a run that fetches a gradient or a training step (probe findings S2 and the ``w * 1.0`` collision).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_feeding_a_default_changes_only_what_reads_it():
    w = tf.Variable(3.0)
    x = tf.placeholder_with_default(1.0, [])
    loss = w * 1.0 + x * w * w
    g = tf.gradients(loss, w)[0]
    gx = tf.gradients(loss, x)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fed = sess.run([loss, g], {x: 2.0})
        unfed = sess.run([loss, g])
        wrt_x = [sess.run(gx), sess.run(gx, {x: 5.0})]
    assert fed == [21.0, 13.0]  # TF 2.21 tf.compat.v1 (the collision gave g = 8.0)
    assert unfed == [12.0, 7.0]  # TF 2.21 tf.compat.v1
    assert wrt_x == [9.0, 9.0]  # TF 2.21 tf.compat.v1
    assert (x.name, str(x.shape), x.dtype) == ("PlaceholderWithDefault:0", "()", tf.float32)


def test_a_fed_bool_default_in_a_gradient_and_a_training_run():
    w = tf.Variable([1.0, -0.5])
    training = tf.placeholder_with_default(False, shape=[], name="training")
    loss = tf.reduce_sum(w * w)
    scaled = tf.cond(training, lambda: loss * 10.0, lambda: loss)
    g = tf.gradients(loss, w)[0]
    gs = tf.gradients(scaled, w)[0]
    train = tf.train.GradientDescentOptimizer(0.1).minimize(scaled)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(g, {training: True}), [2.0, -1.0])  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(sess.run(gs, {training: True}), [20.0, -10.0])  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(sess.run(gs), [2.0, -1.0])  # TF 2.21 tf.compat.v1
        assert sess.run([train, scaled], {training: True})[1] == np.float32(12.5)  # TF 2.21 tf.compat.v1
        np.testing.assert_array_equal(sess.run(w), np.float32([-1.0, 0.5]))  # TF 2.21 tf.compat.v1
        sess.run(train)
        np.testing.assert_array_equal(sess.run(w), np.float32([-0.8, 0.4]))  # TF 2.21 tf.compat.v1
    assert training.name == "training:0" and training.dtype == tf.bool


def test_a_vector_default_fed_and_unfed_in_a_training_loop():
    w = tf.Variable(3.0)
    v = tf.placeholder_with_default(np.array([1.0, 2.0], np.float32), [2])
    loss = tf.reduce_sum(v * w * w)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = [sess.run(loss), sess.run(loss, {v: [3.0, 4.0]})]
        steps = [sess.run([train, loss], {v: [0.5, 0.5]})[1], sess.run([train, loss])[1]]
        final = sess.run(w)
    assert values == [27.0, 63.0]  # TF 2.21 tf.compat.v1
    assert steps == [np.float32(9.0), np.float32(17.28)]  # TF 2.21 tf.compat.v1
    assert final == np.float32(0.96000004)  # TF 2.21 tf.compat.v1
