"""Powers in homework costs (probe55 P55-10): a power of a sum of symbols, ``(1 + r/12)^360``, builds no number and is
read; a power of a fraction too long to be exact, ``1.01^365``, is refused with its float value and the base as a
symbol as fixes, not "use smaller numbers"."""

from __future__ import annotations

import pytest
import sympy

from symopt.cli import main
from symopt.errors import ParseError
from symopt.parse import parse_expression


def test_a_power_of_a_sum_of_symbols_is_read():
    r, w = sympy.symbols("r w", real=True)
    assert parse_expression("w*(1 + r/12)^(12*30)") == w * (1 + r / 12) ** 360
    assert parse_expression("(w - 0.1)^400") == (w - sympy.Rational(1, 10)) ** 400


def test_its_derivative_is_printed(capsys):
    assert main(["derive", "w*(1 + r/12)^(12*30)", "--wrt", "w,r"]) == 0
    r, w = sympy.symbols("r w")
    assert sympy.diff(w * (1 + r / 12) ** 360, r) == 30 * w * (r / 12 + 1) ** 359  # the oracle of the line below
    assert capsys.readouterr().out.splitlines()[-1] == "  dJ/dr = 30w·(r/12 + 1)³⁵⁹"


def test_a_product_base_is_still_bounded():
    """SymPy distributes a power over a product: (x/12)**360 is x**360/12**360, a 389-digit number."""
    with pytest.raises(ParseError, match=r"\(x/12\)\*\*\(360\) would have about 389 digits; use smaller numbers"):
        parse_expression("(x/12)^360")


@pytest.mark.parametrize("text, column, power, digits, fraction, value, typed", [
    ("(1.01)^365*w", 7, "(101/100)**(365)", "732", "101/100", 1.01 ** 365, "1.01"),
    ("w*(1 + 0.05/12)^(12*30)", 16, "(241/240)**(360)", "858", "241/240", (241 / 240) ** 360, "1.0041666666666667"),
])
def test_a_long_fraction_power_names_its_value(text, column, power, digits, fraction, value, typed):
    with pytest.raises(ParseError) as caught:
        parse_expression(text)
    exponent = power.split("**(")[1][:-1]
    assert str(caught.value) == (
        f"expected numbers of at most 330 digits, got '^' at column {column}; {power} would have about {digits} "
        f"digits; the base is the exact fraction {fraction} (symopt keeps decimals exact: 1.01 is 101/100), so its "
        f"powers grow in digits: write the power's value, {value!r}, or give the base as a symbol (b^{exponent} with "
        f"--at or --data b={typed})")
