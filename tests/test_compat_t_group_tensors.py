"""``tf.group`` of tensors computes them for their effects, as TF1 does, also beside a training step and inside a
list (``tf.group([a, b])``), and a tensor made under ``tf.control_dependencies`` (probe finding S11; the plain
metrics case is in ``test_compat_lead_gaps.py``).

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_group_of_a_train_op_a_list_and_a_dependent_tensor():
    x = tf.placeholder(tf.float32, [None])
    lab = tf.placeholder(tf.int64, [None])
    w = tf.Variable(1.0)
    loss = tf.reduce_mean(tf.square(w * x - 1.0))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    acc, up = tf.metrics.accuracy(lab, tf.cast(x > 0, tf.int64))
    m, mup = tf.metrics.mean(loss)
    train_and_count = tf.group(train, up)
    with tf.control_dependencies([tf.group(mup)]):
        after = tf.no_op()
    lv = tf.Variable(0.0, collections=[tf.GraphKeys.LOCAL_VARIABLES], trainable=False)
    with tf.control_dependencies([tf.assign_add(lv, 1.0)]):
        dep = tf.identity(w)
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        sess.run(train_and_count, {x: [1.0, -2.0], lab: [1, 1]})
        first = sess.run([w, acc])
        sess.run(after, {x: [1.0, -2.0]})
        second = sess.run(m)
        sess.run(tf.group([up, mup]), {x: [1.0, 2.0], lab: [1, 1]})
        third = sess.run([acc, m])
        sess.run(tf.group(dep))
        counted = sess.run(lv)
    assert first == [np.float32(0.39999998), np.float32(0.5)]  # TF 2.21 tf.compat.v1 (symopt: accuracy 0.0)
    assert second == np.float32(1.8)  # TF 2.21 tf.compat.v1
    assert third == [np.float32(0.75), np.float32(1.0)]  # TF 2.21 tf.compat.v1
    assert counted == 1.0  # TF 2.21 tf.compat.v1: the group computes dep, so its control input runs
