"""48e-7 (c): docs/display.md's example of a line whose compiled slope is not finite is the course's x(p - y) at
σ(wx + b) = 1 (the derivative exists there: exact x·σ(40) = 1 - 4.2e-18, 1 in float64); the printed text as the
docs quote it."""

import math

import mpmath
import sympy

import symopt

w, x, y, b = sympy.symbols("w x y b", real=True)
P = symopt.sigmoid(w * x + b)
COST = -(y * sympy.log(P) + (1 - y) * sympy.log(1 - P))
AT = {w: 40, x: 1, b: 0, y: 0}


def test_the_docs_example_prints_as_quoted():
    assert math.isnan(symopt.compile(COST, [w])(w=40.0, x=1.0, b=0.0, y=0.0)[1][0])
    exact = 1 / (1 + mpmath.exp(-40))  # x·(σ(wx + b) - y), by sympy.diff below
    assert sympy.simplify(sympy.diff(COST, w).rewrite(sympy.exp) - x * (1 / (1 + sympy.exp(-w * x - b)) - y)) == 0
    assert float(exact) == 1.0
    text = str(symopt.derive(COST, w, at=AT))
    assert ("backward (the compiled gradient of the cost as written is not finite for w here (see symopt.explain); "
            "the lines show the simplified formulas' values)") in text
    assert "  dJ/dw = dJ/du · du/dw = x(p - y) = 1\n" in text
    assert "w = 40, dJ/dw = 1 (compiled: undefined)" in str(symopt.graph(COST, at=AT))


def test_the_docs_quote_it():
    docs = open("docs/display.md", encoding="utf-8").read().replace("\n", " ")
    assert "`w = 40, dJ/dw = 1 (compiled: undefined)`" in docs and "`dJ/dw = dJ/du · du/dw = x(p - y) = 1`" in docs
    assert "(`w = 0, dJ/dw = -1 (compiled: undefined)`)" not in docs
