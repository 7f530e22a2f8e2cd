"""Repeated --at/--wrt/--data options are read in linear work, and their 10 000-character bound applies as they
accumulate (probe44 P44-8): each occurrence re-split every earlier one (8000 ``--at`` options: 44 s) before the
bound refused the joined text.  Counted, not timed: the characters the option splitter reads."""

from __future__ import annotations

import pytest

from symopt import cli


@pytest.fixture
def characters_split(monkeypatch):
    read = []
    original = cli.top_level_parts

    def counted(text):
        read.append(len(text))
        return original(text)
    monkeypatch.setattr(cli, "top_level_parts", counted)
    return read


def test_repeated_options_are_split_once_each(characters_split, capsys):
    count = 1000
    argv = ["derive", "w", "--wrt", "w"] + [item for i in range(count) for item in ("--at", f"a{i}=1")]
    assert cli.main(argv) == 2  # the a_i are no symbols of w: refused after parsing
    typed = sum(len(f"a{i}=1") for i in range(count)) + len("w")
    assert sum(characters_split[:count + 1]) <= typed


def test_the_length_bound_applies_as_occurrences_accumulate(characters_split, capsys):
    argv = ["derive", "w", "--wrt", "w"] + [item for i in range(20_000) for item in ("--at", f"a{i}=1")]
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == ("symopt: --at: expected at most 10000 characters in all --at options "
                                       "together; given 10001 with --at a1388=1; pass fewer\n")
    assert sum(characters_split) <= 10_000


def test_a_name_repeated_three_options_apart_is_still_refused(capsys):
    assert cli.main(["derive", "a*b*c", "--wrt", "a", "--wrt", "b", "--wrt", "a"]) == 2
    assert capsys.readouterr().err == ("symopt: --wrt: expected each name once; given 'a' in two --wrt options "
                                       "(--wrt a,b and --wrt a); remove it from one\n")
