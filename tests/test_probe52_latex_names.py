r"""probe52 P52-2: a symbol named in LaTeX (``Symbol(r"\bar{w}")``, ``r"\hat{\theta}"``) printed as the escaped text
``\backslash bar\{w\}``; it now prints as ``sympy.latex`` prints it, and its text form draws the accent (w̅, θ̂).  SymPy's
modifier names (``wbar``, ``thetahat``) are ``\bar{w}`` in LaTeX and now w̅ in text too (as ``sympy.pretty``); a
name that is no Greek letter or accent (``\mathbf{w}``) keeps being escaped."""

from __future__ import annotations

import pytest
import sympy

import symopt

x = sympy.Symbol("x")


@pytest.mark.parametrize("name, text", [(r"\bar{w}", "w̅"), (r"\hat{\theta}", "θ̂"), ("wbar", "w̅"),
                                        ("thetahat", "θ̂"), (r"\hat{\theta}_{1}", "θ̂₁"), ("w_bar", "w_(bar)")])
def test_the_name_prints_as_sympy_latex_and_pretty_print_it(name, text):
    s = sympy.Symbol(name)
    derivation = symopt.derive((s * x - 1) ** 2, s, at={s: 1, x: 2})
    oracle = sympy.latex(s)
    assert derivation.latex().splitlines()[-2] == rf"\frac{{dJ}}{{d{oracle}}} &= x \left(2 {oracle} x - 2\right) = 4"
    assert str(derivation).splitlines()[-1] == f"  dJ/d{text} = x(2·{text}·x - 2) = 4"
    assert str(symopt.graph((s * x - 1) ** 2, at={s: 1, x: 2})).splitlines()[0] == f"{text} = 1, dJ/d{text} = 4"


def test_a_name_with_other_commands_is_escaped_as_before():
    s = sympy.Symbol(r"\mathbf{w}")
    latex = symopt.derive((s * x - 1) ** 2, s).latex()
    assert r"d\backslash mathbf\{w\}" in latex and r"\mathbf{w}" not in latex.replace(r"\backslash mathbf", "")


@pytest.mark.parametrize("special", ["%", "#", "&", "$"])
def test_a_latex_name_with_a_special_character_is_escaped_as_typed(special):
    """final40c F40c-2: a Greek or accented name followed by %, #, & or $ went out raw (MathJax: "Missing
    \\end{aligned}", "macro parameter character #", "Misplaced &"); it is escaped as any other name."""
    s = sympy.Symbol(rf"\alpha{special}")
    latex = symopt.derive((s * x - 1) ** 2, s, at={s: 1, x: 2}).latex()
    assert rf"\backslash alpha\{special}" in latex and rf"\alpha{special}" not in latex.replace(r"\backslash", "")


@pytest.mark.parametrize("name, steps", [(r"\bar{w}", ["u = w̅·x", "v = u - 2", "p = v²", "q = p + x"]),
                                         ("wbar", ["u = w̅·x", "v = u - 2", "p = v²", "q = p + x"]),
                                         (r"\hat{p}", ["u = p̂·x", "v = u - 2", "w = v²", "q = w + x"])])
def test_no_step_takes_the_letter_an_accented_input_is_drawn_on(name, steps):
    """final40c F40c-4: once w̅ was drawn as w with its accent, a step named w stood beside it (dJ/dw beside
    dJ/dw̅), as the display's rule skips a subscripted input's letter (no step w beside w₁)."""
    s = sympy.Symbol(name)
    assert str(symopt.derive(((s * x - 2) ** 2 + x) ** 2, s)).splitlines()[1:5] == [f"  {step}" for step in steps]
