"""F43b-8: a checkpoint index is read and written with protobuf text format's escapes, as TF does: TF 1.x's octal
bytes of a non-ASCII name (``mod\\303\\250le.ckpt``), ``\\t``, ``\\"``.

Oracle: TF 2.21 ``tf.compat.v1`` running final43b's ``ckidx2.py`` (``get_checkpoint_state`` of the octal index:
``D/modèle.ckpt``) and ``ck3.py`` (``Saver.save`` to ``D/tab<TAB>x`` writes ``model_checkpoint_path:
"D/tab\\tx"`` and reads it back as ``D/tab<TAB>x``; ``a"q`` is written ``a\\"q``).
"""

import os

import symopt.compat.v1 as tf

from tf1_session import fresh_graph  # noqa: F401 - an autouse fixture


def test_octal_escapes_of_tf1x_are_the_utf8_name(tmp_path):
    (tmp_path / "checkpoint").write_bytes(b'model_checkpoint_path: "mod\\303\\250le.ckpt"\n'
                                          b'all_model_checkpoint_paths: "mod\\303\\250le.ckpt"\n')
    state = tf.train.get_checkpoint_state(str(tmp_path))
    assert state.model_checkpoint_path == os.path.join(str(tmp_path), "modèle.ckpt")
    assert state.all_model_checkpoint_paths == [os.path.join(str(tmp_path), "modèle.ckpt")]


def test_saved_names_with_a_tab_or_quote_are_escaped_and_read_back(tmp_path):
    v = tf.Variable(1.5, name="v")
    session = tf.Session()
    session.run(v.initializer)
    saver = tf.train.Saver()
    for name, written in [("tab\tx", b'"D/tab\\tx"'), ('a"q', b'"D/a\\"q"')]:
        path = os.path.join(str(tmp_path), name)
        saver.save(session, path, latest_filename="state")
        first_line = (tmp_path / "state").read_bytes().split(b"\n")[0]
        assert first_line == b"model_checkpoint_path: " + written.replace(b"D", str(tmp_path).encode(), 1)
        assert tf.train.get_checkpoint_state(str(tmp_path), "state").model_checkpoint_path == path
