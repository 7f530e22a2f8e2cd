"""Names that SymPy's script convention would show as another name are shown as typed, in text and LaTeX alike:
a ``__`` inside a name (SymPy's superscript mark: ``x__2`` was shown as ``x²``, the glyph of the power beside it,
``a__b`` as ``a^b``: probe80 P80-2), and several subscripts (``w_hidden_layer_1`` was LaTeX ``w_{hidden layer 1}``,
typeset as the one italic subscript ``hiddenlayer1``, while its text was ``w_(hidden)_(layer)₁``: probe83 P83-3).
Oracle: the names as typed, and the values by hand (x·x__2 at 2, 3 is 6)."""

from __future__ import annotations

import re

import sympy

import symopt
from symopt import cli


def test_a_double_underscore_is_not_a_power_in_the_derivation(capsys):
    assert cli.main(["derive", "x^2 + x__2", "--wrt", "x,x__2", "--at", "x=3,x__2=5"]) == 0
    out = capsys.readouterr().out
    assert "forward (x = 3, x__2 = 5)" in out and "  J = u + x__2 = 14" in out and "  dJ/dx__2 = 1" in out
    assert [line for line in out.splitlines() if "x²" in line] == ["  u = x² = 9"]  # the power, and only it


def test_its_latex_and_graph_show_the_name(capsys):
    assert cli.main(["derive", "a__b*y", "--wrt", "y", "--format", "latex"]) == 0
    latex = capsys.readouterr().out
    assert r"\frac{dJ}{dy} &= \mathrm{a\_\_b}" in latex and "a^{b}" not in latex
    assert cli.main(["graph", "x__2*x", "--at", "x=2,x__2=3"]) == 0
    graph = capsys.readouterr().out
    assert "J = x·x__2 = 6" in graph and "x²" not in graph


def unmarked(latex_name: str) -> str:
    r"""The characters a reader sees of an upright LaTeX name: ``\mathrm{w\_1}`` is ``w_1``."""
    return re.sub(r"\\mathrm\{(.*)\}", r"\1", latex_name).replace(r"\_", "_")


def test_several_subscripts_keep_every_character_in_text_and_latex():
    for name in ("w_hidden_layer_1", "layer1_weight", "x_1_2"):
        variable = symopt.Variable(name, 0.5)
        derivation = symopt.derive(sympy.exp(variable), [variable])
        text_line = str(derivation).splitlines()[1]
        latex_line = derivation.latex().splitlines()[2]
        assert text_line == f"  J = exp({name})"
        shown = re.fullmatch(r"J &= e\^\{(.*)\} \\\\", latex_line).group(1)
        assert unmarked(shown) == name and " " not in shown


def test_one_subscript_keeps_its_glyph():
    w_1, x_ij = sympy.symbols("w_1 x_ij", real=True)
    assert "J = w₁xᵢⱼ" in str(symopt.derive(w_1 * x_ij, [w_1]))


def test_a_name_shown_as_typed_is_joined_as_text_joins_it():
    """``layer1_weight·u`` in text: LaTeX ``\\mathrm{layer1\\_weight} \\cdot u``, never the run ``layer1_weightu``."""
    weight, v = symopt.Variable("layer1_weight", 0.5), symopt.Variable("v", 1.0)
    x, x__2 = sympy.symbols("x x__2", real=True)
    derivation = symopt.derive(weight * v + x * x__2, [weight])
    text, latex = str(derivation), derivation.latex()
    assert "  u = layer1_weight·v" in text and "  w = x·x__2" in text
    assert r"u &= \mathrm{layer1\_weight} \cdot v \\" in latex and r"w &= x \cdot \mathrm{x\_\_2} \\" in latex


def test_greek_names_keep_their_glyph_unless_typed_with_several_underscores():
    """final46c 46c-1: ``beta1_t`` (one typed ``_``) is β₁ₜ as before, SymPy's own ``\\beta_{1 t}``; ``alpha_1_2``
    (two typed) is shown as typed, since α₁₂ would be ``alpha_12``."""
    expected = {"beta1_t": ("β₁ₜ", r"\beta_{1 t}"), "theta_0": ("θ₀", r"\theta_{0}"),
                "sigma_x": ("σₓ", r"\sigma_{x}"), "alpha_1_2": ("alpha_1_2", r"\mathrm{alpha\_1\_2}")}
    for name, (text, latex) in expected.items():
        assert sympy.latex(sympy.Symbol(name)) == latex or name == "alpha_1_2"  # SymPy's own LaTeX, where kept
        symbol = sympy.Symbol(name, real=True)
        derivation = symopt.derive(3 * symbol, [symbol])
        assert f"  dJ/d{text} = 3" in str(derivation)
        assert rf"\frac{{dJ}}{{d{latex}}} &= 3" in derivation.latex()
