"""Names in ``--wrt`` separated by a space or a semicolon (``"w b"``, ``"w;b"``) are refused naming the separator,
a comma, not as one name to rename (final41c F41c-11, probe55 P55-4's second half)."""

from __future__ import annotations

import pytest

from symopt.cli import main


@pytest.mark.parametrize("typed", ["w b", "w;b", "w  ; b"])
def test_names_need_commas(capsys, typed):
    assert main(["derive", "w*b", "--wrt", typed]) == 2
    assert capsys.readouterr().err == (f"symopt: expected names separated by commas, got {typed!r} at column 1; "
                                       "separate them with commas: w,b\n")
