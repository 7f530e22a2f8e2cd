"""review4 Q1, Q2, Q11, Q12: derive and graph show the numbers symopt.compile computes at singular points.

Q1: a pole inside a step (``1/w`` folded into ``u = atan(1/w)``) left every shown value finite, so derive showed the
simplified formula's slope (0, -1) where the code's is NaN.  Q2: a Max/Min/leaky_relu/Piecewise of -0.0 lost the
sign (``1/Max(0, -w)`` at w = 0 showed ∞, the code -∞).  Q11: ``atan2`` at the origin ignored the signed zeros
(``atan2(-0.0, -0.0)`` is -π in the code, 0 in the displays).  Q12: a value with no real number fed to ``|u|`` showed
π for ``|log(-1)|`` (the code: NaN).  Each display's number is compared with compile's value_and_grad."""

import math
import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt.display.backward import adjoint_symbol
from symopt.display.ieee import NEGATIVE_ZERO
from symopt.display.values import evaluate

a, w, x, y = (symopt.Variable(name, 1.0) for name in "awxy")

#: name: (cost, point); every input of the cost is in the point.
CASES = {
    "Q1 w + atan(1/w) at 0": (w + sympy.atan(1 / w), {w: 0.0}),
    "Q1 w + atan(1/w) at -0": (w + sympy.atan(1 / w), {w: -0.0}),
    "Q1 atan(1/w) at 0": (sympy.atan(1 / w), {w: 0.0}),
    "Q1 a*atan(1/w)": (a * sympy.atan(1 / w), {a: 2.0, w: 0.0}),
    "Q11 a/atan2(-w, -w)": (a / sympy.atan2(-w, -w), {a: 0.0, w: 0.0}),
    "Q11 a/atan2(w, -w)": (a / sympy.atan2(w, -w), {a: 1.0, w: 0.0}),
    "Q11 a*atan2(y, x) at (0, -0)": (a * sympy.atan2(y, x), {a: 1.0, x: -0.0, y: 0.0}),
    "Q11 a*atan2(y, x) at (-0, 0)": (a * sympy.atan2(y, x), {a: 1.0, x: 0.0, y: -0.0}),
    "Q11 a + atan(exp(-a)*atan2(w, w))": (a + sympy.atan(sympy.exp(-a) * sympy.atan2(w, w)), {a: 0.0, w: -0.0}),
    "Q12 |log(-w)|": (sympy.Abs(sympy.log(-w)), {w: 1.0}),
    "Q12 1/sqrt(-1/a)": (1 / sympy.sqrt(-1 / a), {a: 0.0}),
    "Q12 w*atan2(-1/a, -1/a)": (w * sympy.atan2(-1 / a, -1 / a), {a: 0.0, w: 1.0}),
    "Q12 max(log(-w), w)": (sympy.Max(sympy.log(-w), w), {w: 1.0}),
    "Q2 1/Max(-w, 0)": (1 / sympy.Max(-w, 0), {w: 0.0}),
    "Q2 1/Min(-w, 0)": (1 / sympy.Min(-w, 0), {w: 0.0}),
    "Q2 1/leaky_relu(-w, 0.1)": (1 / symopt.leaky_relu(-w, 0.1), {w: 0.0}),
    "Q2 1/Max(0, w) at -0": (1 / sympy.Max(0, w), {w: -0.0}),
    "Q2 1/leaky_relu(w, 0.1) at -0": (1 / symopt.leaky_relu(w, 0.1), {w: -0.0}),
    "Q2 1/relu(-w)": (1 / symopt.relu(-w), {w: 0.0}),
    "Q2 1/Max(0, -w, -2w)": (1 / sympy.Max(0, -w, -2 * w), {w: 0.0}),
    "Q2 atan2(Piecewise(-w), -1)": (w + sympy.atan2(sympy.Piecewise((-w, w < 1), (1, True)), -1), {w: 0.0}),
}


def _shown(number) -> float:
    value = complex(sympy.sympify(number))
    return value.real if value.imag == 0 else math.nan


def _graph_number(text: str) -> float:
    return {"∞": math.inf, "-∞": -math.inf, "undefined": math.nan}.get(text) or float(text)


def _same(shown, code, digits: float = 1e-12) -> bool:
    """The same number, NaN included; ``digits``: the relative tolerance of what is shown (graph rounds to 5)."""
    return (math.isnan(shown) and math.isnan(code)) or shown == pytest.approx(code, rel=digits, abs=0)


@pytest.mark.parametrize("name", sorted(CASES))
def test_derive_and_graph_show_compiles_numbers(name):
    cost, point = CASES[name]
    wrt = sorted(point, key=lambda s: s.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value, gradient = symopt.compile(cost, wrt)(**{s.name: v for s, v in point.items()})
    derivation = symopt.derive(cost, wrt, at=point)
    shown_value = derivation.numbers[derivation.forward.output.symbol]
    assert _same(_shown(shown_value), float(value)), str(derivation)
    if float(value) == 0:  # the sign of a zero cost, as the code's
        assert (shown_value is NEGATIVE_ZERO) == (math.copysign(1.0, float(value)) < 0), str(derivation)
    for symbol, number in zip(wrt, gradient):
        assert _same(_shown(derivation.numbers[adjoint_symbol(symbol)]), float(number)), str(derivation)
    lines = str(symopt.graph(cost, at=point)).splitlines()
    for symbol, number in zip(wrt, gradient):
        line = next(line for line in lines if line.startswith(f"{symbol.name} = "))
        drawn = line.split(f"dJ/d{symbol.name} = ")[1]  # "-1 (compiled: undefined)": derive's line, then compile's
        assert _same(_graph_number(drawn.split(" (compiled: ")[-1].rstrip(")")), float(number), 1e-4), line


SIGNED = [0.0, -0.0, math.inf, -math.inf, 1.0, -1.0]


@pytest.mark.parametrize("y_value", SIGNED)
@pytest.mark.parametrize("x_value", SIGNED)
def test_atan2_of_zeros_and_infinities_is_numpys(x_value, y_value):
    """Q11: atan2 where an argument is ±0 or ±∞ is numpy.arctan2's number, the sign of a zero result included."""
    def number(v):
        return NEGATIVE_ZERO if v == 0 and math.copysign(1.0, v) < 0 else sympy.Float(v) if math.isinf(v) \
            else sympy.Integer(int(v))
    shown = evaluate(sympy.atan2(y, x), {y: number(y_value), x: number(x_value)})
    expected = float(np.arctan2(y_value, x_value))
    assert float(shown) == pytest.approx(expected, rel=1e-15, abs=0)
    if expected == 0:
        assert (shown is NEGATIVE_ZERO) == (math.copysign(1.0, expected) < 0)


def test_explain_names_the_pole_inside_a_step():
    """Q10: explain said the exact gradient is 0 and the code's NaN an overflow; the pole is 1/w inside atan(1/w)."""
    text = str(symopt.explain(w + sympy.atan(1 / w), [w], at={w: 0}))
    assert "exact gradient" not in text
    assert "1/w = ∞ inside u = atan(1/w)" in text, text


def test_explain_of_a_cost_fed_a_value_without_a_real_number():
    """Q12 in explain: |log(-w)| at w = 1 is NaN in the code, because log(-1) has no real value."""
    text = str(symopt.explain(sympy.Abs(sympy.log(-w)), [w], at={w: 1}))
    assert "u = log(-w) has no real value at w = 1" in text, text
