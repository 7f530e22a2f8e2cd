"""P69-5: Variables named "my w", "w+b" were accepted and printed bare in derivations (``u = w+b²``); they are
refused with a name to use, as the command line refuses them.  Names TensorFlow 2.21 accepts stay accepted, since
the compat layer passes TF1's names on (``tf.Variable(0.0, name="w-1")`` and ``name="2w"`` run in TF 2.21's
tf.compat.v1; ``name="my w"``, ``"w+1"``, ``"w(1)"``, ``"w^2"``, ``"w*2"``, ``"a,b"`` are its ValueError "is not a
valid root scope name"), and so do unicode letters and subscripts.  Oracles: Python's ``str.isidentifier`` for the
advised names, TF 2.21's name rule (above), and the CLI's own refusal of the same text."""

import re

import pytest

import symopt
from symopt.errors import ConfigurationError, ParseError


@pytest.mark.parametrize("name, better", [("my w", "my_w"), ("w+b", "w_b"), ("w(1)", "w_1"), ("w^2", "w_2"),
                                          ("a,b", "a_b")])
def test_a_name_that_reads_as_a_formula_is_refused_with_one_to_use(name, better):
    assert not name.isidentifier()
    for make in (lambda: symopt.Variable(name, 2.0), lambda: symopt.Placeholder(name, (None, 1))):
        with pytest.raises(ConfigurationError, match=rf"name '{re.escape(name)}': expected a name that reads as "
                                                     rf"one symbol.*Name it '{better}'"):
            make()
    assert better.isidentifier()
    symopt.Variable(better, 2.0)


@pytest.mark.parametrize("name", ["w", "W_1", "w₁", "权重", "σ", "dense/kernel", "_h", "w-1", "2w"])
def test_names_that_read_as_one_symbol_are_kept(name):
    assert symopt.Variable(name, 1.0).name == name


def test_the_command_line_reads_the_same_text_as_another_formula():
    from symopt.parse import parse_expression
    with pytest.raises(ParseError, match="insert an operator"):
        parse_expression("2w**2")  # the text 2w is no name there either
    assert str(parse_expression("(w-1)**2")) == "(w - 1)**2"  # w-1 is a difference, not a name
