"""probe87 P87-4: a float32 cost whose folded constant is below float32's smallest normal number (SymPy writes
(x/1e20)**2 as 1e-40*x**2, and x**2 overflows first) is refused with a typed error naming the constant, the dtype and
what to do, never computed as a silent 0 with success=True.  Oracles: JAX float32 of the cost as written (eager):
0.36787945 and slope -0.7357589 at w = 1, x = 1e20; symopt computes it in float64 (hand: exp(-1) and -2*exp(-1))."""

import numpy as np
import pytest
import sympy

import symopt
from symopt.float_literals import ConstantRangeError


def gaussian_weight_cost(w, x):
    return (w - 2)**2 * sympy.exp(-(x / sympy.Float(1e20))**2)


def test_a_float32_denormal_constant_is_refused_by_compile_and_minimize():
    w = symopt.Variable("w", 1.0, dtype="float32")
    x = symopt.Placeholder("x", dtype="float32")
    assert np.float32(1e-40) < np.finfo(np.float32).smallest_normal  # the oracle: 1e-40 is a float32 denormal
    message = r"1\.0+e-40 is below float32's smallest normal number.*dtype='float64'.*u = x/1e20"
    with pytest.raises(ConstantRangeError, match=message):
        symopt.compile(gaussian_weight_cost(w, x), w)
    with pytest.raises(ConstantRangeError, match=message):
        symopt.minimize(gaussian_weight_cost(w, x), w, data={x: np.float32(1e20)}, steps=2,
                        optimizer=symopt.GradientDescent(0.5))


def test_the_advised_float64_computes_the_value():
    w = symopt.Variable("w", 1.0)
    x = symopt.Placeholder("x")
    value, slope = symopt.compile(gaussian_weight_cost(w, x), w, dtype="float64")(w=1.0, x=1e20)
    assert value == pytest.approx(np.exp(-1.0), rel=1e-12) and slope == pytest.approx(-2 * np.exp(-1.0), rel=1e-12)


def test_ordinary_float32_constants_still_compile():
    w = symopt.Variable("w", 1.0, dtype="float32")
    value, _ = symopt.compile(sympy.Float(1e-30) * w**2 + w, w)(w=np.float32(1.0))
    assert value == pytest.approx(1.0)  # 1e-30 is a normal float32 number
