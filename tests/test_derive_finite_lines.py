"""p-probe P22: ``derive`` printed a gradient as ∞ where the generated code and the printed formula give a finite
number: the step-by-step product of the chain's factors overflowed (1/u = ∞ times du/dw = 0 at u = σ(-800) = 0,
or w·(1/w) with 1/w past float64) while the line's own formula (1 - u, u + 1) is finite there."""

from __future__ import annotations

import math

import pytest
import sympy

import symopt
from symopt.display.backward import adjoint_symbol


def _gradient_line(derivation, name: str) -> str:
    lines = derivation.text().splitlines()
    start = lines.index("gradient")
    return next(line for line in lines[start:] if line.strip().startswith(f"dJ/d{name}"))


@pytest.mark.parametrize("cost, point, expected", [
    (lambda w: sympy.log(symopt.sigmoid(w)), -800.0, 1.0),               # d/dw log σ(w) = 1 - σ(w)
    (lambda w: w * sympy.log(w), 1e-320, 1 + math.log(1e-320)),          # d/dw w log w = 1 + log w
])
def test_a_finite_gradient_is_not_printed_as_infinite(cost, point, expected):
    w = sympy.Symbol("w", real=True)
    expression = cost(w)
    _, generated = symopt.compile(expression, w)(w=point)
    assert generated == pytest.approx(expected, rel=1e-12)  # the oracle: sympy.diff by hand, and the generated code
    derivation = symopt.derive(expression, w, at={w: point})
    assert float(derivation.numbers[adjoint_symbol(w)]) == pytest.approx(expected, rel=1e-9)
    assert "∞" not in _gradient_line(derivation, "w")


def test_the_entropy_term_at_a_saturated_sigmoid_reads_consistently():
    """p-probe P21: p·log p at w = -800 printed "v = -800 ... v + 1 = ∞" (derive) and a "zero" cause under a
    "not finite" header (explain).  Oracle (mpmath): dJ/dw = -2.9e-345, 0 in float64; the generated code gives NaN
    (log σ(w) is -inf where σ underflows, docs/numerics.md), which explain now says and explains.  probe92 P92-4:
    σ(-800) = 1e-348 is 0 in float64, as the code computes it, so the lines read log(u) = -∞ and v + 1 = -∞ (they
    read -800 and -799, a finite derivation where the code's is NaN)."""
    w = sympy.Symbol("w", real=True)
    cost = symopt.sigmoid(w) * sympy.log(symopt.sigmoid(w))
    derivation = symopt.derive(cost, w, at={w: -800.0})
    forward, backward = derivation.text().split("backward\n")
    assert "  v = log(u) = -∞" in forward and "  J = uv = undefined" in forward
    assert "dJ/du = dJ/dv · dv/du + ∂J/∂u = v + 1 = -∞" in backward
    _, generated = symopt.compile(cost, w)(w=-800.0)
    assert math.isnan(generated) and math.isnan(float(derivation.numbers[adjoint_symbol(w)]))
    finding = symopt.explain(cost, w, at={w: -800.0}).finding(w)
    assert finding.status == "not finite"
    (kind, message), = finding.causes
    assert kind == "log of 0" and "the exact gradient dJ/dw is -2.93063e-345" in message
