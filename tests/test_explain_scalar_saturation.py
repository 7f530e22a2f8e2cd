"""``explain`` of a scalar cost names a saturated σ/tanh as the cause of a zero or vanishing gradient (probe6 P1), as
the matrix form does, with the slope computed independently here."""
from __future__ import annotations

import contextlib
import io

import mpmath
import pytest
import sympy

import symopt
from symopt.cli import main


def exact_slope(function, v: float) -> float:
    with mpmath.workdps(80):
        x = mpmath.mpf(v)
        if function == "sigmoid":
            s = 1 / (1 + mpmath.exp(-x))
            return float(s * (1 - s))
        return float(1 - mpmath.tanh(x) ** 2)


@pytest.mark.parametrize("function, build, v, status", [
    ("tanh", sympy.tanh, 30.0, "zero"), ("tanh", sympy.tanh, 12.0, "vanishing"),
    ("sigmoid", symopt.sigmoid, 100.0, "zero"), ("sigmoid", symopt.sigmoid, -40.0, "vanishing")])
def test_a_saturated_unit_of_a_scalar_cost_is_named_with_its_slope(function, build, v, status):
    w = sympy.Symbol("w", real=True)
    finding = symopt.explain(build(w) ** 2 if status == "vanishing" else build(w), w, at={w: v}).finding("w")
    assert finding.status == status
    kinds = [kind for kind, _ in finding.causes]
    assert kinds == ["saturated"]
    message = finding.causes[0][1]
    shown = float(message.split(" is ")[1].split(" < ")[0])
    assert shown == pytest.approx(exact_slope(function, v), rel=0.05)


def test_the_command_line_names_the_saturated_sigmoid():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["explain", "sigmoid(w*x)", "--wrt", "w", "--at", "w=50,x=2"]) == 0
    text = out.getvalue()
    assert "saturated:" in text and "wx = 100" in text and "is 0 here" not in text


def test_an_unsaturated_sigmoid_is_not_blamed():
    w = sympy.Symbol("w", real=True)
    finding = symopt.explain(symopt.sigmoid(w) * 0, w, at={w: 100.0}).finding("w")
    assert "saturated" not in [kind for kind, _ in finding.causes]
    finding = symopt.explain((symopt.sigmoid(w) - 0.5) ** 2, w, at={w: 0.0}).finding("w")
    assert "saturated" not in [kind for kind, _ in finding.causes]
