"""h-probe H7: docs/numerics.md said sigmoid prints as 0.5 + 0.5·tanh(x/2) and returns 0 below -38; the page now
states what the code does, and the numbers it quotes are the code's."""

import pathlib

import symopt

PAGE = pathlib.Path(__file__).resolve().parent.parent / "docs" / "numerics.md"


def test_the_numerics_page_describes_the_sigmoid_the_code_prints():
    page = PAGE.read_text(encoding="utf-8")
    assert "0.5 + 0.5·tanh(x/2)" not in page and "for x ≤ -38 it returns 0" not in page
    w = symopt.Variable("w", 0.0)
    function = symopt.compile(symopt.sigmoid(w), w)
    assert "sigmoid(w)" in function.source
    value, _ = function(w=-40.0)
    assert repr(float(value)) == "4.24835425529159e-18" and "it gives\n4.24835425529159e-18" in page
    assert abs(float(value) - 4.248354255291589e-18) <= 1e-33  # one ulp of the true value
    assert float(function(w=-709.0)[0]) > 0 and "x < -709 in float64" in page
