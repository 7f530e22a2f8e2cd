"""A value word is recognised whatever its case (final41c F41c-13): ``--at w=NaN``, ``w=Infinity``, ``w=-INF`` are
refused as what they mean, as ``w=nan`` is, not as 'an expression of NaN'."""

from __future__ import annotations

import pytest

from symopt.cli import main


@pytest.mark.parametrize("typed, meaning, column", [
    ("NaN", "not a number", 3), ("Infinity", "infinity", 3), ("Inf", "infinity", 3), ("-INF", "infinity", 4),
])
def test_a_value_word_in_any_case_is_named(capsys, typed, meaning, column):
    assert main(["derive", "w^2", "--wrt", "w", "--at", f"w={typed}"]) == 2
    word = typed.lstrip("-")
    assert capsys.readouterr().err == (f"symopt: expected a finite real number for 'w', got '{word}' ({meaning}) at "
                                       f"column {column}; symopt derives and runs at finite real values: give one, "
                                       "e.g. w=1\n")
