"""What one ``session.run`` computes before its updates, as TF1 does: the assignments of a run with several updates
store values computed from the variables at the start of the run (manual gradient descent with a list of
``tf.assign``; a running total of the loss beside the training step), two ``assign_add`` both count, and a
training step made a control input computes its loss once, before its update, for every fetch and assignment
that reads it (a moving average of the loss recorded after each step).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_manual_gradient_descent_with_a_list_of_assigns_reads_the_start_values():
    w, b = tf.Variable(1.0), tf.Variable(0.0)
    x, y = tf.constant([1.0, 2.0, 3.0]), tf.constant([2.0, 4.0, 7.0])
    loss = tf.reduce_mean(tf.square(w * x + b - y))
    gw, gb = tf.gradients(loss, [w, b])
    step = [tf.assign(w, w - 0.1 * gw), tf.assign(b, b - 0.1 * gb)]
    a, c = tf.Variable(1.0), tf.Variable(2.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(step) == [np.float32(2.1333334), np.float32(0.4666667)]  # TF 2.21 tf.compat.v1
        assert sess.run(tf.group(*step)) is None
        assert sess.run([w, b]) == [np.float32(2.022222), np.float32(0.38666663)]  # TF 2.21 tf.compat.v1
        sess.run(tf.global_variables_initializer())
        # TF 2.21 tf.compat.v1
        assert sess.run([w.assign_sub(0.1 * gw), b.assign_sub(0.1 * gb)]) == [np.float32(2.1333334),
                                                                             np.float32(0.4666667)]
        assert sess.run([tf.assign(a, c), tf.assign(c, a)]) == [2.0, 2.0]  # TF 2.21: a variable read as it is
        total = tf.Variable(0.0)
        sess.run(total.initializer)
        sess.run([tf.assign_add(total, 1.0), tf.assign_add(total, 2.0)])
        assert sess.run(total) == 3.0  # TF 2.21 tf.compat.v1: both count


def test_a_loss_recorded_beside_or_after_the_step_is_the_loss_the_step_saw():
    w = tf.Variable(1.0)
    loss = tf.square(w - 4.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    total, ema, last = tf.Variable(0.0), tf.Variable(0.0), tf.Variable(0.0)
    with tf.control_dependencies([train]):
        recorded = tf.assign(ema, 0.9 * ema + 0.1 * loss)
        after = tf.no_op()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([train, tf.assign_add(total, loss)]) == [None, np.float32(9.0)]  # TF 2.21 tf.compat.v1
        assert sess.run([tf.group(train, tf.assign(last, loss)), last.value()]) == [None, np.float32(5.76)]
        seen = [sess.run([loss, recorded]) for _ in range(2)]
        assert sess.run([loss, after]) == [np.float32(1.5099496), None]  # TF 2.21 tf.compat.v1
        assert sess.run(w) == np.float32(3.01696)  # TF 2.21 tf.compat.v1
        assert sess.run([recorded]) == [np.float32(0.60757184)]  # TF 2.21 tf.compat.v1
        assert sess.run(w) == np.float32(3.213568)  # TF 2.21 tf.compat.v1
    # TF 2.21 tf.compat.v1
    assert seen == [[np.float32(3.6864002), np.float32(0.36864004)], [np.float32(2.359296), np.float32(0.56770563)]]
