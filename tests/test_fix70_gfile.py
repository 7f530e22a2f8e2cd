"""P70-6: ``tf.gfile`` / ``tf.io.gfile`` (the tutorials' log-dir preamble, reading data files) and
``tf.executing_eagerly()``.

Oracle: TF 2.21 ``tf.compat.v1`` (graph mode) running probe70's ``p51_gfile.py`` (its output
``out/p51_gfile.tf.txt``): the same calls on a temporary directory give the values asserted here, and
``tf.executing_eagerly()`` is False.
"""

import os

import pytest

import symopt.compat.v1 as tf


def test_the_tutorials_log_dir_preamble_and_file_helpers(tmp_path):
    logs = str(tmp_path / "logs")
    assert tf.gfile.Exists(logs) is False
    tf.gfile.MakeDirs(logs + "/a/b")
    assert tf.gfile.Exists(logs + "/a/b") and tf.gfile.IsDirectory(logs + "/a")
    with tf.gfile.GFile(logs + "/a/f.txt", "w") as handle:
        handle.write("hello\n")
    with tf.gfile.Open(logs + "/a/f.txt") as handle:
        assert handle.read() == "hello\n"
    assert sorted(tf.gfile.ListDirectory(logs + "/a")) == ["b", "f.txt"]
    assert [os.path.basename(p) for p in tf.gfile.Glob(logs + "/a/*.txt")] == ["f.txt"]
    tf.gfile.Copy(logs + "/a/f.txt", logs + "/a/g.txt", overwrite=True)
    tf.gfile.Rename(logs + "/a/g.txt", logs + "/a/h.txt")
    tf.gfile.Remove(logs + "/a/h.txt")
    walked = [(os.path.relpath(root, logs), sorted(dirs), sorted(files)) for root, dirs, files in tf.gfile.Walk(logs)]
    assert walked == [(".", ["a"], []), ("a", ["b"], ["f.txt"]), ("a/b", [], [])]
    tf.gfile.DeleteRecursively(logs)
    assert not tf.gfile.Exists(logs)


def test_io_gfile_names_and_missing_files(tmp_path):
    assert tf.io.gfile.exists(str(tmp_path)) and tf.io.gfile.isdir(str(tmp_path))
    with pytest.raises(tf.errors.NotFoundError, match="missing.txt"):
        tf.gfile.Remove(str(tmp_path / "missing.txt"))
    with pytest.raises(tf.errors.NotFoundError):
        tf.io.gfile.GFile(str(tmp_path / "missing.txt"))


def test_executing_eagerly_is_false_as_in_graph_mode():
    assert tf.executing_eagerly() is False
