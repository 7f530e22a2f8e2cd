"""A byte that is not UTF-8 on the command line (a Latin-1 or cp1252 terminal's ``x²`` is the bytes ``78 B2``) is
named as that byte, with the character such a terminal meant and its ASCII spelling (probe80 P80-5): it was reported
as ``'\\udcb2' (U+DCB2 unnamed)``, the surrogate by which Python's ``surrogateescape`` holds the byte, a code point
the user never typed.  Oracle: Python's own codecs (``bytes.decode('cp1252')``, ``os.fsdecode``)."""

from __future__ import annotations

import pytest

from symopt import cli


@pytest.mark.parametrize("typed, spelling", [(b"x\xb2", "write ^2 for it"), (b"x\xb7y", "write * for it")])
def test_an_undecodable_byte_is_named_as_the_byte(capsys, typed, spelling):
    argument = typed.decode("utf-8", errors="surrogateescape")  # what sys.argv holds for these bytes
    meant = typed[1:2].decode("cp1252")
    assert cli.main(["derive", argument, "--wrt", "x"]) == 2
    err = capsys.readouterr().err
    assert f"the byte 0x{typed[1]:02X}, which is not UTF-8" in err
    assert f"terminal's {meant!r}" in err and spelling in err and "set the terminal's encoding to UTF-8" in err
    assert "U+DC" not in err and "unnamed" not in err


def test_a_byte_without_a_character_is_named_alone(capsys):
    argument = b"x\x81".decode("utf-8", errors="surrogateescape")  # 0x81 has no cp1252 character
    assert cli.main(["derive", argument, "--wrt", "x"]) == 2
    err = capsys.readouterr().err
    assert "the byte 0x81, which is not UTF-8 at column 2" in err and "U+DC" not in err
