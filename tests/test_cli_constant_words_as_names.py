"""The command line refuses names that print as a constant or a number word, with the words names= refuses
(probe29 P29-3: ``derive "nan*w"`` printed ``dJ/dw = nan``, ``oo*w + undefined`` printed ``J = u + undefined`` and
``dJ/dw = oo``)."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.cli import main
from symopt.constant_words import CONSTANT_WORDS, reads_as_constant
from symopt.errors import ConfigurationError, ParseError
from symopt.parse import parse_assignments, parse_expression, parse_symbol_list

WORDS = ("π, e, I, i, oo, zoo, nan, undefined, ∞, inf, None, True, False")


@pytest.mark.parametrize("name", ["nan", "oo", "inf", "undefined", "I", "None", "zoo", "True", "PI"])
def test_an_expression_refuses_the_name(name):
    with pytest.raises(ParseError) as caught:
        parse_expression(f"w + {name}*w")
    assert str(caught.value) == (
        f"expected a variable name, got name {name!r} at column 5; {name!r} prints as a constant or a number word "
        f"({WORDS}), so the formulas would read as another cost's (J = π + log(1 + exp(π))); choose another name")


@pytest.mark.parametrize("parse", [parse_symbol_list, parse_assignments])
def test_the_lists_refuse_it(parse):
    text, column = ("w,nan", 3) if parse is parse_symbol_list else ("w=1,nan=2", 5)
    with pytest.raises(ParseError, match=rf"got 'nan' at column {column}; 'nan' prints as a constant or a number word"):
        parse(text)


@pytest.mark.parametrize("argv", [
    ["derive", "oo*w + undefined", "--wrt", "w", "--at", "w=1,oo=1,undefined=2"],
    ["derive", "w^2*inf + I*w", "--wrt", "w"],
    ["minimize", "(w - nan)^2", "--wrt", "w=0", "--data", "nan=3", "--steps", "2"],
    ["derive", "nan*w", "--wrt", "w"],
])
def test_the_cli_exits_2_before_printing(capsys, argv):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and "prints as a constant or a number word" in err


def test_ordinary_names_still_parse():
    """Names that only contain the words are names (the oracle: SymPy's own symbols)."""
    w, nan_1, info = sympy.symbols("w nan_1 info", real=True)
    assert parse_expression("nan_1*w + info") == nan_1 * w + info
    assert parse_expression("e^w + pi") == sympy.exp(w) + sympy.pi


def test_names_keyword_refuses_the_same_words():
    assert all(reads_as_constant(word) for word in CONSTANT_WORDS)
    x = sympy.Symbol("x", real=True)
    for name in ("inf", "None"):
        with pytest.raises(ConfigurationError, match="prints as a constant or a number word"):
            symopt.derive(sympy.exp(sympy.sin(x ** 2 + 1)), x, names={x ** 2 + 1: name})
