"""Two symbols whose glyphs look alike, a Greek letter drawn as a Latin one (``Tau`` is Τ beside ``T``, ``omicron``
is ο beside ``o``, SymPy's LaTeX prints them ``T`` and ``o``), are shown as typed, as ``lamda`` beside ``lambda`` is
(probe55 P55-6): ``T(2w - 2Τ)`` read as T(2w - 2T)."""

from __future__ import annotations

import sympy

from symopt.cli import main


def output(capsys, *argv) -> list[str]:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()


def test_tau_beside_t_is_spelled(capsys):
    w, tau, t = sympy.symbols("w Tau T", real=True)
    slope = sympy.diff((w - tau) ** 2 * t, w).subs({tau: 2, t: 3, w: 1})  # the oracle: -6
    lines = output(capsys, "derive", "(w - Tau)^2 * T", "--wrt", "w", "--at", "Tau=2,T=3,w=1")
    assert lines[0] == "forward (T = 3, Tau = 2, w = 1)"
    assert lines[-1] == f"  dJ/dw = T(2w - 2·Tau) = {slope}"


def test_omicron_beside_o_is_spelled_in_latex(capsys):
    o, omicron, w = sympy.symbols("o omicron w", real=True)
    slope = sympy.diff(o * omicron * w, w).subs({o: 2, omicron: 3, w: 1})  # 6, not o² = 4
    lines = output(capsys, "derive", "o*omicron*w", "--wrt", "w", "--at", "o=2,omicron=3,w=1", "--format", "latex")
    assert lines[1] == r"&\text{forward} \quad \mathrm{o} = 2,\; \mathrm{omicron} = 3,\; w = 1 \\"
    assert lines[-2] == rf"\frac{{dJ}}{{dw}} &= \mathrm{{o}} \mathrm{{omicron}} = {slope}"


def test_greek_capitals_beside_latin_ones_are_spelled(capsys):
    lines = output(capsys, "derive", "B*Beta*w + X*Chi*w^2", "--wrt", "w")
    assert lines[-1] == "  dJ/dw = 2·Chi·Xw + B·Beta"


def test_a_greek_letter_without_a_lookalike_keeps_its_glyph(capsys):
    assert output(capsys, "derive", "omicron*w + Tau*tau", "--wrt", "w")[-1] == "  dJ/dw = ο"
    assert output(capsys, "graph", "Tau*tau")[:2] == ["Τ", "τ"]
