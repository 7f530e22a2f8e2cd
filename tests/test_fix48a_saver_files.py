"""final47f 47f-5 / 47f-13 and probe95 P95-5: ``tf.train.Saver``'s files and errors as TF 2.21's.

TF 2.21's ``tf.compat.v1.train.Saver`` (recorded by hand in /tmp/cmpvenv, graph mode):

* every file it writes (``checkpoint``, ``model.ckpt.index``, ``.data-*``, ``.meta``) has the umask's mode: 0o644
  under umask 022, 0o600 under 077, 0o664 under 002 (symopt wrote ``checkpoint`` 0o600 always, by mkstemp);
* ``save`` makes one missing directory (``sub/model.ckpt`` saves), and refuses two (``a/b/model.ckpt``) or a file on
  the path with ``ValueError: Parent directory of a/b/model.ckpt doesn't exist, can't save.`` (symopt made every
  directory);
* a directory it may not write in or search is ``tf.errors.PermissionDeniedError``, for a save and for a restore of
  an unreadable file (symopt: a bare ``PermissionError`` naming a temporary file, and a ``CheckpointError``);
* ``copy.copy`` gives a ``Saver``; ``pickle.dumps`` and ``copy.deepcopy`` are refused (symopt named a ``Graph``).

The permission cases are simulated (``os.access``, ``open``) as the system answers another account: the tests run as
root, which every directory lets write."""

import copy
import os
import pickle
import stat

import numpy as np
import pytest

import symopt.compat.v1 as tf
from symopt.errors import CheckpointError, UnsupportedOperationError


@pytest.fixture
def saved():
    tf.reset_default_graph()
    w = tf.Variable([1.0, 2.0], name="w")
    train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w)))
    session = tf.Session()
    session.run(tf.global_variables_initializer())
    session.run(train)
    return tf.train.Saver(), session, w


def _modes(directory) -> dict:
    return {name: stat.S_IMODE(os.stat(os.path.join(directory, name)).st_mode) for name in os.listdir(directory)}


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_every_file_has_the_umasks_mode(saved, tmp_path, umask, mode):
    saver, session, _ = saved
    old = os.umask(umask)
    try:
        saver.save(session, str(tmp_path / "model.ckpt"), global_step=3)
    finally:
        os.umask(old)
    assert _modes(tmp_path) == {"checkpoint": mode, "model.ckpt-3": mode, "model.ckpt-3.index": mode}


def test_one_missing_directory_is_made_two_are_refused(saved, tmp_path):
    saver, session, w = saved
    assert saver.save(session, str(tmp_path / "sub" / "model.ckpt")) == str(tmp_path / "sub" / "model.ckpt")
    deep = str(tmp_path / "a" / "b" / "model.ckpt")
    with pytest.raises(ValueError, match=rf"^Parent directory of {deep} doesn't exist, can't save\. \(make the"):
        saver.save(session, deep)
    (tmp_path / "file").write_text("")
    with pytest.raises(ValueError, match=r"doesn't exist, can't save\. \(A file stands where a directory"):
        saver.save(session, str(tmp_path / "file" / "model.ckpt"))
    assert sorted(os.listdir(tmp_path)) == ["file", "sub"]  # nothing made for the refused saves
    with pytest.raises(CheckpointError, match="is a directory: tf.train.Saver.save expects a file path"):
        saver.save(session, str(tmp_path / "sub"))
    session.run(w.assign([5.0, 5.0]))
    saver.restore(session, str(tmp_path / "sub" / "model.ckpt"))
    assert session.run(w).tolist() == pytest.approx([0.9, 1.9])  # Adam's first step moves each entry by lr = 0.1


def test_a_directory_it_may_not_write_in_is_permission_denied(saved, tmp_path, monkeypatch):
    saver, session, _ = saved
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if str(path) == str(tmp_path) else
                        real_access(path, mode, **kw))
    for path in (tmp_path / "model.ckpt", tmp_path / "sub" / "model.ckpt"):
        with pytest.raises(tf.errors.PermissionDeniedError, match=rf"{path}; Permission denied: this process may "
                           rf"not create files in {tmp_path}\. .* \(chmod u\+wx {tmp_path}\)"):
            saver.save(session, str(path))
    assert os.listdir(tmp_path) == []


def test_a_write_the_system_denies_is_permission_denied(saved, tmp_path, monkeypatch):
    saver, session, _ = saved

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr("symopt.checkpoint.temporary_beside", denied)
    with pytest.raises(tf.errors.PermissionDeniedError, match=r"Permission denied: .*\(the system says: "
                       r"Permission denied\)"):
        saver.save(session, str(tmp_path / "model.ckpt"))
    assert os.listdir(tmp_path) == []


def test_restoring_an_unreadable_file_is_permission_denied(saved, tmp_path, monkeypatch):
    saver, session, w = saved
    path = saver.save(session, str(tmp_path / "model.ckpt"))
    before = session.run(w)

    def unreadable(name, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(name))
    monkeypatch.setattr("symopt.checkpoint.open", unreadable, raising=False)
    with pytest.raises(tf.errors.PermissionDeniedError, match="cannot be read: Permission denied"):
        saver.restore(session, path)
    np.testing.assert_array_equal(session.run(w), before)


def test_a_saver_is_copied_but_not_pickled(saved, tmp_path):
    saver, session, _ = saved
    copied = copy.copy(saver)
    assert type(copied) is type(saver) and copied.variables == saver.variables
    assert copied.save(session, str(tmp_path / "model.ckpt")) == str(tmp_path / "model.ckpt")
    for refused in (lambda: pickle.dumps(saver), lambda: copy.deepcopy(saver)):
        with pytest.raises(UnsupportedOperationError, match=r"^cannot pickle or deep-copy a tf\.train\.Saver: .*"
                           r"saver\.save\(sess, path\)"):
            refused()
