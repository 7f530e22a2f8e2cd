r"""final43d F43d-1, -2, -11: non-ASCII names in LaTeX.

Oracles: LaTeX's own commands for the Greek letters (``\epsilon`` is drawn ϵ, ``\varepsilon`` ε, ``\phi`` ϕ,
``\varphi`` φ, ``\vartheta`` ϑ; plain LaTeX has no ``\Alpha``), SymPy's view that ``Symbol("Α")`` (U+0391) and
``Symbol("A")`` are two symbols (so they must print differently), and LaTeX's text-mode specials
(``_ ^ & % $ # { } ~ \``), which stop xelatex raw inside ``\text{}``."""

import re

import pytest
import sympy

from symopt.display import derive
from symopt.display.latex_notation import latex


def _forward_line(first: str, second: str) -> str:
    p, q = sympy.Symbol(first), sympy.Symbol(second)
    return derive((p * q - 1) ** 2, [p, q], at={p: 1, q: 2}).latex().splitlines()[1]


@pytest.mark.parametrize("greek, latin, spelled", [("Α", "A", "Alpha"), ("Τ", "T", "Tau"), ("ο", "o", "omicron")])
def test_a_greek_letter_drawn_as_a_latin_one_prints_apart_from_it(greek, latin, spelled):
    line = _forward_line(greek, latin)  # greek = 1, latin = 2
    assert rf"\mathrm{{{spelled}}} = 1" in line
    assert line.count(rf"\mathrm{{{latin}}}") + line.count(f" {latin} =") == 1


def test_the_spelled_greek_letter_stays_apart_from_an_ascii_name_spelled_the_same():
    line = _forward_line("Alpha", "Α")
    assert r"\mathrm{Alpha} = 1" in line and r"\mathrm{Greek\;Alpha} = 2" in line


@pytest.mark.parametrize("name, command", [("ϵ", r"\epsilon"), ("ε", r"\varepsilon"), ("ϕ", r"\phi"),
                                           ("φ", r"\varphi"), ("ϑ", r"\vartheta"), ("ϱ", r"\varrho"),
                                           ("ϖ", r"\varpi"), ("ϰ", r"\varkappa"), ("θ", r"\theta")])
def test_a_greek_symbol_variant_is_its_own_command(name, command):
    assert latex(sympy.Symbol(name)) == command


def test_a_name_of_several_greek_letters_is_set_letter_by_letter():
    assert latex(sympy.Symbol("αβ")) == r"\alpha\beta"
    assert latex(sympy.Symbol("Δw")) == r"\Delta w"


@pytest.mark.parametrize("typed, shown", [("权_1", r"\mathrm{\text{权\_1}}"), ("α_1", r"\mathrm{\alpha\_1}")])
def test_a_non_ascii_name_shown_as_typed_is_escaped(typed, shown):
    plain = typed.replace("_", "")
    line = _forward_line(typed, plain)
    assert shown + " = 1" in line
    assert not re.search(r"\\text\{[^{}]*(?<!\\)_", line)


def test_every_text_special_is_escaped_inside_text():
    from symopt.display.latex_names import typed_name
    assert typed_name("权_^&%$#{}~\\", {}) == (r"\mathrm{\text{权\_\^{}\&\%\$\#\{\}\textasciitilde{}"
                                             r"\textbackslash{}}}")
