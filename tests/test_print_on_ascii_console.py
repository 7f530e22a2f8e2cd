"""``print`` of a display on a console without Unicode writes its ASCII form, as the command line does (probe67
P67-5: the README's ``print(symopt.derive(...))`` raised UnicodeEncodeError on an ASCII or cp1252 stdout)."""

from __future__ import annotations

import io
import sys

import pytest

import symopt


def printed(obj, encoding: str, monkeypatch) -> str:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    monkeypatch.setattr(sys, "stdout", stream)
    print(obj)
    stream.flush()
    monkeypatch.undo()
    return stream.buffer.getvalue().decode(encoding)


@pytest.mark.parametrize("encoding, chain", [("ascii", "dJ/du * du/dw = 2u^2(1 - u)"),
                                             ("cp1252", "dJ/du · du/dw = 2u²(1 - u)")])  # cp1252 has · and ²
def test_a_derivation_prints_in_ascii_where_the_console_lacks_its_glyphs(encoding, chain, monkeypatch):
    w = symopt.Variable("w", 0.0)
    out = printed(symopt.derive(symopt.sigmoid(w) ** 2, w), encoding, monkeypatch)
    # d/dw sigma(w)^2 = 2 sigma(w) * sigma(w)(1 - sigma(w)), written with u = sigma(w)
    assert "u = sigma(w)" in out and f"dJ/dw = {chain}" in out
    for display in (symopt.graph(w ** 2 - 10 * w + 25), symopt.update_rule(symopt.Adam(0.1))):
        printed(display, encoding, monkeypatch).encode(encoding)  # no UnicodeEncodeError


def test_a_utf8_console_gets_the_unicode_text(monkeypatch):
    w = symopt.Variable("w", 0.0)
    out = printed(symopt.derive(symopt.sigmoid(w) ** 2, w), "utf-8", monkeypatch)
    assert "u = σ(w)" in out and "J = u²" in out
