"""45c-4: a name of several letters with a subscript (``Δw1``, ``inp1``, ``αβ_2``, ``dz1``) raised to a power is in
parentheses in LaTeX, ``\\left(\\Delta w_{1}\\right)^{2}``, as the same name without a subscript is; fix45c printed
``\\Delta w_{1}^{2}`` (read Δ·w₁²).  Oracle: the power read back from the LaTeX (the grouped base looked up by the
LaTeX of the symbol alone, the exponent as an integer) is the SymPy power; a one-letter name keeps SymPy's form."""

import re

import pytest
import sympy

from symopt.display.latex_notation import latex

GROUPED_POWER = re.compile(r"\\left\((.*)\\right\)\^\{(\d+)\}")
NAMES = ("Δw1", "inp1", "αβ_2", "dz1", "weight_hidden")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("exponent", (2, 3))
def test_a_power_of_a_subscripted_name_of_several_letters_is_grouped(name, exponent):
    symbol = sympy.Symbol(name, real=True)
    match = GROUPED_POWER.fullmatch(latex(symbol**exponent))
    assert match, latex(symbol**exponent)
    assert match.group(1) == latex(symbol) and symbol ** int(match.group(2)) == symbol**exponent


def test_a_subscripted_one_letter_name_keeps_its_superscript():
    assert latex(sympy.Symbol("theta1") ** 2) == r"\theta_{1}^{2}" and latex(sympy.Symbol("x1") ** 2) == "x_{1}^{2}"
