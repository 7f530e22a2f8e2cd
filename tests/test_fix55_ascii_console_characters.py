"""On a console whose Python decodes the command line as ASCII (``LC_ALL=C``, no locale coercion), a typed ``²`` or
``−`` reaches symopt as surrogate escapes of its UTF-8 bytes; the message names the character and its fix, as
docs/display.md promises, not its first byte as ``'\\udcc2' (U+DCC2 unnamed)`` (probe55 P55-3)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from symopt.cli import main


def as_ascii_console_argv(text: str) -> str:
    """``text`` as Python holds a command-line argument under an ASCII locale: each UTF-8 byte above 0x7F a
    surrogate escape (the oracle is Python's own codec)."""
    return text.encode("utf-8").decode("ascii", "surrogateescape")


@pytest.mark.parametrize("typed, named, fix", [
    ("w\u00b2", "'\u00b2' (U+00B2 SUPERSCRIPT TWO)", "write ^2 for it"),
    ("w\u22121", "'\u2212' (U+2212 MINUS SIGN)", "write - for it"),
    ("w\u00b7w", "'\u00b7' (U+00B7 MIDDLE DOT)", "write * for it"),
])
def test_the_typed_character_is_named_with_its_fix(capsys, typed, named, fix):
    assert as_ascii_console_argv(typed) != typed  # the bytes arrive escaped
    assert main(["derive", as_ascii_console_argv(typed), "--wrt", "w"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"symopt: expected ASCII text, got non-ASCII character {named} at column 2; {fix}\n"


def test_a_value_names_it_too(capsys):
    assert main(["derive", "w^2", "--wrt", "w", "--at", as_ascii_console_argv("w=\u00bd")]) == 2
    assert "non-ASCII character '\u00bd' (U+00BD VULGAR FRACTION ONE HALF) at column 1" in capsys.readouterr().err


def test_an_ascii_console_prints_the_documented_escape():
    """The whole path: a real ASCII-locale interpreter, the escape docs/display.md shows."""
    env = {**os.environ, "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    done = subprocess.run([sys.executable, "-c", "import sys; from symopt.cli import main; sys.exit(main())",
                           "derive", "w\u00b2".encode("utf-8"), "--wrt", "w"], capture_output=True, env=env, timeout=60)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr == (b"symopt: expected ASCII text, got non-ASCII character '\\xb2' (U+00B2 SUPERSCRIPT TWO) "
                           b"at column 2; write ^2 for it\n")
