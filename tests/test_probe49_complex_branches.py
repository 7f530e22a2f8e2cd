"""probe49 P49-2: a ``Max`` whose argument holds a ``Piecewise`` with a branch SymPy folds to a complex constant
(``(-1)**(3/2)``, ``log(-1)``) in a branch not taken: ``compile``, ``grad`` and ``minimize`` raised a bare
``TypeError`` on a cost that is real at the point.  Oracle: ``evaluate`` / hand values and central differences."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy
from sympy import Max, Piecewise, Rational, atan2, log, sign, sqrt

import symopt

w = symopt.Variable("w", 0.5)
v = symopt.Variable("v", 0.5)

POWER = Max(2, Max(-1, w, Piecewise((-1, v < -1), (Rational(-2, 5), True))) ** Rational(3, 2))
SQRT_SIGN = Max(w, sqrt(sign(Piecewise((v, v > Rational(1, 2)), (w, True)))))
LOG = Max(-1, log(Piecewise((-1, v < 0), (w, True))))
#: the folded branch is not a number but still not real: atan2(-I/pi, softplus(w)) (from the fuzzer's third run)
ANGLE = Max(-1, atan2(1 / log(Piecewise((-1, v < 0), (w, True))), symopt.softplus(w)))


def _central(cost, point, h=1e-6):
    def value(x):
        return float(symopt.evaluate(cost, {w: x, v: point[v]}))
    return (value(point[w] + h) - value(point[w] - h)) / (2 * h)


@pytest.mark.parametrize("cost, point", [
    (POWER, {w: 0.3, v: 0.7}), (POWER, {w: 2.0, v: 0.7}), (POWER, {w: 2.0, v: -2.0}),
    (SQRT_SIGN, {w: 0.3, v: 0.7}), (SQRT_SIGN, {w: 2.0, v: 0.7}), (SQRT_SIGN, {w: 0.3, v: 0.2}),
    (LOG, {w: 0.5, v: 1.0}), (LOG, {w: 0.2, v: 1.0}), (ANGLE, {w: 0.5, v: 1.0}), (ANGLE, {w: 3.0, v: 1.0}),
])
def test_compile_gives_the_value_and_slope_of_a_real_cost(cost, point):
    value, (dw, dv) = symopt.compile(cost, [w, v])(w=point[w], v=point[v])
    assert value == pytest.approx(float(symopt.evaluate(cost, point)), rel=1e-12)
    assert dw == pytest.approx(_central(cost, point), rel=1e-6, abs=1e-9)
    assert dv == 0.0


def test_the_hand_values_of_the_log_cost():
    f = symopt.compile(LOG, [w, v])
    assert f(w=0.5, v=1.0) == (pytest.approx(math.log(0.5)), [pytest.approx(2.0), 0.0])
    assert f(w=0.2, v=1.0) == (-1.0, [0.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value, _ = f(w=0.5, v=-1.0)  # log(-1): no real value, as log(Piecewise(...)) without the Max
    assert np.isnan(value)


def test_grad_of_the_log_cost_is_a_mask_without_complex_numbers():
    dw, dv = symopt.grad(LOG, [w, v])
    assert dv == 0
    assert not dw.has(sympy.I)
    assert float(dw.subs({w: 0.5, v: 1.0})) == pytest.approx(2.0)


@pytest.mark.parametrize("cost", [POWER, SQRT_SIGN])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_minimize_runs(cost, dtype):
    result = symopt.minimize(cost, {w: 0.3}, data={v: 0.7}, steps=2, dtype=dtype)
    assert float(result.params[w]) == pytest.approx(0.3)  # flat there: dJ/dw = 0 (evaluate's cost is 2.0 / 1.0)


def test_a_comparison_of_a_folded_complex_constant_is_no_complex_literal_in_the_code():
    """final40a F40a-6: SymPy keeps ``(log(2) + I*pi)**2 >= -1`` (the mask of a squared log of a branch folded to
    log(-2)) as a comparison, so ``1j`` reached the generated code and compile raised a bare TypeError ("'>=' not
    supported between instances of 'complex' and 'int'"). The branch has no real value: value and gradient are NaN
    there, as evaluate says, and a run from it is a DomainError."""
    w, v = symopt.Variable("w_f40a6", 0.3), symopt.Variable("v_f40a6", 0.0)
    cost = sympy.Max(-1, sympy.log(sympy.Piecewise((-2, v < 0), (w, True))) ** 2)
    function = symopt.compile(cost, [w, v])
    assert "1j" not in function.source
    value, gradient = function(w_f40a6=0.3, v_f40a6=-1.0)
    assert math.isnan(value) and math.isnan(gradient[0]) and math.isnan(symopt.evaluate(cost, {w: 0.3, v: -1.0}))
    value, gradient = function(w_f40a6=0.3, v_f40a6=0.7)
    assert value == pytest.approx(math.log(0.3) ** 2) and gradient[0] == pytest.approx(2 * math.log(0.3) / 0.3)
    with pytest.raises(symopt.errors.DomainError):
        symopt.minimize(cost, {w: 0.3}, data={v: -1.0}, steps=3)
