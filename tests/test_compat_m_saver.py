"""tf.train.Saver's var_list as TF1's (probes K32, K33): a given list saves and restores exactly its variables (no
optimizer slots), a default Saver made before ``minimize`` holds only the variables existing then, and weights saved
during Adam training restore into a program that fine-tunes with Momentum (a default Saver there is TF1's
NotFoundError for the missing ``w/Momentum``).

Every expected number comes from TF 2.21's tf.compat.v1 (graph mode) running the same program."""

import os

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.compat.v1.errors import NotFoundError


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()


# TF 2.21 tf.compat.v1: one Adam step from w = [1, -1] after 3 steps, with fresh Adam state / with the saved state
FRESH_ADAM = np.float32([1.399375557899475, -0.600274920463562])
RESUMED_ADAM = np.float32([1.398493766784668, -0.6006545424461365])


def _model():
    w = tf.Variable(np.float32([1.0, -1.0]), name="w")
    return w, tf.reduce_sum(tf.square(w - 3.0))


def test_a_default_saver_made_before_minimize_holds_no_slots(tmp_path):
    w, loss = _model()
    saver = tf.train.Saver()  # TF1: var_list fixed now, [w]
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train)
    path = saver.save(sess, os.path.join(tmp_path, "m"))
    resumed = tf.Session()
    resumed.run(tf.global_variables_initializer())
    saver.restore(resumed, path)
    resumed.run(train)
    np.testing.assert_array_equal(resumed.run(w), FRESH_ADAM)  # TF 2.21: [1.3993756 -0.6002749]
    for _ in range(3):
        sess.run(train)
    saver.restore(sess, path)  # the same session keeps its current slots
    sess.run(train)
    # TF 2.21: [1.3974407 -0.60107964]
    np.testing.assert_array_equal(sess.run(w), np.float32([1.3974406719207764, -0.6010796427726746]))


def test_a_var_list_saver_restores_its_variables_only_and_the_default_one_resumes(tmp_path):
    w, loss = _model()
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    saver_w, saver_all = tf.train.Saver([w]), tf.train.Saver()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train)
    weights = saver_w.save(sess, os.path.join(tmp_path, "w_only"))
    everything = saver_all.save(sess, os.path.join(tmp_path, "all"))
    for _ in range(3):
        sess.run(train)
    saver_w.restore(sess, weights)
    sess.run(train)
    # TF 2.21: [1.3974407 -0.60107964] (the current slots kept)
    np.testing.assert_array_equal(sess.run(w), np.float32([1.3974406719207764, -0.6010796427726746]))
    saver_all.restore(sess, everything)
    sess.run(train)
    np.testing.assert_array_equal(sess.run(w), RESUMED_ADAM)  # TF 2.21: [1.3984938 -0.60065454]
    fresh = tf.Session()
    fresh.run(tf.global_variables_initializer())
    saver_w.restore(fresh, weights)
    fresh.run(train)
    np.testing.assert_array_equal(fresh.run(w), FRESH_ADAM)  # TF 2.21: [1.3993756 -0.6002749]


def test_fine_tuning_with_momentum_after_adam_training(tmp_path):
    w, loss = _model()
    train = tf.train.AdamOptimizer(0.1).minimize(loss)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train)
    weights = tf.train.Saver([w]).save(sess, os.path.join(tmp_path, "w_only"))
    everything = tf.train.Saver().save(sess, os.path.join(tmp_path, "all"))
    tf.reset_default_graph()  # a new program: the same model, Momentum for fine-tuning
    w = tf.Variable(np.float32([0.0, 0.0]), name="w")
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(tf.square(w - 3.0)))
    tuned = tf.Session()
    tuned.run(tf.global_variables_initializer())
    tf.train.Saver([w]).restore(tuned, weights)
    for _ in range(3):
        tuned.run(train)
    # TF 2.21: [2.8945613 2.7705832]
    np.testing.assert_array_equal(tuned.run(w), np.float32([2.894561290740967, 2.770583152770996]))
    untouched = tf.Session()
    with pytest.raises(NotFoundError, match="Key w/Momentum not found in checkpoint"):  # TF 2.21: NotFoundError
        tf.train.Saver().restore(untouched, everything)
    assert w.expr not in untouched.values  # nothing was restored
