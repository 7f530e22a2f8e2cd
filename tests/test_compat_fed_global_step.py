"""A run that feeds the global step (``sess.run(lr, {global_step: 150})``, plotting a schedule) computes the
learning-rate schedule at the fed step, as TF1 (probe13 W10: every ``tf.train.*_decay`` read the variable's stored
step, so the plot was flat).  Goldens from TF 2.21 tf.compat.v1 with ``tf.disable_v2_behavior()`` (TF1's ref
variables, which a run may feed)."""

import numpy as np

import symopt.compat.v1 as tf


def test_schedules_read_a_fed_step_and_train_as_before():
    tf.reset_default_graph()
    gs = tf.train.get_or_create_global_step()
    schedules = [tf.train.cosine_decay(1.0, gs, 10), tf.train.polynomial_decay(1.0, gs, 10, 0.0),
                 tf.train.natural_exp_decay(1.0, gs, 1, 0.5), tf.train.linear_cosine_decay(1.0, gs, 10),
                 tf.train.cosine_decay_restarts(1.0, gs, 10), tf.train.inverse_time_decay(1.0, gs, 1, 0.5),
                 tf.train.exponential_decay(1.0, gs, 3, 0.5), tf.train.piecewise_constant(gs, [1, 3], [1.0, 0.5, 0.25])]
    staircase = tf.train.exponential_decay(0.1, gs, 100, 0.5, staircase=True)
    computed_step = tf.train.exponential_decay(0.1, gs + 0, 100, 0.5, staircase=True)
    b = tf.Variable([0.5, -0.5])
    tensor_rate = tf.train.exponential_decay(b[0], gs, 1, 0.5)
    w = tf.Variable(1.0)
    train = tf.train.GradientDescentOptimizer(schedules[6]).minimize(tf.square(w), global_step=gs)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    at_5 = [0.4999999701976776, 0.5, 0.0820850059390068, 0.25099998712539673, 0.4999999701976776, 0.2857142984867096,
            0.31498023867607117, 0.25]
    at_2 = [0.9045084714889526, 0.800000011920929, 0.3678794503211975, 0.7246067523956299, 0.9045084714889526, 0.5,
            0.6299605369567871, 0.5]
    assert [float(v) for v in session.run(schedules, {gs: 5})] == at_5
    assert [float(v) for v in session.run(schedules, {gs: 2})] == at_2
    assert [float(v) for v in session.run(schedules)] == [1.0, 1.0, 1.0, 1.0010000467300415, 1.0, 1.0, 1.0, 1.0]
    assert [float(session.run(staircase, {gs: i})) for i in (0, 150, 250)] == \
        [0.10000000149011612, 0.05000000074505806, 0.02500000037252903]
    assert [float(session.run(computed_step, {gs: i})) for i in (0, 150, 250)] == \
        [0.10000000149011612, 0.05000000074505806, 0.02500000037252903]
    assert float(session.run(tensor_rate, {b: [1.0, 0.0]})) == 1.0
    session.run(train)
    session.run(train)
    assert session.run([w, gs]) == [np.float32(0.58740103), 2]
    assert [float(v) for v in session.run(schedules)] == at_2
