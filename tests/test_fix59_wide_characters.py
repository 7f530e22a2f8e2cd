"""P59-8: a graph box is sized for East Asian wide characters as two columns each (Unicode's East Asian Width:
a full-width glyph such as 权 is drawn as wide as two Latin letters), so Chinese labels stay inside their boxes.
"""
import re

import sympy

from symopt.display import graph
from symopt.display.svg import columns


def test_wide_characters_take_two_columns_and_combining_accents_none():
    assert columns("权重") == 4
    assert columns("w = 1") == 5
    assert columns("ｗ") == 2  # a full-width Latin letter
    assert columns("w\u0302") == 1  # w with a combining circumflex


def box_widths(svg: str) -> list[float]:
    return sorted(float(rx) for rx in re.findall(r'<ellipse [^>]*rx="([\d.]+)"', svg))


def test_seven_chinese_characters_get_the_box_of_fourteen_letters():
    x = sympy.Symbol("x")
    chinese, latin = sympy.Symbol("学习率权重参数"), sympy.Symbol("abcdefghijklmn")
    assert box_widths(graph(chinese * x).with_style("ops").svg()) == box_widths(graph(latin * x).with_style("ops").svg())
