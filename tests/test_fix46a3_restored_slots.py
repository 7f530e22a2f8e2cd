"""final46a2 46a2-6, 46a2-7: an optimizer's slots and beta powers set by ``Saver.restore`` count as initialized,
so a new ``minimize`` of the same Adam object made after the restore (or before it) trains, as TF 2.21 does (values
from TF 2.21's tf.compat.v1 graph mode, /work/wt/final46a2/restore2.py)."""
import numpy as np
import pytest

import symopt.compat.v1 as tf


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def build():
    w = tf.Variable([1., 2.])
    opt = tf.train.AdamOptimizer(0.1)
    return w, opt, opt.minimize(tf.reduce_sum(w ** 2))


def saved_after_two_steps(tmp_path) -> str:
    _, _, train = build()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    sess.run(train)
    sess.run(train)
    path = tf.train.Saver().save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    return path


def restored(tmp_path):
    """The model built again and restored from its checkpoint after two steps, with no initializer run."""
    path = saved_after_two_steps(tmp_path)
    w, opt, train = build()
    saver = tf.train.Saver()
    sess = tf.Session()
    saver.restore(sess, path)
    return w, opt, train, sess


def test_minimize_of_a_new_variable_after_restore_trains(tmp_path):
    w, opt, train, sess = restored(tmp_path)
    w2 = tf.Variable([3.])
    train2 = opt.minimize(tf.reduce_sum(w2 ** 2))
    sess.run(tf.variables_initializer([w2, opt.get_slot(w2, "m"), opt.get_slot(w2, "v")]))
    sess.run(train2)
    sess.run(train)
    beta1_power = [v for v in opt.variables() if v.op.name == "beta1_power"][0]
    np.testing.assert_allclose(sess.run(w), [0.710511, 1.709613], atol=1e-6)  # TF 2.21
    np.testing.assert_allclose(sess.run(w2), [2.936119], atol=1e-6)  # TF 2.21
    np.testing.assert_allclose(sess.run(beta1_power), 0.59049, atol=1e-6)  # TF 2.21


def test_second_minimize_of_the_same_variable_after_restore_trains(tmp_path):
    w, opt, train, sess = restored(tmp_path)
    train2 = opt.minimize(tf.reduce_sum(w ** 4))
    sess.run(train2)
    sess.run(train)
    np.testing.assert_allclose(sess.run(w), [0.602577, 1.647199], atol=1e-6)  # TF 2.21
    np.testing.assert_allclose(sess.run(opt.get_slot(w, "m")), [0.616298, 3.043555], atol=1e-6)  # TF 2.21


def test_second_minimize_made_before_the_restore_trains(tmp_path):
    """final46a2 46a2-7: its slots are the first minimize's, saved under that operation (was a NotFoundError naming
    a key the checkpoint holds)."""
    path = saved_after_two_steps(tmp_path)
    w, opt, train = build()
    train2 = opt.minimize(tf.reduce_sum(w ** 4))
    saver = tf.train.Saver()
    sess = tf.Session()
    saver.restore(sess, path)
    sess.run(train2)
    sess.run(train)
    np.testing.assert_allclose(sess.run(w), [0.602577, 1.647199], atol=1e-6)  # TF 2.21
    np.testing.assert_allclose(sess.run(opt.get_slot(w, "m")), [0.616298, 3.043555], atol=1e-6)  # TF 2.21
