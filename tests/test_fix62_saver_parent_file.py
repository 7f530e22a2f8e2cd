"""P63-5: ``Saver.save`` to a path below an existing file is TF1's ``ValueError: Parent directory of <path> doesn't
exist, can't save.`` (it was pathlib's bare ``FileExistsError``), and nothing changes.  Expected text: TF 2.21
``tf.compat.v1`` (probe63 c19.py)."""

import os

import numpy as np
import pytest

import symopt.compat.v1 as tf


def test_save_below_a_file_is_tf1_value_error(tmp_path):
    tf.reset_default_graph()
    tf.Variable(np.float32([1, 2]), name="W")
    saver = tf.train.Saver()
    (tmp_path / "notes.txt").write_text("x")
    bad = os.path.join(str(tmp_path), "notes.txt", "model")
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        with pytest.raises(ValueError, match=f"^Parent directory of {bad}-9 doesn't exist, can't save\\."):
            saver.save(session, bad + "-9")
        assert sorted(os.listdir(tmp_path)) == ["notes.txt"]
        saver.save(session, os.path.join(str(tmp_path), "m"))  # the next save works
