"""tf.train.Saver: save and restore variables and optimizer slots; a restored run continues exactly."""

import numpy as np
import pytest

import symopt.compat.v1 as tf

COEFFICIENTS = np.array([[1.0], [-10.0], [25.0]])


def build(optimizer):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [3, 1])
    w = tf.Variable(0, dtype=tf.float32)
    cost = x[0][0] * w ** 2 + x[1][0] * w + x[2][0]
    return x, w, optimizer().minimize(cost)


@pytest.mark.parametrize("optimizer", [lambda: tf.train.AdamOptimizer(0.1),
                                       lambda: tf.train.MomentumOptimizer(0.01, 0.9),
                                       lambda: tf.train.RMSPropOptimizer(0.01, centered=True)])
def test_restored_session_continues_on_the_same_trajectory(tmp_path, optimizer):
    x, w, train = build(optimizer)
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    for _ in range(20):
        session.run(train, feed_dict={x: COEFFICIENTS})
    path = tf.train.Saver().save(session, str(tmp_path / "model.ckpt"))
    for _ in range(20):
        session.run(train, feed_dict={x: COEFFICIENTS})
    uninterrupted = session.run(w)

    x, w, train = build(optimizer)
    restored = tf.Session()
    tf.train.Saver().restore(restored, path)
    for _ in range(20):
        restored.run(train, feed_dict={x: COEFFICIENTS})
    assert restored.run(w) == uninterrupted


def test_save_names_the_global_step_and_refuses_uninitialized_variables(tmp_path):
    x, w, train = build(lambda: tf.train.GradientDescentOptimizer(0.01))
    session = tf.Session()
    with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized"):
        tf.train.Saver().save(session, str(tmp_path / "model"))
    session.run(tf.global_variables_initializer())
    assert tf.train.Saver().save(session, str(tmp_path / "model"), global_step=7).endswith("model-7")


def test_restore_into_another_graph_is_refused_without_changes(tmp_path):
    x, w, train = build(lambda: tf.train.GradientDescentOptimizer(0.01))
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    path = tf.train.Saver().save(session, str(tmp_path / "model"))
    tf.reset_default_graph()
    tf.Variable(0, dtype=tf.float32, name="other")
    other = tf.Session()
    other.run(tf.global_variables_initializer())
    before = dict(other.values)
    with pytest.raises(tf.errors.NotFoundError, match="not in it"):  # TF1's class (v-probe V6)
        tf.train.Saver().restore(other, path)
    assert other.values == before
