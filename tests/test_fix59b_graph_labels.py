"""F42c-11: a graph's label is cut by the columns it takes, as its box is sized: a Chinese label of 60 wide
characters (120 columns) is cut as a Latin one of 120 letters is, not drawn in a box twice as wide.

Oracle: Unicode's East Asian width of each character (unicodedata), counted here.
"""
import unicodedata

import sympy

from symopt.display import graph
from symopt.display.svg import MAX_LABEL, shown_lines


def display_columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in line)


def test_a_long_chinese_label_is_cut_to_the_same_columns_as_a_latin_one():
    chinese, latin = sympy.Symbol("权" * 60), sympy.Symbol("w" * 120)
    for name in (chinese, latin):
        lines = [line for node in graph(name**2).nodes() for line in shown_lines(node)]
        assert max(display_columns(line) for line in lines) <= MAX_LABEL
        assert any(line.endswith("…") for line in lines)
