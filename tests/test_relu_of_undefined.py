"""relu, step and leaky_relu of an undefined (NaN) value are undefined in the displays, never a bare TypeError
(probe29 P29-13: ``relu(max(sqrt(w), 1))`` at w = -1 raised ``Invalid NaN comparison`` in derive, explain and a
graph's str()/svg())."""

from __future__ import annotations

import math
import warnings

import pytest
import sympy

import symopt
from symopt.cli import main
from symopt.functions import leaky_relu, log_where_nonzero, reciprocal_where_nonzero, relu, sigmoid, softplus, step

w = sympy.Symbol("w", real=True)
COST = relu(sympy.Max(sympy.sqrt(w), 1))


def test_derive_shows_undefined():
    """Each number as the generated code computes it at w = -1 (after fix29b's display rules): max(1, NaN) and
    relu(NaN) are NaN; step(NaN) is 0 (the code's ``x > 0`` is false) and so is [NaN ≥ 1]; the slope is 0/NaN."""
    assert str(symopt.derive(COST, w, at={w: -1})) == "\n".join([
        "forward (w = -1)",
        "  u = √w = undefined",
        "  v = max(1, u) = undefined",
        "  J = relu(v) = undefined",
        "backward (step(v) of an undefined v is 0, as in the code (TF1's relu and leaky_relu gradients))",
        "  dJ/dv = step(v) = 0",
        "  dJ/du = dJ/dv · dv/du = [u ≥ 1]·step(v) = 0",
        "  dJ/dw = dJ/du · du/dw = [u ≥ 1]·step(v)/(2√w) = undefined",
        "gradient",
        "  dJ/dw = [√w ≥ 1]·step(max(1, √w))/(2√w) = undefined",
    ])


def test_graph_text_and_svg_show_undefined():
    drawn = symopt.graph(COST, at={w: -1})
    assert str(drawn) == "\n".join([
        "w = -1, dJ/dw = undefined",
        "u = √w = undefined, dJ/du = 0  ← w",
        "v = max(1, u) = undefined, dJ/dv = 0  ← u",
        "J = relu(v) = undefined  ← v",
    ])
    assert "undefined" in drawn.svg()
    assert drawn._repr_mimebundle_()


def test_explain_and_the_cli_say_no_real_value(capsys):
    assert "no real value: u = log(w) has no real value at w = -1" in str(
        symopt.explain(relu(sympy.Min(sympy.log(w), 0)), w, at={w: -1}))
    assert main(["derive", "relu(max(sqrt(w), 1))", "--wrt", "w", "--at", "w=-1"]) == 0
    assert "J = relu(v) = undefined" in capsys.readouterr().out


def test_the_compiled_program_agrees_it_is_nan():
    """The oracle: the generated code's value and slope at w = -1 are NaN; at w = 4 the slope is 1/(2·2)."""
    function = symopt.compile(COST, [w])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value, (slope,) = function(w=-1.0)
    assert math.isnan(value) and math.isnan(slope)
    assert function(w=4.0) == (2.0, [0.25])
    assert "dJ/dw = [√w ≥ 1]·step(max(1, √w))/(2√w) = 0.25" in str(symopt.derive(COST, w, at={w: 4}))


@pytest.mark.parametrize("build", [relu, step, sigmoid, softplus, leaky_relu, lambda x: log_where_nonzero(x, 2),
                                   lambda x: reciprocal_where_nonzero(x, 2)])
def test_a_function_of_nan_is_nan(build):
    assert build(sympy.nan) is sympy.nan
    assert build(w).subs(w, sympy.nan) is sympy.nan


def test_step_of_a_number_keeps_its_value():
    assert float(step(sympy.Float(0.5)).evalf()) == 1.0 and float(step(sympy.Integer(0)).evalf()) == 0.0
    assert float(step(sympy.Max(w, 1)).subs(w, -3).evalf()) == 1.0
    assert step(sympy.I + w).subs(w, 1).evalf() == step(1 + sympy.I)  # no real value: left as it is
