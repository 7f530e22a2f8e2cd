"""F44b-5: a checkpoint index whose quoted path is not UTF-8 after its escapes (``"abc\\377"``) or holds a bad
escape is unreadable: ``latest_checkpoint`` / ``get_checkpoint_state`` return None, as TF1 (fix70 raised
UnicodeDecodeError).  Oracle: TF 2.21 ``tf.compat.v1.train.latest_checkpoint`` on the same files: None."""

import pytest

import symopt.compat.v1 as tf


@pytest.mark.parametrize("quoted", [b'"abc\\377"', b'"abc\\x"'])
def test_an_index_path_that_is_not_utf8_is_no_index(tmp_path, quoted):
    (tmp_path / "checkpoint").write_bytes(b"model_checkpoint_path: " + quoted + b"\n")
    assert tf.train.latest_checkpoint(str(tmp_path)) is None
    assert tf.train.get_checkpoint_state(str(tmp_path)) is None
