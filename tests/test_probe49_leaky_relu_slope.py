"""probe49 P49-3: ``leaky_relu(x, a)`` at ``x > 0`` with a slope ``a`` that has no real value (``acos(2)``,
``log(-1)``) had the finite value ``x`` but the slope in ``x`` NaN (``a + (1-a)*step(x)``).  A slope that is an
expression now gives TF1's ``features > 0 ? 1 : alpha``.  Oracle: the table (``x`` for ``x > 0``, so dJ/dx = 1),
TF1's LeakyReluGrad, and central differences where ``a`` is real."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt.functions import step

w1 = symopt.Variable("w1_p49_3", 1.0)
w2 = symopt.Variable("w2_p49_3", 2.0)


@pytest.mark.parametrize("slope, w2_value", [(sympy.acos(w2), 2.0), (sympy.log(w2), -1.0)])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_slope_in_x_is_one_where_x_is_positive(slope, w2_value, dtype):
    cost = symopt.leaky_relu(w1, slope)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        value, (d_w1, _) = symopt.compile(cost, [w1, w2], dtype=dtype)(w1_p49_3=1.5, w2_p49_3=w2_value)
    assert float(value) == 1.5
    assert float(d_w1) == 1.0


@pytest.mark.parametrize("x", [1.5, -1.5, 0.0])
def test_a_real_expression_slope_keeps_its_slopes(x):
    cost = symopt.leaky_relu(w1, sympy.log(w2))
    value, (d_w1, d_w2) = symopt.compile(cost, [w1, w2])(w1_p49_3=x, w2_p49_3=0.5)
    assert d_w1 == pytest.approx(1.0 if x > 0 else np.log(0.5))  # TF1: features > 0 ? 1 : alpha (alpha at 0)
    assert d_w2 == pytest.approx(min(x, 0.0) / 0.5)
    h = 1e-6
    if x != 0.0:
        central = (float(symopt.evaluate(cost, {w1: x + h, w2: 0.5})) -
                   float(symopt.evaluate(cost, {w1: x - h, w2: 0.5}))) / (2 * h)
        assert d_w1 == pytest.approx(central, rel=1e-6)


def test_a_number_slope_keeps_its_textbook_derivative():
    x = sympy.Symbol("x", real=True)
    assert sympy.diff(symopt.leaky_relu(x, sympy.Rational(1, 5)), x) == \
        sympy.Rational(1, 5) + sympy.Rational(4, 5) * step(x)
