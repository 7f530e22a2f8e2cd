"""F42c-3, F42c-9: a side that fits a continuation row whole is not cut after its first term; an array of numbers
that would pass the width beside its formula goes on a LaTeX row of its own (its rows beside their formula typeset
836 px wide in a 668 px output area; measured in tests/test_probe47_long_derivation_browser.py).

Oracle: the rows written by hand.
"""
from symopt.display.line_breaks import broken_lines
from symopt.display.render import Side


def test_a_side_that_fits_a_row_whole_is_not_cut_after_its_first_term():
    rows = broken_lines((Side("dJ/dw", "dJ/dw"), Side("dJ/du · du/dw + dJ/dt · dt/dw + dJ/du₅ · du₅/dw", "a + b + c"),
                         Side("u₄x₁·cos(u₅) + w/√u₁ + (2w - 2b)/q", "d + e + f"), Side("0.981987", "0.981987")))
    assert [row.text for row in rows] == ["  dJ/dw = dJ/du · du/dw + dJ/dt · dt/dw + dJ/du₅ · du₅/dw",
                                          "        = u₄x₁·cos(u₅) + w/√u₁ + (2w - 2b)/q = 0.981987"]
    assert [row.latex for row in rows] == ["dJ/dw &= a + b + c", "&= d + e + f = 0.981987"]


def test_numbers_too_wide_beside_their_formula_go_on_a_row_of_their_own():
    numbers = "[[-0.2216, -0.2546, -0.1229, -0.2548, -0.2469], [-0.1223, -0.1355, -0.05625, -0.1313, -0.1352]]"
    rows = broken_lines((Side("dv", "dv"), Side("dw·(1 - tanh(u)²)", "f"), Side(numbers, r"\begin{bmatrix}")))
    assert [row.text for row in rows] == ["  dv = dw·(1 - tanh(u)²) = " + numbers, ""]  # a terminal wraps the text
    assert [row.latex for row in rows] == ["dv &= f", r"&= \begin{bmatrix}"]


def test_numbers_that_fit_beside_their_formula_stay_there():
    rows = broken_lines((Side("db", "db"), Side("sum(dZ)", "s"), Side("[[0.5, -1.5]]", "m")))
    assert [row.text for row in rows] == ["  db = sum(dZ) = [[0.5, -1.5]]"]
