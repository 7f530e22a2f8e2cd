"""probe76 P76-3: the standalone text of a float64 scalar cost (a ``math`` program) answers where Python's floats
raise as the compiled function does, with NumPy's inf or nan, instead of raising ValueError/OverflowError.

Oracle: NumPy's float64 functions (``numpy.log(0.0)`` is -inf, ...) and the derivatives written by hand."""

import warnings

import numpy as np
import pytest
import sympy

import symopt

w = symopt.Variable("w", 1.0)

CASES = [  # cost, w, NumPy's value, NumPy's derivative
    (sympy.log(w), 0.0, -np.inf, np.inf),
    (sympy.log(w), -1.0, np.nan, -1.0),
    (sympy.exp(w), 1000.0, np.inf, np.inf),
    (sympy.sqrt(w), -4.0, np.nan, np.nan),
    (1 / w, 0.0, np.inf, -np.inf),
    (w ** 3, 1e200, np.inf, np.inf),
]


@pytest.mark.parametrize("cost, at, value, slope", CASES, ids=[f"{c} at {a}" for c, a, _, _ in CASES])
def test_standalone_source_gives_numpys_inf_and_nan(cost, at, value, slope):
    f = symopt.compile(cost, w)
    namespace = {}
    exec(f.standalone_source, namespace)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        got_value, (got_slope,) = namespace["value_and_grad"](at)
        np.testing.assert_array_equal([got_value, got_slope], [value, slope])
        value_at_2, (slope_at_2,) = namespace["value_and_grad"](2.0)  # the math program where it does not raise
        assert (value_at_2, slope_at_2) == f(w=2.0)
