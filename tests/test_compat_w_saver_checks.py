"""``tf.train.Saver`` refuses what TF1 refuses, before any state changes: a saver made before any variable exists
(TF1: ``ValueError: No variables to save``; symopt would write an empty checkpoint), and a restore into a variable of
another dtype (TF1: ``InvalidArgumentError``; a float checkpoint would be truncated into an int32 variable).
"""

import numpy as np
import pytest

import symopt.compat.v1 as tf
from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_a_saver_without_variables_is_refused_at_once():
    with pytest.raises(ValueError, match="No variables to save"):  # TF 2.21 tf.compat.v1's message
        tf.train.Saver()
    with pytest.raises(ValueError, match="No variables to save"):
        tf.train.Saver(var_list=[])


def test_a_restore_into_another_dtype_is_refused_and_changes_nothing(tmp_path):
    w = tf.Variable([1.5, -2.5], name="w")
    step = tf.train.get_or_create_global_step()
    half = tf.Variable(np.float16(0.5), name="half")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(w * w) + tf.cast(half * half, tf.float32),
                                                                   global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        path = tf.train.Saver().save(sess, str(tmp_path / "model"))
        tf.train.Saver().restore(sess, path)  # the same graph restores: the step count and a float16 variable too
        assert sess.run(step) == 1 and sess.run(half) == np.float16(0.4)
    tf.reset_default_graph()
    w = tf.Variable([0, 0], name="w")  # int32 now
    b = tf.Variable(7.0, name="b")
    with tf.Session() as sess:
        sess.run(b.initializer)
        saver = tf.train.Saver({"w": w, "global_step": b})
        with pytest.raises(tf.errors.InvalidArgumentError, match="w was saved as float32 and the variable is int32"):
            saver.restore(sess, path)
        assert sess.run(b) == 7.0
        with pytest.raises(tf.errors.FailedPreconditionError):  # TF 2.21 tf.compat.v1: w stays uninitialized
            sess.run(w)
