"""The scalar ``math`` backend gives NumPy's NaN where an argument is NaN: Python's ``max(0.0, nan)`` is 0.0 and
a NaN is truthy, so ``Max``, ``Min``, ``sign`` (the derivative of ``Abs``) and ``Heaviside`` used to swallow it."""

import math

import numpy as np
import pytest
import sympy

import symopt
from symopt import runtime

w = symopt.Variable("w_nan", 3.0)
EXPRESSIONS = [sympy.Max(w, 0) + sympy.Min(w, 1), sympy.Max(0, w), sympy.Min(w, 1), sympy.Max(w, 0, 1 - w),
               sympy.Max(w, 0) ** 2, sympy.sign(w) * w, sympy.Heaviside(w) * w, sympy.Abs(w), sympy.Min(w ** 2, 10),
               sympy.Heaviside(w - 1, 0)]


def _numpy_oracle(expr):
    """SymPy's own NumPy translation of the value and of sympy.diff (DiracDelta as 0: the derivative almost
    everywhere): independent of symopt's printers."""
    modules = [{"Heaviside": lambda x, at_zero=0.5: np.heaviside(x, at_zero)}, "numpy"]  # lambdify's own is 1 at NaN
    value = sympy.lambdify(w, expr, modules)
    slope = sympy.lambdify(w, sympy.diff(expr, w).replace(sympy.DiracDelta, lambda *args: 0), modules)
    return lambda x: (value(np.float64(x)), slope(np.float64(x)))


@pytest.mark.parametrize("expr", EXPRESSIONS, ids=str)
@pytest.mark.parametrize("x", [math.nan, -2.0, -0.0, 0.0, 0.25, 1.0, 2.0])
def test_math_and_numpy_backends_agree_with_numpy(expr, x):
    f = symopt.compile(expr, [w])
    assert f.module == "math"
    with np.errstate(all="ignore"):
        value, (slope,) = f({w: x})
        numpy_value, (numpy_slope,) = f.numpy_version()(np.float64(x))
    np.testing.assert_array_equal([value, slope], [numpy_value, numpy_slope])
    if math.isnan(x):
        assert math.isnan(value)
    oracle_value, oracle_slope = _numpy_oracle(expr)(x)
    assert value == oracle_value or (math.isnan(value) and math.isnan(oracle_value))
    # kinks: conventions differ (symopt's sign(0) slope is 0, Max picks a side); at NaN the slope of Max / Min is
    # 0 as in TF1 (tf.maximum's gradient mask x >= y is false), where sympy.diff's Heaviside(nan) is NaN
    if x not in (0.0, 1.0) and not (math.isnan(x) and expr.has(sympy.Max, sympy.Min)):
        assert np.isnan(oracle_slope) == np.isnan(slope) and (np.isnan(slope) or slope == oracle_slope)


def test_the_float_helpers():
    assert math.isnan(runtime.float_max(0.0, math.nan)) and math.isnan(runtime.float_max(math.nan, 0.0))
    assert runtime.float_max(1.0, 3.0, 2.0) == 3.0 and runtime.float_min(1.0, 3.0, -2.0) == -2.0
    assert math.isnan(runtime.float_min(1.0, math.nan, 2.0))
    assert [runtime.float_sign(v) for v in (-3.0, -0.0, 0.0, 2.0)] == [-1.0, 0.0, 0.0, 1.0]
    assert math.isnan(runtime.float_sign(math.nan))
    assert [runtime.float_heaviside(v, 0.5) for v in (-1.0, 0.0, 1.0)] == [0.0, 0.5, 1.0]
    assert math.isnan(runtime.float_heaviside(math.nan, 0.5))


def test_evaluate_at_nan_is_nan():
    assert math.isnan(symopt.evaluate(sympy.Max(w, 0), {w: math.nan}))
