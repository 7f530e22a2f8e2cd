"""An assignment's output as the input of any op, as TF1 programs use it: hand-written momentum
(``tf.assign(w, w - 0.05 * update_v)``), hand-written Adam (``m_new / (1 - tf.pow(0.9, t_new))``), ``tf.sqrt(upd)``:
the input is the variable after the assignment, which runs first in the run that computes it, once.

Literals marked "TF 2.21 tf.compat.v1" were printed by TensorFlow 2.21's ``tf.compat.v1`` in graph mode running the
same program in a separate environment; TensorFlow is not needed here.
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture

CASES = {  # TF 2.21 tf.compat.v1, v = [0.5, 0.5] doubled by the assignment
    "w - upd": (lambda w, upd: w - upd, [0.0, -3.0]),
    "tf.multiply(0.05, upd)": (lambda w, upd: tf.multiply(0.05, upd), [0.05, 0.05]),
    "tf.sqrt(upd)": (lambda w, upd: tf.sqrt(upd), [1.0, 1.0]),
    "tf.reduce_sum(upd)": (lambda w, upd: tf.reduce_sum(upd), 2.0),
    "tf.identity(upd)": (lambda w, upd: tf.identity(upd), [1.0, 1.0]),
    "tf.assign(w, w - upd)": (lambda w, upd: tf.assign(w, w - upd), [0.0, -3.0]),
    "tf.constant(1.) + upd": (lambda w, upd: tf.constant(1.0) + upd, [2.0, 2.0]),
    "tf.stack([upd, w])": (lambda w, upd: tf.stack([upd, w]), [[1.0, 1.0], [1.0, -2.0]]),
    "tf.pow(0.9, tf.assign_add(t, 1.0))": (lambda w, upd: tf.pow(0.9, tf.assign_add(tf.Variable(0.0), 1.0)), 0.9),
}


@pytest.mark.parametrize("label", list(CASES))
def test_an_assignment_as_an_ops_input_runs_first(label):
    w, v = tf.Variable([1.0, -2.0]), tf.Variable([0.5, 0.5])
    build, expected = CASES[label]
    result = build(w, tf.assign(v, v * 2.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(result), expected, rtol=1e-6)


def test_hand_written_momentum_and_adam_as_tf1():
    w = tf.Variable([1.0, -2.0])
    x, y = tf.constant([[1.0, 2.0], [3.0, 1.0]]), tf.constant([1.0, 0.0])
    grad = tf.gradients(tf.reduce_mean(tf.square(tf.reduce_sum(x * w, 1) - y)), w)[0]
    v = tf.Variable(tf.zeros([2]))
    update_v = tf.assign(v, 0.9 * v + grad)
    update_w = tf.assign(w, w - 0.05 * update_v)
    m, vv, t = tf.Variable(tf.zeros([2])), tf.Variable(tf.zeros([2])), tf.Variable(0.0)
    t_new = tf.assign_add(t, 1.0)
    m_new = tf.assign(m, 0.9 * m + 0.1 * grad)
    v_new = tf.assign(vv, 0.999 * vv + 0.001 * tf.square(grad))
    m_hat, v_hat = m_new / (1 - tf.pow(0.9, t_new)), v_new / (1 - tf.pow(0.999, t_new))
    adam = tf.assign(w, w - 0.1 * m_hat / (tf.sqrt(v_hat) + 1e-8))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            both = sess.run([update_v, update_w])
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            alone = sess.run(update_w)
        velocity = sess.run(v)
        sess.run(tf.global_variables_initializer())
        for _ in range(4):
            by_hand = sess.run(adam)
        state = sess.run([m, vv, t])
    # TF 2.21 tf.compat.v1: the velocity is updated once per run, before the weights read it
    np.testing.assert_allclose(both[0], [4.215, -12.432499], rtol=1e-6)
    np.testing.assert_allclose(both[1], [0.82175004, -0.4633751], rtol=1e-6)
    np.testing.assert_allclose(alone, [0.82175004, -0.4633751], rtol=1e-6)
    np.testing.assert_allclose(velocity, [4.215, -12.432499], rtol=1e-6)
    np.testing.assert_allclose(by_hand, [1.0336131, -1.6044188], rtol=1e-6)  # TF 2.21 tf.compat.v1
    np.testing.assert_allclose(state[0], [0.2225781, -1.9845194], rtol=1e-6)
    np.testing.assert_allclose(state[1], [0.004836892, 0.13908416], rtol=1e-6)
    assert state[2] == 4.0
