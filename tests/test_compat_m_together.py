"""Several training operations in one run (probe K34): ``sess.run([ta, tb])`` and ``tf.group(ta, tb)`` compute every
update from the variables' values at the start of the run, as TF1 does in practice (GAN and multi-loss code).

Every expected number comes from TF 2.21's tf.compat.v1 (graph mode) running the same program."""

import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def _two_steps():
    w, v = tf.Variable(1.0), tf.Variable(1.0)
    loss = tf.square(w - 3.0) + tf.square(v - 3.0)
    ta = tf.train.GradientDescentOptimizer(0.1).minimize(loss, var_list=[w])
    tb = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w * v - 3.0), var_list=[v])
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    return w, v, loss, ta, tb, sess


def test_a_group_and_a_fetch_list_update_from_the_start_values():
    w, v, loss, ta, tb, sess = _two_steps()
    sess.run(tf.group(ta, tb))
    assert sess.run([w, v]) == [np.float32(1.4), np.float32(1.4)]  # TF 2.21: [1.4, 1.4] (sequential: 1.448)
    sess.run(tf.global_variables_initializer())
    assert sess.run([ta, tb, loss]) == [None, None, np.float32(8.0)]  # TF 2.21: [None, None, 8.0]
    assert sess.run([w, v]) == [np.float32(1.4), np.float32(1.4)]
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run([ta, tb])
    assert sess.run([w, v]) == [np.float32(1.9760001), np.float32(1.7225507)]  # TF 2.21


def test_gan_style_adam_pair_with_a_feed():
    X = tf.placeholder(tf.float32, [None, 2])
    D = tf.Variable(np.float32([[0.5], [-0.5]]))
    G = tf.Variable(np.float32([[1.0, 0.2], [0.3, -1.0]]))
    fake = tf.matmul(X, G)
    d_loss = tf.reduce_mean(tf.nn.softplus(-tf.matmul(X, D))) + tf.reduce_mean(tf.nn.softplus(tf.matmul(fake, D)))
    g_loss = tf.reduce_mean(tf.nn.softplus(-tf.matmul(fake, D)))
    d_train = tf.train.AdamOptimizer(0.05).minimize(d_loss, var_list=[D])
    g_train = tf.train.AdamOptimizer(0.05).minimize(g_loss, var_list=[G])
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    data = {X: np.float32([[1, 2], [0.5, -1], [2, 0]])}
    for _ in range(4):
        _, _, d_cost, g_cost = sess.run([d_train, g_train, d_loss, g_loss], data)
    # TF 2.21 tf.compat.v1 (float32 summation order: within 2 ulp):
    # 1.6333053 0.48241392 D [0.30017018 -0.30046356] G [1.1984411 0.0015568957 0.11860216 -0.8186002]
    np.testing.assert_allclose([d_cost, g_cost], [1.6333053, 0.48241392], rtol=3e-7)
    np.testing.assert_allclose(sess.run(D).ravel(), [0.3001701831817627, -0.30046355724334717], rtol=3e-7)
    np.testing.assert_allclose(sess.run(G).ravel(), [1.1984411478042603, 0.001556895673274994,
                                                     0.11860215663909912, -0.8186002373695374], rtol=3e-6)
