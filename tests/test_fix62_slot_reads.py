"""P63-1: reading an optimizer slot (Adam's ``m`` / ``v``, the beta powers, Momentum's accumulator) runs nothing, as
reading any TF1 variable: the ``tf.control_dependencies`` the optimizer was built under ran again at each read.
Expected values: TF 2.21 ``tf.compat.v1`` with ref variables (probe63 c6.py, c17.py)."""

import numpy as np

import symopt.compat.v1 as tf


def test_reading_adam_slots_runs_no_control_input():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.Variable(np.ones((3, 1), np.float32), name="W")
    counter = tf.Variable(0.0, name="counter")
    increment = tf.assign_add(counter, 1.0)
    loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
    with tf.control_dependencies([increment]):
        train = tf.train.AdamOptimizer(0.1).minimize(loss)
    feed = {x: np.ones((4, 3), np.float32)}
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train, feed)
        values = {v.op.name: session.run(v, feed) for v in tf.global_variables()}
        assert session.run(counter) == 1.0  # TF 2.21: 1.0 (symopt gave 5.0)
    # TF 2.21: W/Adam 0.6000001430511475, W/Adam_1 0.03599953651428223 in each entry, beta1_power 0.809999942779541
    np.testing.assert_array_equal(values["W/Adam"].ravel(), np.float32([0.6000001430511475] * 3))
    np.testing.assert_array_equal(values["W/Adam_1"].ravel(), np.float32([0.03599953651428223] * 3))
    assert values["beta1_power"] == np.float32(0.809999942779541)


def test_reading_a_momentum_slot_does_not_count_up():
    tf.reset_default_graph()
    w = tf.Variable([1.0, 2.0], name="W")
    count = tf.Variable(0, name="c")
    optimizer = tf.train.MomentumOptimizer(0.1, 0.9)
    with tf.control_dependencies([count.count_up_to(3)]):
        train = optimizer.minimize(tf.reduce_sum(tf.square(w)))
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        session.run(train)
        for _ in range(3):  # TF 2.21: [2., 4.] each time, c stays 1
            np.testing.assert_array_equal(session.run(optimizer.get_slot(w, "momentum")), np.float32([2.0, 4.0]))
        assert session.run(count) == 1
