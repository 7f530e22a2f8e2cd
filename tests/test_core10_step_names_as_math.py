"""review4 Q13: names= took names that print as constants or as the derivatives the backward lines write:
``'pi'`` made ``J = π + log(1 + exp(π))``, ``'dw'`` made ``dJ/dw = dJ/ddw · ddw/dw`` beside the gradient line
``dJ/dw``, ``'dJ'`` made ``dJ = wx``.  They are refused, in derive and graph alike; names that read back are used."""

import pytest
import sympy

import symopt
from symopt.display.notation import text
from symopt.errors import ConfigurationError

w, x = symopt.Variable("w", 1.0), symopt.Placeholder("x")
z = w * x
COST = sympy.log(1 + sympy.exp(z)) + z
SHOW = {"derive": lambda names: str(symopt.derive(COST, [w], names=names, at={w: 1, x: 2})),
        "graph": lambda names: str(symopt.graph(COST, names=names, at={w: 1, x: 2}))}


@pytest.mark.parametrize("name", ["pi", "PI", "e", "I", "i", "oo", "zoo", "nan", "undefined"])
@pytest.mark.parametrize("display", sorted(SHOW))
def test_a_name_that_prints_as_a_constant_is_refused(display, name):
    with pytest.raises(ConfigurationError, match=f"names: '{name}' .* prints as a constant"):
        SHOW[display]({z: name})


@pytest.mark.parametrize("name", ["dw", "dx", "dJ"])
@pytest.mark.parametrize("display", sorted(SHOW))
def test_a_name_that_reads_as_a_derivative_is_refused(display, name):
    with pytest.raises(ConfigurationError, match=f"names: '{name}' .* reads as the derivative"):
        SHOW[display]({z: name})


def test_d_and_a_step_name_is_refused():
    with pytest.raises(ConfigurationError, match="'dh' .* reads as the derivative dh"):
        SHOW["derive"]({z: "h", 1 + sympy.exp(z): "dh"})


@pytest.mark.parametrize("name", ["E", "Pi", "d", "dz", "delta", "epsilon", "h"])
def test_names_that_read_back_are_used(name):
    shown = text(sympy.Symbol(name))
    assert f"  {shown} = xw = 2" in SHOW["derive"]({z: name}).splitlines()


def test_a_step_is_not_auto_named_u_beside_a_given_du():
    lines = SHOW["derive"]({sympy.exp(z): "du"}).splitlines()
    assert not any(line.startswith("  u = ") for line in lines), lines


@pytest.mark.parametrize("display", sorted(SHOW))
def test_a_name_for_an_input_is_refused(display):
    """probe16 Z9: names={w: "theta"} renamed w in the backward lines only (dJ/dw = 2θ + ... beside J = w² + ...)."""
    with pytest.raises(ConfigurationError, match=r"names: w is an input of the cost.*sympy.Symbol\('theta'"):
        SHOW[display]({w: "theta"})


def test_d_and_the_cost_s_given_name_is_refused():
    """probe16 Z9 (same family): names={v*w: "dL", cost: "L"} printed dL/ddL."""
    with pytest.raises(ConfigurationError, match="'dL' .* reads as the derivative dL"):
        SHOW["derive"]({z: "dL", COST: "L"})
