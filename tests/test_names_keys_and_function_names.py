"""names= keys and names checked in split, so derive and graph refuse alike (probe29 P29-6): a number key renamed the
number in the gradient (dJ/dw = kw - 10, k defined nowhere), a string key was blamed on the cost, None was a bare
AttributeError, and function names were taken as step names (exp(sin(sin)))."""

from __future__ import annotations

import pytest
import sympy

import symopt
from symopt.errors import ConfigurationError

w, x = sympy.symbols("w x", real=True)
DISPLAYS = {"derive": lambda cost, names: str(symopt.derive(cost, [w, x], names=names)),
            "graph": lambda cost, names: str(symopt.graph(cost, names=names))}


@pytest.mark.parametrize("display", DISPLAYS)
@pytest.mark.parametrize("key, message", [
    (2, "names: 2 is a number, not an intermediate value of the cost; name a subexpression"),
    (sympy.Integer(-10), "names: -10 is a number, not an intermediate value of the cost; name a subexpression"),
    ("x**2 + 1", "names: expected each key to be a subexpression of the cost, built from its symbols (x**2 + 1); "
                 "given str 'x**2 + 1'. Build the key as the cost is built; a string is not parsed here"),
    (None, "names: expected each key to be a subexpression of the cost, built from its symbols (x**2 + 1); "
           "given NoneType None. Build the key as the cost is built; a string is not parsed here"),
])
def test_a_key_that_is_no_subexpression_is_refused(display, key, message):
    with pytest.raises(ConfigurationError) as caught:
        DISPLAYS[display](w ** 2 - 10 * w + 25 + sympy.exp(sympy.sin(x ** 2 + 1)), {key: "k"})
    assert str(caught.value) == message


@pytest.mark.parametrize("display", DISPLAYS)
@pytest.mark.parametrize("name, printed", [("sin", "sin"), ("exp", "exp"), ("relu", "relu"), ("sigmoid", "sigmoid")])
def test_a_function_name_is_refused(display, name, printed):
    with pytest.raises(ConfigurationError) as caught:
        DISPLAYS[display](w + sympy.exp(sympy.sin(x ** 2 + 1)), {x ** 2 + 1: name})
    assert str(caught.value) == (f"names: {name!r} for x**2 + 1 is a function's name (as printed: {printed}), so the "
                                 "formulas would read as a call of it (exp(sin(sin))); choose another name")


def test_an_ordinary_name_still_works():
    assert str(symopt.derive(sympy.exp(sympy.sin(x ** 2 + 1)), x, names={x ** 2 + 1: "h"})).splitlines()[1] == \
        "  h = x² + 1"
