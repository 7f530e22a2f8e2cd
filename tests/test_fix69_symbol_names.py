"""P69-5: Variables named "2w", "w-1", "my w" were accepted and printed bare in derivations (``dJ/d2w = 2·2w + 2``,
read as 4w + 2); they are refused with a name to use, as the command line refuses them.  Names that read as one
symbol (unicode letters, subscripts, TensorFlow scopes ``dense/kernel``) stay accepted.  Oracle: Python's
``str.isidentifier`` for the plain names, and the CLI's own refusal of the same text."""

import re

import pytest

import symopt
from symopt.errors import ConfigurationError, ParseError


@pytest.mark.parametrize("name, better", [("2w", "w2"), ("w-1", "w_1"), ("my w", "my_w"), ("w+b", "w_b")])
def test_a_name_that_reads_as_a_formula_is_refused_with_one_to_use(name, better):
    assert not name.isidentifier()
    for make in (lambda: symopt.Variable(name, 2.0), lambda: symopt.Placeholder(name, (None, 1))):
        with pytest.raises(ConfigurationError, match=rf"name '{re.escape(name)}': expected a name that reads as "
                                                     rf"one symbol.*Name it '{better}'"):
            make()
    assert better.isidentifier()
    symopt.Variable(better, 2.0)


@pytest.mark.parametrize("name", ["w", "W_1", "w₁", "权重", "σ", "dense/kernel", "_h"])
def test_names_that_read_as_one_symbol_are_kept(name):
    assert symopt.Variable(name, 1.0).name == name


def test_the_command_line_reads_the_same_text_as_another_formula():
    from symopt.parse import parse_expression
    with pytest.raises(ParseError, match="insert an operator"):
        parse_expression("2w**2")  # the text 2w is no name there either
    assert str(parse_expression("(w-1)**2")) == "(w - 1)**2"  # w-1 is a difference, not a name
