"""The math program and the NumPy program of one compiled function pick the same one of two equal zeros in Max / Min
/ relu (core10's note): Python's max kept the first, numpy.maximum the later, so atan2(Max(0, -w), -1) at w = 0 was
pi from the math program and -pi from its NumPy version."""

import math

import numpy
import pytest
import sympy

import symopt

w = symopt.Variable("w", 1.0)
INNER = {"Max(0, -w)": sympy.Max(0, -w), "Max(-w, 0)": sympy.Max(-w, 0), "Min(0, -w)": sympy.Min(0, -w),
         "Min(-w, 0)": sympy.Min(-w, 0), "relu(-w)": symopt.relu(-w), "Max(0, -w, -2w)": sympy.Max(0, -w, -2 * w)}


@pytest.mark.parametrize("name", sorted(INNER))
@pytest.mark.parametrize("at", [0.0, -0.0])
def test_both_programs_take_the_same_zero(name, at):
    f = symopt.compile(sympy.atan2(INNER[name], -1) + w, w)
    assert f.module == "math"
    value, _ = f(w=at)
    expected, _ = f.numpy_version()(numpy.float64(at))
    assert math.copysign(1.0, value) == math.copysign(1.0, float(expected)) and value == pytest.approx(float(expected))


def test_the_float_extrema_fold_as_numpy():
    from symopt.runtime import float_max, float_min
    for a, b in [(0.0, -0.0), (-0.0, 0.0), (1.0, 2.0), (2.0, 1.0)]:
        assert math.copysign(1, float_max(a, b)) == math.copysign(1, numpy.maximum(a, b)) and float_max(a, b) == numpy.maximum(a, b)
        assert math.copysign(1, float_min(a, b)) == math.copysign(1, numpy.minimum(a, b)) and float_min(a, b) == numpy.minimum(a, b)
    assert math.isnan(float_max(0.0, math.nan)) and math.isnan(float_min(math.nan, 0.0))
