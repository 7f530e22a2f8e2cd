"""final46a 46a-3, 46a-7: how a training step stores its results.  Gradient descent (no optimizer state) stores its
new values one at a time, as before P83-7, without building the dicts of the slot rules' atomic store; a
constrained variable's projection is computed before the store, so an interrupt in it leaves the whole step undone.

Oracles: hand NumPy (gradient descent on w * x + b) and TF 2.21 ``tf.compat.v1`` graph mode for the constrained
Adam steps (/work/wt/final46a/interrupt_project.py's program, values printed by TF 2.21, copied here)."""

import numpy as np
import pytest

import symopt.compat.v1 as tf
import symopt.compat.v1.train_operation as train_operation


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


def test_gradient_descent_stores_its_values_without_the_atomic_dicts(monkeypatch):
    x, y = tf.placeholder(tf.float32, [None]), tf.placeholder(tf.float32, [None])
    w, b = tf.Variable(0.0), tf.Variable(0.0)
    step = tf.train.get_or_create_global_step()
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_mean((w * x + b - y) ** 2), global_step=step)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())

    def refused(*args, **kwargs):
        raise AssertionError("gradient descent built the atomic store's dicts")
    monkeypatch.setattr(train_operation.TrainOperation, "new_values", refused)
    sess.run(train, {x: [1.0, 2.0], y: [3.0, 5.0]})
    # hand: d/dw mean((wx + b - y)^2) at 0 = mean(-2xy) = -13, d/db = mean(-2y) = -8
    np.testing.assert_allclose(sess.run([w, b]), [1.3, 0.8], rtol=1e-6)
    assert sess.run(step) == 1


def test_an_interrupt_in_the_projection_leaves_the_whole_step_undone(monkeypatch):
    w = tf.Variable([1.0, -2.0], constraint=lambda v: tf.clip_by_value(v, 0.0, np.inf))
    step = tf.train.get_or_create_global_step()
    opt = tf.train.AdamOptimizer(0.5)
    train = opt.minimize(tf.reduce_sum((w + 1) ** 2), global_step=step)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    sess.run(train)
    m = sess.run(opt.get_slot(w, "m"))

    def interrupted(*args, **kwargs):  # where a SIGINT may land: the projection's first bytecode
        raise KeyboardInterrupt
    for name in ("projected", "project"):
        monkeypatch.setattr(train_operation, name, interrupted, raising=False)
    with pytest.raises(KeyboardInterrupt):
        sess.run(train)
    np.testing.assert_allclose(sess.run(w), [0.5, 0.0], atol=1e-6)  # TF 2.21: step 1's projected value
    assert sess.run(step) == 1
    np.testing.assert_allclose(sess.run(opt.get_slot(w, "m")), m)
    monkeypatch.undo()
    sess.run(train)
    np.testing.assert_allclose(sess.run(w), [0.00871429, 0.0], atol=1e-6)  # TF 2.21 after two steps
    sess.run(train)
    np.testing.assert_allclose(sess.run(w), [0.0, 0.0], atol=1e-6)  # TF 2.21 after three steps
    assert sess.run(step) == 3
