"""f-probe F7: a parameter named ``m`` (the slope of ``y = mx + b``) and the number of examples ``m`` printed with the
same letter (``(2/m)(... + mX)``); the derivation and the graph now count the examples with ``n``."""

import sympy

import symopt
from symopt import ops

X, Y = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("Y", (None, 1))
m, b = symopt.Variable("m", 0.0), symopt.Variable("b", 0.0)
J = ops.mean(ops.square(m * X + b * sympy.OneMatrix(symopt.BATCH, 1) - Y))


def test_the_derivation_counts_examples_with_n_beside_a_slope_m():
    shown = symopt.derive(J, [m, b], at={X: [[0.1], [0.5]], Y: [[0.0], [0.2]], m: 1.0, b: 0.0})
    lines = str(shown).splitlines()
    assert lines[0] == "forward (n = 2, b = 0, m = 1)"
    assert lines[4] == "  J = w/n = 0.05"
    assert lines[-2:] == ["  dJ/dm = sum(((2/n)(b·𝟙 - Y + mX))∘X) = 0.16", "  dJ/db = sum((2/n)(b·𝟙 - Y + mX)) = 0.4"]
    latex = shown.latex().splitlines()
    assert latex[1] == r"&\text{forward} \quad n = 2,\; b = 0,\; m = 1 \\"
    assert latex[-3] == (r"\frac{dJ}{dm} &= \sum_{i,j} \left(\left(\frac{2}{n} \left(b \mathbb{1} - Y + m X\right)"
                         r"\right) \circ X\right)_{ij} = 0.16 \\")


def test_without_a_point_the_header_says_what_n_is():
    shown = symopt.derive(J, [m, b])
    assert str(shown).splitlines()[0] == "forward (n is the number of examples)"
    assert shown.latex().splitlines()[1] == r"&\text{forward} \quad n \text{ is the number of examples} \\"


def test_the_graph_counts_examples_with_n_beside_a_slope_m():
    assert str(symopt.graph(J)).splitlines() == [
        "b", "m", "n", "X", "Y", "u = b·𝟙 + mX - Y  ← b, m, X, Y", "v = u∘²  ← u", "w = sum(v)  ← v", "J = w/n  ← w, n"]
    assert str(symopt.graph(J, style="ops")).splitlines()[-1] == "J: ÷  ← w, n"


def test_without_an_input_m_the_count_stays_m():
    k = symopt.Variable("k", 0.0)
    cost = ops.mean(ops.square(k * X - Y))
    assert str(symopt.derive(cost, k)).splitlines()[0] == "forward"
    assert str(symopt.graph(cost)).splitlines()[-1] == "J = w/m  ← w, m"
