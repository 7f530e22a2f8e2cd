"""probe52 P52-4: derive's ``forward (...)`` point line (and explain's) followed the iteration order of ``at=``, so a
sheet whose ``at`` was built from ``cost.free_symbols`` differed between runs (PYTHONHASHSEED); it now lists the
inputs in their natural order, as graph does (a, b, c, w₁, w₂; x₂ before x₁₀)."""

from __future__ import annotations

import itertools

import sympy

import symopt

a, b, c, w1, w2 = sympy.symbols("a b c w1 w2")
J = (w1 * a + w2 * b - c) ** 2 + sympy.exp(-w1 * w2)
VALUES = {a: 1, b: 2, c: 3, w1: 0.5, w2: -1}


def test_the_point_line_is_in_natural_order_whatever_the_dicts_order():
    lines, latexes = set(), set()
    for order in itertools.permutations(VALUES):
        derivation = symopt.derive(J, [w1, w2], at={s: VALUES[s] for s in order})
        lines.add(str(derivation).splitlines()[0])
        latexes.add(derivation.latex())
    assert lines == {"forward (a = 1, b = 2, c = 3, w₁ = 0.5, w₂ = -1)"} and len(latexes) == 1


def test_digits_are_numbers_and_a_variables_start_takes_its_place():
    x2, x10 = sympy.symbols("x2 x10")
    v = symopt.Variable("v", 3.0)
    first = str(symopt.derive((x10 * w1 + x2 * v) ** 2, w1, at={x10: 1, x2: 2, w1: 0.5})).splitlines()[0]
    assert first == "forward (v = 3, w₁ = 0.5, x₂ = 2, x₁₀ = 1)"
    assert str(symopt.explain((x10 * w1 + x2 * v) ** 2, w1, at={x10: 1, x2: 2, w1: 0.5})).splitlines()[0] == \
        "explain (v = 3, w₁ = 0.5, x₂ = 2, x₁₀ = 1)"


def test_names_equal_but_for_case_have_one_order_as_in_the_graph():
    """final40c F40c-3: the natural order folded case with no tie-break, so a/A and w/W kept the dict's order."""
    W, w, x, A, a_ = sympy.symbols("W w x A a")
    cost = (W * x - w) ** 2 + A * a_
    values = {W: 1.0, w: 2.0, x: 3.0, A: 4.0, a_: 5.0}
    lines = {str(symopt.derive(cost, [W], at={s: values[s] for s in order})).splitlines()[0]
             for order in itertools.permutations(values)}
    assert lines == {"forward (A = 4, a = 5, W = 1, w = 2, x = 3)"}
