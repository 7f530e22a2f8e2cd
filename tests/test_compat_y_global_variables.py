"""``tf.global_variables()`` lists the optimizers' slot variables (v-probe V1), so ``Saver(tf.global_variables())``
and ``tf.variables_initializer(tf.global_variables())`` save and reset the optimizer state as TF1 does.
Expected names and numbers: TF 2.21 tf.compat.v1 (graph mode)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def _model():
    w = tf.Variable([1.0, -2.0], name="w")
    b = tf.Variable(0.5, name="b")
    return w, b, tf.reduce_sum(tf.square(w - 3.0)) + tf.square(b)


def _names(variables):
    return [v.name for v in variables]


@pytest.mark.parametrize("make, expected", [
    (lambda loss: tf.train.AdamOptimizer(0.1).minimize(loss),
     ["beta1_power:0", "beta2_power:0", "w/Adam:0", "w/Adam_1:0", "b/Adam:0", "b/Adam_1:0"]),
    (lambda loss: tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss), ["w/Momentum:0", "b/Momentum:0"]),
    (lambda loss: tf.train.RMSPropOptimizer(0.1).minimize(loss),
     ["w/RMSProp:0", "w/RMSProp_1:0", "b/RMSProp:0", "b/RMSProp_1:0"]),
    (lambda loss: tf.train.AdagradOptimizer(0.1).minimize(loss), ["w/Adagrad:0", "b/Adagrad:0"]),
    (lambda loss: tf.train.GradientDescentOptimizer(0.1).minimize(loss), []),
])
def test_global_variables_list_the_slots_in_tf1_order(make, expected):
    _, _, loss = _model()
    make(loss)
    # TF 2.21 tf.compat.v1
    assert _names(tf.global_variables()) == ["w:0", "b:0", *expected]
    assert _names(tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)) == ["w:0", "b:0", *expected]
    assert _names(tf.trainable_variables()) == ["w:0", "b:0"]


def test_creation_order_scopes_and_two_optimizers():
    w, b, loss = _model()
    step = tf.Variable(0, trainable=False, name="global_step")
    with tf.variable_scope("s"):
        tf.train.AdamOptimizer(0.1).minimize(loss, var_list=[b], global_step=step)
    tf.Variable(3.0, name="after")
    with tf.name_scope("train"):
        tf.train.AdamOptimizer(0.1).minimize(loss, var_list=[w])
    # TF 2.21 tf.compat.v1: a variable scope prefixes every slot, a name scope only the beta powers
    assert _names(tf.global_variables()) == [
        "w:0", "b:0", "global_step:0", "s/beta1_power:0", "s/beta2_power:0", "s/b/Adam:0", "s/b/Adam_1:0", "after:0",
        "train/beta1_power:0", "train/beta2_power:0", "w/Adam:0", "w/Adam_1:0"]
    assert _names(tf.global_variables("s/")) == ["s/beta1_power:0", "s/beta2_power:0", "s/b/Adam:0", "s/b/Adam_1:0"]


def _adam_program():
    w = tf.Variable([1.0, -2.0], name="w")
    train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w - 3.0)))
    return w, train


def test_running_and_reinitialising_the_global_variables():
    w, train = _adam_program()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        values = sess.run(tf.global_variables())
        # TF 2.21 tf.compat.v1: w, beta1_power, beta2_power, w/Adam, w/Adam_1
        np.testing.assert_allclose(values[0], [1.2993755, -1.7002144], rtol=1e-6)
        assert values[1:3] == pytest.approx([0.6560999, 0.9960061], rel=1e-6)
        np.testing.assert_allclose(values[3], [-1.0260335, -2.6520123], rtol=1e-6)
        np.testing.assert_allclose(values[4], [0.04335542, 0.2879026], rtol=1e-6)
        sess.run(tf.variables_initializer(tf.global_variables()))  # w and the optimizer start again
        for _ in range(2):
            sess.run(train)
        np.testing.assert_allclose(sess.run(w), [1.1998332, -1.8000581], rtol=1e-6)  # TF 2.21 tf.compat.v1


def test_reinitialising_the_slots_alone():
    w = tf.Variable([1.0, -2.0], name="w")
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(tf.square(w - 3.0)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        sess.run(tf.variables_initializer(tf.global_variables()[1:]))
        for _ in range(2):
            sess.run(train)
        new_w, momentum = sess.run(tf.global_variables())
    np.testing.assert_allclose(new_w, [2.94296, 2.8574], rtol=1e-6)  # TF 2.21 tf.compat.v1
    np.testing.assert_allclose(momentum, [-0.42160016, -1.0539997], rtol=1e-6)


def test_saver_of_the_global_variables_restores_adam(tmp_path):
    path = str(tmp_path / "m")
    w, train = _adam_program()
    saver = tf.train.Saver(tf.global_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        saver.save(sess, path)
        for _ in range(2):
            sess.run(train)
        continued = sess.run(w)
    tf.reset_default_graph()
    w, train = _adam_program()
    saver = tf.train.Saver(tf.global_variables())
    with tf.Session() as sess:
        saver.restore(sess, path)
        for _ in range(2):
            sess.run(train)
        restored = sess.run(w)
    np.testing.assert_allclose(continued, [1.4970427, -1.5009845], rtol=1e-6)  # TF 2.21 tf.compat.v1
    np.testing.assert_array_equal(restored, continued)

