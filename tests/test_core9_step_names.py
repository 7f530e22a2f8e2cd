"""probe12 V10: derive(names=) refused "" but took names that print as other math: "1" turned σ(z)² into σ(1)² (which
is 0.534, not the 0.775803 shown beside it), "z z" and "z\\nz" broke formulas in the middle.  A step's name now starts
with a letter and holds no whitespace or arithmetic sign, in derive and graph alike."""

import pytest
import sympy

import symopt
from symopt.display.notation import text
from symopt.errors import ConfigurationError

w1, b, x1 = sympy.symbols("w1 b x1")
Z = w1 * x1 + b
LOSS = symopt.sigmoid(Z) ** 2
SHOW = {"derive": lambda names: str(symopt.derive(LOSS, [w1, b], names=names, at={w1: 1, b: 0, x1: 2})),
        "graph": lambda names: str(symopt.graph(LOSS, names=names, at={w1: 1, b: 0, x1: 2}))}


@pytest.mark.parametrize("name", ["", "1", "2z", "z z", "z\nz", "z\t", " z", "z+1", "-z", "f(z)", "z=1", "z·w"])
@pytest.mark.parametrize("display", sorted(SHOW))
def test_a_name_that_reads_as_other_math_is_refused(display, name):
    with pytest.raises(ConfigurationError, match=r"names: expected a name that starts with a letter") as error:
        SHOW[display]({Z: name})
    assert repr(name) in str(error.value)


@pytest.mark.parametrize("name", ["z", "A1", "z_1", "δ", "hidden_out", "a%b"])
def test_names_that_read_back_are_used(name):
    shown = text(sympy.Symbol(name))  # as the displays print the name (A1 as A₁)
    assert f"  J = σ({shown})² = 0.775803" in SHOW["derive"]({Z: name}).splitlines()
