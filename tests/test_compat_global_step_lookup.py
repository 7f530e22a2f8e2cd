"""``tf.train.get_global_step`` finds a step made by hand, ``tf.Variable(0, name="global_step", trainable=False)``, as
TF1 does (probe13 W15: a second step ``global_step_1`` that nothing increments was made, so the schedule never
decayed), and asking for the step twice works (W16: a raw "Using a tf.Tensor as a Python bool" from symopt's own
``or``).  Goldens from TF 2.21 tf.compat.v1 with ``tf.disable_v2_behavior()``."""

import numpy as np

import symopt.compat.v1 as tf


def _trained(step, lr, w, train) -> list:
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    for _ in range(3):
        session.run(train)
    return session.run([step, lr, w])


def test_a_hand_made_global_step_is_the_graphs_step():
    tf.reset_default_graph()
    global_step = tf.Variable(0, name="global_step", trainable=False)
    w = tf.Variable(1.0)
    assert tf.train.get_global_step() is global_step
    lr = tf.train.exponential_decay(0.1, tf.train.get_or_create_global_step(), 1, 0.5)
    train = tf.train.GradientDescentOptimizer(lr).minimize(tf.square(w), global_step=global_step)
    assert [v.name for v in tf.global_variables()] == ["global_step:0", "Variable:0"]
    assert _trained(global_step, lr, w, train) == [3, np.float32(0.0125), np.float32(0.684)]


def test_get_or_create_global_step_twice():
    tf.reset_default_graph()
    w = tf.Variable(1.0)
    lr = tf.train.exponential_decay(0.1, tf.train.get_or_create_global_step(), 1, 0.5)
    step = tf.train.get_or_create_global_step()
    train = tf.train.GradientDescentOptimizer(lr).minimize(tf.square(w), global_step=step)
    assert step is tf.train.get_global_step()
    assert _trained(step, lr, w, train) == [3, np.float32(0.0125), np.float32(0.684)]
