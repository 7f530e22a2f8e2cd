"""probe10 T1: g.with_style("ops") of a graph drawn with at= raised "drop at= or use style='values'" (an argument
the user did not pass to that call); it draws the operations, and the way back keeps the numbers.
probe10 T4: UpdateRule's repr was the raw dataclass, with generated-code internals (to_dtype, beta1_float32)."""

import pytest
import sympy as sp

import symopt
from symopt.errors import ConfigurationError

a, b, c = sp.symbols("a b c")
J = 3 * (a + b * c)
AT = {a: 5, b: 3, c: 2}


def test_with_style_of_a_graph_with_numbers():
    drawn = symopt.graph(J, at=AT)
    assert str(drawn.with_style("ops")) == str(symopt.graph(J, style="ops"))
    assert str(drawn.with_style("ops").with_style("values")) == str(drawn)
    assert "J = 3v = 33" in str(drawn.with_style("ops").with_style("values"))


def test_ops_style_with_at_is_still_refused_where_given():
    with pytest.raises(ConfigurationError, match='"values" style only'):
        symopt.graph(J, style="ops", at=AT)


@pytest.mark.parametrize("optimizer", [symopt.Adam(0.1), symopt.GradientDescent(0.01)])
def test_update_rule_repr_is_short(optimizer):
    rule = symopt.update_rule(optimizer)
    assert repr(rule) == f"<UpdateRule of {optimizer!r}>"
    assert "to_dtype" not in repr(rule) and "float32" not in repr(rule)
    assert str(rule).startswith(type(optimizer).__name__)
