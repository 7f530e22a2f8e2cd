"""F44b-6 / F44b-14: ``tf.gfile`` reaches local files only.  A path with a URL scheme (``gs://``) is refused before
the disk is touched (fix70 read it as ``./gs:/...``: MakeDirs made it in the cwd, DeleteRecursively of
``gs://b/../../data`` removed the local ``./data``); TF1's errors and results for an existing directory, a file where
a directory is expected, ``GFile.size()``, ``tf.io.gfile.join``; ``GFile.write`` takes ``str`` and ``bytes`` in
either mode, as TF1.

Oracle: TF 2.21 ``tf.compat.v1`` running review final44b's s/gf.py and s/gf2.py (values quoted below)."""

import os

import pytest

import symopt.compat.v1 as tf
from symopt.errors import UnsupportedOperationError


@pytest.mark.parametrize("call", [
    lambda: tf.gfile.MakeDirs("gs://my-bucket/logs/run1"),
    lambda: tf.gfile.DeleteRecursively("gs://my-bucket/../../data"),
    lambda: tf.gfile.Exists("gs://my-bucket/../../data/precious"),
    lambda: tf.gfile.GFile("hdfs://namenode/x.txt", "w"),
    lambda: tf.io.gfile.rmtree("s3://bucket/../data")])
def test_a_remote_path_is_refused_before_the_disk_is_touched(tmp_path, monkeypatch, call):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "precious").mkdir(parents=True)
    with pytest.raises(UnsupportedOperationError, match="reaches local files only"):
        call()
    assert sorted(os.listdir(tmp_path)) == ["data"] and (tmp_path / "data" / "precious").is_dir()


def test_file_scheme_is_a_local_path(tmp_path):
    tf.gfile.MakeDirs(f"file://{tmp_path}/a")
    assert (tmp_path / "a").is_dir()


def test_tf1s_results_and_errors(tmp_path):
    base = str(tmp_path)
    with open(base + "/f.txt", "w", encoding="utf-8") as handle:
        handle.write("héllo\nworld\n")
    assert tf.gfile.MkDir(base) is None  # TF 2.21: None for an existing directory
    with pytest.raises(tf.errors.FailedPreconditionError):  # TF 2.21: "B/f.txt is not a directory"
        tf.gfile.MakeDirs(base + "/f.txt")
    with pytest.raises(tf.errors.FailedPreconditionError):  # TF 2.21: "B; Is a directory"
        tf.gfile.Remove(base)
    with pytest.raises(tf.errors.NotFoundError):  # TF 2.21: "Could not find directory B/f.txt"
        tf.gfile.ListDirectory(base + "/f.txt")
    assert tf.gfile.GFile(base + "/f.txt").size() == 13  # TF 2.21: 13
    assert tf.io.gfile.join("a", "b") == "a/b"  # TF 2.21: 'a/b'


def test_gfile_writes_str_and_bytes_in_either_mode(tmp_path):
    path = str(tmp_path / "x.bin")
    with tf.gfile.GFile(path, "w") as handle:
        handle.write(b"\x00\xff\x01abc")
    with open(path, "rb") as handle:
        assert handle.read() == b"\x00\xff\x01abc"  # TF 2.21: b'\x00\xff\x01abc'
    with tf.gfile.GFile(path, "wb") as handle:
        handle.write("text é")
    assert tf.gfile.GFile(path, "rb").read() == b"text \xc3\xa9"  # TF 2.21: b'text \xc3\xa9'


@pytest.mark.parametrize("call", [
    lambda sess: tf.train.Saver().save(sess, "gs://my-bucket/model.ckpt"),
    lambda sess: tf.train.Saver().restore(sess, "gs://my-bucket/model.ckpt"),
    lambda sess: tf.train.latest_checkpoint("gs://my-bucket"),
    lambda sess: tf.summary.FileWriter("gs://my-bucket/logs", sess.graph)])
def test_checkpoints_and_summaries_of_a_remote_path_are_refused(tmp_path, monkeypatch, call):
    monkeypatch.chdir(tmp_path)
    tf.reset_default_graph()
    tf.Variable(1.0)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    with pytest.raises(UnsupportedOperationError, match="reaches local files only"):
        call(sess)
    assert os.listdir(tmp_path) == []  # fix70 wrote ./gs:/my-bucket/model.ckpt, checkpoint, events
