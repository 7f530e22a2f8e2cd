"""A value that is no dict where derive / graph / explain take one: a typed error naming the dict expected (probe U4;
before: AttributeError 'float' object has no attribute 'items')."""

import pytest

import symopt
from symopt.errors import ConfigurationError

w = symopt.Variable("w", 0.0)
J = (w - 3) ** 2
AT = r"at: expected a dict \{symbol or name: value\}, e.g. at=\{w: 1.0\}; given "
NAMES = r"names: expected a dict \{expression: name\}, e.g. names=\{b\*c: 'u'\}; given 'u'"


@pytest.mark.parametrize("call, message", [
    (lambda: symopt.derive(J, w, at=1.0), AT + "1.0"),
    (lambda: symopt.derive(J, w, at=[1.0]), AT + r"\[1.0\]"),
    (lambda: symopt.derive(J, w, names="u"), NAMES),
    (lambda: symopt.graph(J, at=1.0), AT + "1.0"),
    (lambda: symopt.graph(J, names="u"), NAMES),
    (lambda: symopt.explain(J, w, at=1.0), AT + "1.0"),
    (lambda: symopt.explain(J, w, data=3), r"data: expected a dict \{placeholder or name: array\}, e.g. "
                                           r"data=\{X: features, Y: labels\}; given 3"),
])
def test_a_value_that_is_no_dict_is_named(call, message):
    with pytest.raises(ConfigurationError, match="^" + message + "$"):
        call()


def test_dicts_still_work():
    assert str(symopt.derive(J, w, at={w: 1.0})).splitlines()[-1] == "  dJ/dw = 2w - 6 = -4"
