"""probe68 P68-3: a non-ASCII name (a Chinese course's 权重, 输入) is set in ``\\text{}`` in every LaTeX output, whole,
since math mode cannot set it (pdflatex stops, xelatex's CJK fonts drop it silently)."""

import re

import sympy

from symopt.display import derive
from symopt.display.latex_notation import latex

WEIGHT, INPUT, Y = sympy.Symbol("权重"), sympy.Symbol("输入"), sympy.Symbol("y")


def _math_outside_text(latex_source: str) -> str:
    """The LaTeX with every ``\\text{...}`` group removed: what math mode sets itself."""
    return re.sub(r"\\text\{[^{}]*\}", "", latex_source)


def test_a_chinese_name_is_one_text_group():
    assert latex(WEIGHT) == r"\text{权重}"
    assert latex(sympy.Symbol("权重_1")) == r"\text{权重}_{1}"
    assert latex(2 * WEIGHT * INPUT) == r"2 \cdot \text{权重} \cdot \text{输入}"


def test_a_greek_letter_typed_in_unicode_is_its_command():
    assert latex(sympy.Symbol("α") * sympy.Symbol("Δ")) == r"\Delta \alpha"


def test_no_raw_non_ascii_character_in_math_mode_of_a_derivation():
    shown = derive((WEIGHT * INPUT - Y) ** 2, WEIGHT, at={WEIGHT: 1, INPUT: 2, Y: 3}).latex()
    assert _math_outside_text(shown).isascii()
    assert r"\frac{dJ}{d\text{权重}} &= \frac{dJ}{du} \cdot \frac{du}{d\text{权重}} = 2 v \cdot \text{输入} = -4" in shown


def test_no_raw_non_ascii_character_in_a_matrix_derivation():
    weights = sympy.MatrixSymbol("权重", 3, 1)
    inputs = sympy.MatrixSymbol("输入", 2, 3)
    cost = sympy.Trace(sympy.Transpose(inputs * weights) * (inputs * weights))
    shown = derive(cost, weights).latex()
    assert _math_outside_text(shown).isascii()
