"""A learning rate computed from a step counter that a ``tf.assign_add`` made a control input of the training
step increments (b-probe B6): TF1 computes the rate (made outside the block) before the increment, for the step
and for a fetch of it; symopt computed it after, silently training with the next step's rate.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_rate_of_a_hand_incremented_step_reads_the_step_before_the_increment():
    w = tf.Variable(np.float32([1.0, 2.0]))
    loss = tf.reduce_sum(tf.square(w - 3.0))
    step = tf.Variable(0, trainable=False)
    lr = 0.2 / tf.cast(step + 1, tf.float32)
    inc = tf.assign_add(step, 1)
    with tf.control_dependencies([inc]):
        train = tf.train.GradientDescentOptimizer(lr).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fetched = [sess.run([train, lr, step])[1:] for _ in range(3)]
        assert fetched == [[np.float32(0.2), 1], [np.float32(0.1), 2], [np.float32(0.06666667), 3]]  # TF 2.21
        np.testing.assert_array_equal(sess.run(w), np.float32([2.168, 2.5839999]))  # TF 2.21 tf.compat.v1


def test_a_decayed_rate_with_gradients_computed_and_applied_under_the_increment():
    w = tf.Variable(np.float32([1.0, 2.0]))
    loss = tf.reduce_sum(tf.square(w - 3.0))
    step = tf.Variable(0, trainable=False)
    lr = tf.train.exponential_decay(0.1, step, 2, 0.5, staircase=True)
    inc = tf.assign_add(step, 1)
    opt = tf.train.MomentumOptimizer(lr, 0.9)
    with tf.control_dependencies([inc]):
        train = opt.apply_gradients(opt.compute_gradients(loss))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        rates = [sess.run([train, lr])[1] for _ in range(4)]
        assert rates == [np.float32(0.1), np.float32(0.1), np.float32(0.05), np.float32(0.05)]  # TF 2.21
        np.testing.assert_array_equal(sess.run(w), np.float32([2.8883998, 2.9441998]))  # TF 2.21 tf.compat.v1
        assert sess.run(step) == 4
