"""A data set given to the command line (``--data "x=[1,2,3]"``, ``x=(1,2,3)``, ``sum(...)``) is told the rule, one
number per symbol, and how to write a cost over examples, not "use ( ) for grouping" or "add the missing ')'" or
"to multiply write sum*(...)" (probe55 P55-7)."""

from __future__ import annotations

import pytest

from symopt.cli import main

PYTHON_FIT = ("w = symopt.Variable('w', 0.0); x = symopt.Placeholder('x', shape=(None, 1)); "
              "y = symopt.Placeholder('y', shape=(None, 1)); "
              "symopt.minimize(symopt.ops.mean(symopt.ops.square(w*x - y)), w, data={x: [[1], [2], [3]], y: [[2], [4], [6]]})")
ADVICE = ("write a cost over examples out as a sum, e.g. (w*1 - 2)^2 + (w*2 - 4)^2, or fit data arrays from Python: "
          + PYTHON_FIT)


@pytest.mark.parametrize("data, given", [
    ("x=[1,2,3],y=[2,4,6]", "'[1,2,3]'"),  # quoted whole (final41c F41c-11)
    ("x=(1,2,3),y=(2,4,6)", "'(1,2,3)'"),
    ("x=(1 2 3),y=2", "'(1 2 3)'"),
])
def test_a_list_of_values_is_refused_with_the_rule(capsys, data, given):
    assert main(["minimize", "(w*x-y)^2", "--wrt", "w", "--data", data]) == 2
    assert capsys.readouterr() == ("", f"symopt: expected one number for 'x', got a list of values {given} at column 3; "
                                       f"the command line takes one number per symbol: {ADVICE}\n")


@pytest.mark.parametrize("word", ["sum", "Sum", "mean"])
def test_a_sum_over_data_is_refused_with_the_rule(capsys, word):
    assert main(["minimize", f"{word}((w*x-y)^2)", "--wrt", "w"]) == 2
    assert capsys.readouterr().err == (f"symopt: expected a known function before '(', got name {word!r} at column 1; "
                                       f"sums over data are not in the CLI language; {ADVICE}\n")


def test_values_with_calls_and_groups_are_numbers(capsys):
    assert main(["minimize", "(w*x-y)^2", "--wrt", "w", "--data", "x=max(1,2),y=(4)", "--steps", "1", "--lr",
                 "0.125"]) == 0
    # by hand: x = 2, y = 4, dJ/dw = 2(wx - y)x = -16 at w = 0, so one step gives w = 0 - 0.125*(-16) = 2
    assert "w = 2.0" in capsys.readouterr().out


def test_the_advised_python_runs_and_fits_the_data():
    """The Python the advice gives runs as written (final41c F41c-8: it named undeclared w and x, and a scalar x fed a
    list); by hand, least squares of y = w x over (1, 2), (2, 4), (3, 6) is w = sum(xy) / sum(x^2) = 28 / 14 = 2."""
    import symopt
    *declarations, fit = PYTHON_FIT.split("; ")
    names = {"symopt": symopt}
    exec("; ".join(declarations), names)  # noqa: S102 - the test's own literal, the advice's text
    result = eval(fit, names)  # noqa: S307 - the test's own literal
    assert result["w"] == pytest.approx(28 / 14, abs=1e-9)
