"""The ``checkpoint`` index of ``tf.train.Saver`` is UTF-8 whatever the locale's encoding (probe67 P67-4): under a
Latin-1 locale (cp1252 on Windows) a non-ASCII checkpoint name was written in Latin-1 and read back as UTF-8, and
``tf.train.latest_checkpoint`` raised a bare UnicodeDecodeError.

Oracle: TF 2.21 ``tf.compat.v1`` writes ``b'model_checkpoint_path: "mod\\xc3\\xa8le.ckpt"\\n...'`` (UTF-8) for
``saver.save(sess, "<dir>/modèle.ckpt")``, finds it with ``latest_checkpoint`` and restores 1.5.
"""

import locale
import os

import numpy as np

import symopt.compat.v1 as tf


def _with_latin1_default(monkeypatch):
    """Text files opened without an encoding get Latin-1, as under a Latin-1 locale."""
    opened = os.fdopen

    def fdopen(handle, mode="r", *args, encoding=None, **kwargs):
        if "b" not in mode and encoding is None:
            encoding = "latin-1"
        return opened(handle, mode, *args, encoding=encoding, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)
    monkeypatch.setattr(locale, "getpreferredencoding", lambda do_setlocale=True: "latin-1")


def _saved(directory) -> tuple:
    """``(graph, v, path)`` after ``v = 1.5`` saved as ``<directory>/modèle.ckpt``."""
    path = os.path.join(str(directory), "modèle.ckpt")
    graph = tf.Graph()
    with graph.as_default():
        v = tf.Variable(1.5, name="v")
        with tf.Session() as session:
            session.run(v.initializer)
            assert tf.train.Saver().save(session, path) == path
    return graph, v, path


def test_a_non_ascii_checkpoint_name_round_trips_under_a_latin1_locale(tmp_path, monkeypatch):
    _with_latin1_default(monkeypatch)
    graph, v, path = _saved(tmp_path)
    with graph.as_default():
        index = (tmp_path / "checkpoint").read_bytes()
        assert f'model_checkpoint_path: "{path}"\n'.encode("utf-8") in index  # UTF-8, as TF 2.21 writes it
        assert tf.train.latest_checkpoint(str(tmp_path)) == path
        with tf.Session() as session:
            tf.train.Saver().restore(session, tf.train.latest_checkpoint(str(tmp_path)))
            assert session.run(v) == np.float32(1.5)


def test_an_index_written_in_the_locales_encoding_is_still_read(tmp_path, monkeypatch):
    _with_latin1_default(monkeypatch)
    _, _, path = _saved(tmp_path)
    # the index as symopt wrote it before, in the locale's encoding
    (tmp_path / "checkpoint").write_bytes(f'model_checkpoint_path: "{path}"\n'.encode("latin-1"))
    assert tf.train.latest_checkpoint(str(tmp_path)) == path
