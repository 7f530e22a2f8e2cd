"""probe68 P68-4: a name of several letters (``bc``, ``tu2``) beside the one-letter names that spell it never prints
like their product: the product's factors are joined by ``·`` in text (``3b·c``), the name is upright in LaTeX
(``\\mathrm{bc}``) and as typed in text (``tu2``, never ``tu₂``, the glyphs of ``t·u₂``)."""

import sympy

from symopt.display import derive, graph

A, B, C, BC = sympy.symbols("a b c bc")
COST = 3 * (A + B * C) + BC
POINT = {A: 5, B: 3, C: 2, BC: 7}  # u = 3·b·c = 18, J = 3a + bc + u = 15 + 7 + 18 = 40


def test_text_joins_the_product_that_the_name_would_read_as():
    lines = str(derive(COST, [A, B, C, BC], at=POINT)).splitlines()
    assert lines[:3] == ["forward (a = 5, b = 3, bc = 7, c = 2)", "  u = 3b·c = 18", "  J = 3a + bc + u = 40"]


def test_latex_sets_the_name_upright():
    lines = derive(COST, [A, B, C, BC]).latex().splitlines()
    assert r"u &= 3 b c \\" in lines and r"J &= 3 a + \mathrm{bc} + u \\" in lines


def test_a_name_with_a_subscript_is_shown_as_typed():
    t, u2, tu2 = sympy.symbols("t u2 tu2")
    lines = str(derive(t * u2 + tu2, [u2, tu2], at={t: 3, u2: 1, tu2: 5})).splitlines()
    assert lines[:3] == ["forward (t = 3, tu2 = 5, u₂ = 1)", "  v = t·u₂ = 3", "  J = tu2 + v = 8"]


def test_the_graph_draws_the_same_convention():
    drawn = str(graph(COST, at=POINT))
    assert "u = 3b·c = 18" in drawn and "J = 3a + bc + u = 40" in drawn


def test_without_such_a_name_products_stay_juxtaposed():
    assert str(derive(3 * (A + B * C), [A], at={A: 5, B: 3, C: 2})).splitlines()[1] == "  u = bc = 6"
