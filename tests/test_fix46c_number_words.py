"""Names that read as a number in any case are refused as the lower-case ones are (probe80 P80-3): ``NaN``,
``NAN``, ``Inf``, ``INF``, ``Infinity``, ``Undefined`` passed, and ``derive "NaN*x"`` printed ``dJ/dx = NaN``.
Oracle: how the numbers are spelled elsewhere (NumPy prints ``nan``/``inf`` and parses ``NaN``, ``Inf``,
``Infinity``; R prints ``NaN``/``Inf``; JavaScript ``NaN``/``Infinity``), checked through ``float()``."""

from __future__ import annotations

import math

import pytest
import sympy

import symopt
from symopt import cli
from symopt.errors import ConfigurationError, ParseError
from symopt.parse import parse_expression, parse_symbol_list

SPELLINGS = ["NaN", "NAN", "Nan", "Inf", "INF", "Infinity", "infinity", "INFINITY", "Undefined", "UNDEFINED"]


@pytest.mark.parametrize("name", SPELLINGS)
def test_every_case_of_a_number_word_is_refused(name):
    if name.lower() != "undefined":
        assert not math.isfinite(float(name))  # Python itself reads the word as a number
    with pytest.raises(ParseError, match=rf"got name '{name}' at column 1; '{name}' reads as a number word in any "
                                         rf"case .*dJ/dw = {name}\); choose another name"):
        parse_expression(f"{name}*x")
    with pytest.raises(ParseError, match="reads as a number word"):
        parse_symbol_list(f"x,{name}")


def test_the_cli_exits_2_before_printing(capsys):
    assert cli.main(["derive", "NaN*x", "--wrt", "x", "--at", "x=1,NaN=2"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "'NaN' reads as a number word" in err


def test_names_keyword_refuses_them_too():
    x = sympy.Symbol("x", real=True)
    with pytest.raises(ConfigurationError, match="'Inf' for x\\*\\*2 \\+ 1 reads as a number word"):
        symopt.derive(sympy.exp(x ** 2 + 1), x, names={x ** 2 + 1: "Inf"})


def test_names_that_only_contain_the_words_still_parse():
    nan_1, Info, x = sympy.symbols("NaN_1 Info x", real=True)
    assert parse_expression("NaN_1*x + Info") == nan_1 * x + Info
