"""runtime.sigmoid: the fast form keeps float32/float64, never warns, and is accurate in both tails."""

import warnings

import mpmath
import numpy as np
import pytest

from symopt import runtime

DTYPES = (np.float32, np.float64)
# Down to where e^{-x} overflows the dtype (then the true value is below the smallest normal).
LEFT_TAIL = {np.float32: (-20.0, -50.0, -80.0, -87.0), np.float64: (-20.0, -100.0, -500.0, -700.0)}


def reference(x: float) -> float:
    with mpmath.workdps(50):
        return float(1 / (1 + mpmath.exp(-mpmath.mpf(x))))


@pytest.mark.parametrize("dtype", DTYPES)
def test_sigmoid_keeps_dtype_and_never_warns_at_extremes(dtype):
    x = np.array([-1e4, -1000.0, -745.0, -89.0, 0.0, 89.0, 745.0, 1000.0, 1e4], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = runtime.sigmoid(x)
        scalar = runtime.sigmoid(dtype(-1000.0))
    assert values.dtype == dtype and np.dtype(type(scalar)) == dtype
    assert values[0] == 0.0 and values[-1] == 1.0 and values[4] == 0.5 and scalar == 0.0
    assert np.all((values >= 0) & (values <= 1))


@pytest.mark.parametrize("dtype", DTYPES)
def test_sigmoid_relative_accuracy_in_both_tails(dtype):
    """A few ulp relative in the left tail (where 0.5+0.5·tanh(x/2) loses every digit) and at 0."""
    points = LEFT_TAIL[dtype] + (-5.0, -0.5, 0.5, 5.0, 15.0)
    values = runtime.sigmoid(np.array(points, dtype=dtype))
    expected = np.array([reference(x) for x in points])
    np.testing.assert_allclose(values.astype(float), expected, rtol=4 * np.finfo(dtype).eps, atol=0)


def test_sigmoid_far_right_tail_is_one_minus_a_rounding():
    x = np.array([38.0, 40.0, 1000.0])
    assert np.all(runtime.sigmoid(x) == 1.0)
    assert runtime.sigmoid(np.array([30.0])) < 1.0
