"""``saver.save(sess, path)`` also writes ``path.index``, as TF1's ``Saver`` leaves one, so the common resume test
``if os.path.exists(ckpt + ".index"): saver.restore(sess, ckpt)`` resumes (probe22 H17): symopt wrote the one file
``path`` and every launch silently trained from the initial values again.  ``max_to_keep`` deletes an old save's
``.index`` with it.

TF 2.21's ``tf.compat.v1`` printed ``[0.51199996 1.0239999 ]``, ``resumed``, ``[0.26214397 0.52428794]`` for the first
program (/work/wt/probe22/h17.py); TensorFlow is not needed here.
"""

import os

import numpy as np

import symopt.compat.v1 as tf


def _launch(ckpt: str, steps: int):
    tf.reset_default_graph()
    w = tf.Variable([1.0, 2.0], name="w")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w)))
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        resumed = os.path.exists(ckpt + ".index")
        if resumed:
            saver.restore(sess, ckpt)
        for _ in range(steps):
            sess.run(train)
        saver.save(sess, ckpt)
        return resumed, sess.run(w)


def test_the_index_test_of_a_resume_script_resumes(tmp_path):
    ckpt = str(tmp_path / "model.ckpt")
    resumed, value = _launch(ckpt, 3)  # the first launch: from the initial values
    assert not resumed
    np.testing.assert_array_equal(value, np.float32([0.51199996, 1.0239999]))
    resumed, value = _launch(ckpt, 3)
    assert resumed
    np.testing.assert_array_equal(value, np.float32([0.26214397, 0.52428794]))


def test_max_to_keep_deletes_an_old_saves_index(tmp_path):
    tf.reset_default_graph()
    w = tf.Variable([1.0, 2.0], name="w")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w)))
    saver = tf.train.Saver(max_to_keep=2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        paths = []
        for step in range(1, 5):
            sess.run(train)
            paths.append(saver.save(sess, str(tmp_path / "model.ckpt"), global_step=step))
        assert os.path.exists(paths[-1] + ".index") and not os.path.exists(paths[0] + ".index")
        assert sorted(os.listdir(tmp_path)) == ["checkpoint", "model.ckpt-3", "model.ckpt-3.index", "model.ckpt-4",
                                                "model.ckpt-4.index"]
        saver.restore(sess, paths[2])
        np.testing.assert_array_equal(sess.run(w), np.float32([0.51199996, 1.0239999]))
        assert os.path.basename(tf.train.latest_checkpoint(str(tmp_path))) == "model.ckpt-4"
