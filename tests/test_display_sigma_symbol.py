"""A symbol named sigma beside the sigmoid's glyph σ (probe29 P29-2): where the display holds a sigmoid (or a softplus,
whose slope is σ) the symbol is shown as typed, ``sigma``, as a Symbol ``pi`` is beside π; elsewhere it is σ, but
never juxtaposed with a parenthesis (``σ·(2w - 2)``, LaTeX ``\\sigma \\cdot \\left(...\\right)``), which would read as
the sigmoid of it.  ``Sigma`` (Σ) is shown as typed beside a sum and never juxtaposed (``Σu`` reads as a sum)."""

from __future__ import annotations

import sympy

import symopt
from symopt.cli import main

sigma, w, Sigma = sympy.symbols("sigma w Sigma", real=True)


def test_without_a_sigmoid_sigma_is_joined_by_a_dot(capsys):
    assert main(["derive", "sigma*(w - 1)^2", "--wrt", "w", "--at", "w=3,sigma=2"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "  dJ/dw = σ·(2w - 2) = 8"
    latex = symopt.derive(sigma * (w - 1) ** 2, [w]).latex()
    assert latex.splitlines()[-2] == r"\frac{dJ}{dw} &= \sigma \cdot \left(2 w - 2\right)"
    assert r"J &= \sigma v \\" in latex  # a letter after σ is a product as before


def test_beside_a_sigmoid_sigma_is_shown_as_typed(capsys):
    assert main(["derive", "sigma*sigmoid(w) + sigma", "--wrt", "w,sigma", "--at", "w=0,sigma=2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == ["forward (sigma = 2, w = 0)", "  u = σ(w) = 0.5", "  v = sigma·u = 1", "  J = sigma + v = 3"]
    assert out[-2:] == ["  dJ/dw = sigma·(1 - σ(w))·σ(w) = 0.5", "  dJ/dsigma = 1 + σ(w) = 1.5"]
    derivation = symopt.derive(sigma * symopt.sigmoid(w) * (1 - w), [w])
    assert str(derivation).splitlines()[-1] == "  dJ/dw = sigma·(w·σ(w) - w - σ(w))·σ(w)"
    assert derivation.latex().splitlines()[-2] == (
        r"\frac{dJ}{dw} &= \mathrm{sigma} \left(w \sigma\left(w\right) - w - \sigma\left(w\right)\right) "
        r"\sigma\left(w\right)")


def test_the_numbers_are_the_compiled_ones():
    """The oracle for the lines above: sympy.diff of the cost at the point, and the compiled gradient."""
    cost = sigma * symopt.sigmoid(w) + sigma
    exact = [sympy.diff(cost, p).subs({w: 0, sigma: 2}).rewrite(sympy.exp) for p in (w, sigma)]
    assert [float(e) for e in exact] == [0.5, 1.5]
    assert symopt.compile(cost, [w, sigma])(w=0.0, sigma=2.0)[1] == [0.5, 1.5]
    assert float(sympy.diff(sigma * (w - 1) ** 2, w).subs({w: 3, sigma: 2})) == 8.0


def test_a_softplus_slope_is_a_sigmoid_too():
    assert str(symopt.derive(sigma * symopt.softplus(w), [w])).splitlines()[-1] == "  dJ/dw = sigma·σ(w)"


def test_graphs_and_explain():
    assert str(symopt.graph(sigma * symopt.sigmoid(w), style="ops")).splitlines() == [
        "sigma", "w", "u: σ  ← w", "J: ×  ← sigma, u"]
    assert str(symopt.graph(sigma * symopt.sigmoid(w))).splitlines()[-1] == "J = sigma·u  ← sigma, u"
    assert str(symopt.graph(sigma * (w - 1) ** 2, at={sigma: 2, w: 3})).splitlines()[-1] == "J = σv = 8  ← σ, v"
    assert "stationary point: dJ/dw = σ·(2w - 2) is 0 at w = 1" in str(
        symopt.explain(sigma * (w - 1) ** 2, w, at={w: 1, sigma: 2}))


def test_capital_sigma_is_never_juxtaposed():
    lines = str(symopt.derive(Sigma * w ** 2, [w])).splitlines()
    assert lines[1] == "  u = w²" and lines[2] == "  J = Σ·u"
    assert symopt.derive(Sigma * w ** 2, [w]).latex().splitlines()[3] == r"J &= \Sigma \cdot u \\"
    X = symopt.Placeholder("X", (3, 1))
    assert str(symopt.derive(Sigma * symopt.ops.sum(X * w), w)).splitlines()[-1] == "  dJ/dw = Sigma·sum(X)"
