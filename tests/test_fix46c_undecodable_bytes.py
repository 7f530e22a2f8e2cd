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


@pytest.mark.parametrize("byte", [0x80, 0x85, 0x91, 0x96, 0xB2, 0xE9])
def test_the_terminal_named_is_one_whose_codec_means_that_character(capsys, byte):
    """final46c 46c-4: 0x80-0x9F are cp1252's €, …, ‘, – but Latin-1's control characters (Python's codecs)."""
    meant = bytes([byte]).decode("cp1252")
    agree = bytes([byte]).decode("latin-1") == meant
    assert agree == (byte >= 0xA0)
    assert cli.main(["derive", b"x\x00".replace(b"\x00", bytes([byte])).decode("utf-8", "surrogateescape"),
                     "--wrt", "x"]) == 2
    err = capsys.readouterr().err
    terminals = "a Latin-1 or cp1252 terminal's" if agree else "a cp1252 terminal's"
    assert f"({terminals} {meant!r}, U+{ord(meant):04X}" in err
    assert agree or "Latin-1" not in err
