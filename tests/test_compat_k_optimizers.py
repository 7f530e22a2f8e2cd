"""One optimizer object used for several ``minimize`` calls shares its Adam beta powers, as TF1's optimizer owns
``beta1_power`` / ``beta2_power`` (probe K12): each step of either operation advances the bias correction of both.
Expected values come from TF 2.21's tf.compat.v1 (graph mode) running the same program."""

import os
import tempfile

import numpy as np

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _two_ops_of_one_adam():
    a1, a2 = tf.Variable(1.0), tf.Variable(2.0)
    loss = tf.square(a1 - 3.0) + tf.square(a2 + 1.0)
    adam = tf.train.AdamOptimizer(0.1)
    return a1, a2, adam.minimize(loss, var_list=[a1]), adam.minimize(loss, var_list=[a2])


def test_two_minimize_ops_of_one_adam_share_the_beta_powers():
    a1, a2, ta, tb = _two_ops_of_one_adam()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    seen = []
    for _ in range(3):
        sess.run(ta)
        sess.run(tb)
        seen.append(sess.run([a1, a2]))
    for _ in range(2):
        sess.run(tb)
        seen.append(sess.run([a1, a2]))
    sess.run(ta)
    seen.append(sess.run([a1, a2]))
    # TF 2.21's tf.compat.v1 prints these pairs
    expected = [(1.1, 1.9255866), (1.1857028, 1.8475498), (1.2707374, 1.7659842), (1.2707374, 1.6791937),
                (1.2707374, 1.588916), (1.3541932, 1.588916)]
    assert seen == [[np.float32(a), np.float32(b)] for a, b in expected]


def test_separate_optimizers_keep_separate_powers_and_saver_restores_the_shared_ones():
    a1, a2, ta, tb = _two_ops_of_one_adam()
    b = tf.Variable(1.0)
    tc = tf.train.AdamOptimizer(0.1).minimize(tf.square(b - 3.0))
    saver = tf.train.Saver()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for _ in range(2):
        sess.run([ta, tc])
        sess.run(tb)
    assert sess.run(b) == np.float32(1.1998332)  # its own Adam: two plain steps (TF 2.21)
    path = saver.save(sess, os.path.join(tempfile.mkdtemp(), "model"))
    for _ in range(2):
        sess.run(ta)
        sess.run(tb)
    after = sess.run([a1, a2])
    assert after == [np.float32(1.3572025), np.float32(1.6810144)]  # TF 2.21
    saver.restore(sess, path)
    for _ in range(2):
        sess.run(ta)
        sess.run(tb)
    assert sess.run([a1, a2]) == after
