"""probe27 P27-1, P27-2, P27-3: ``bounds=`` of ``method="lbfgs"``.

* P27-2: a NaN side (``(1.0, nan)``, an array with a NaN entry: what ``numpy.min`` of data holding a NaN gives) was
  read as "no bound" by SciPy's L-BFGS-B, and the fit came back unconstrained with ``success=True``.  Now a
  ConfigurationError naming the bound and saying to use None.
* P27-3: a low side of +inf (or a high of -inf) admits no real point; it was clipped into the start and blamed on
  the start ("start where the cost is finite").  Now refused like ``low > high``.  SymPy's numbers
  (``sympy.oo``, ``Rational``, ``pi``) are taken as their floats.
* P27-1: bounds fixing every entry (``low == high``) crashed with a bare ``AttributeError: nit``; SciPy returns the
  point itself, and so does symopt now, as a Result.

Oracles: scipy.optimize.minimize on the same problem; the cost at the fixed point by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.optimize
import sympy

import symopt
from symopt import ops
from symopt.errors import ConfigurationError


@pytest.mark.parametrize("pair, side", [((1.0, np.nan), "high"), ((np.nan, None), "low"), ((None, np.nan), "high"),
                                        ((np.nan, 1.0), "low"), ((np.nan, np.nan), "low"), ((sympy.nan, None), "low"),
                                        ((np.float32("nan"), 2.0), "low")])
def test_a_nan_bound_is_refused(pair, side):
    w = symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError, match=rf"bounds for w: .*given a {side} bound of NaN.*use None for no bound"):
        symopt.minimize((w - 3) ** 2, w, method="lbfgs", bounds={w: pair})


def test_a_nan_entry_of_an_array_bound_is_refused_and_named():
    th = symopt.Variable("th", np.zeros(3))
    cost = ops.sum(th.applyfunc(lambda t: (t - 3) ** 2))
    with pytest.raises(ConfigurationError, match=r"bounds for th: .*low bound of NaN \(at entry \[1\]\).*use None"):
        symopt.minimize(cost, th, method="lbfgs", bounds={th: (np.array([0.0, np.nan, 0.0]), None)})


@pytest.mark.parametrize("pair, side", [((np.inf, None), "low"), ((None, -np.inf), "high"), ((np.inf, np.inf), "low"),
                                        ((sympy.oo, None), "low"), ((None, -sympy.oo), "high")])
def test_a_side_no_real_number_meets_is_refused_like_low_above_high(pair, side):
    w = symopt.Variable("w", 0.0)
    with pytest.raises(ConfigurationError, match=rf"bounds for w: expected \(low, high\) with low <= high.*{side} bound "
                                                 rf"of -?inf.*Use None for no {side} bound"):
        symopt.minimize((w - 3) ** 2, w, method="lbfgs", bounds={w: pair})


@pytest.mark.parametrize("pair", [(0, sympy.oo), (sympy.Rational(1, 2), sympy.pi), (-sympy.oo, 2), (5, sympy.oo),
                                  (sympy.Integer(-1), sympy.Float(2.5)), (-np.inf, np.inf)])
def test_sympy_numbers_and_infinite_open_sides_are_bounds(pair):
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, method="lbfgs", bounds={w: pair})
    low, high = (float(side) for side in pair)
    reference = scipy.optimize.minimize(lambda x: (x[0] - 3) ** 2, [0.0], method="L-BFGS-B", bounds=[(low, high)])
    assert result[w] == pytest.approx(reference.x[0], abs=1e-6) and result.success, result.message


def test_bounds_fixing_every_parameter_return_that_point():
    a, b = symopt.Variable("a", 1.0), symopt.Variable("b", 1.0)
    cost = (a - 2) ** 2 + (b + 1) ** 2 + a * b
    result = symopt.minimize(cost, [a, b], method="lbfgs", bounds={a: (0.5, 0.5), b: (0.5, 0.5)})
    assert (result[a], result[b]) == (0.5, 0.5)
    assert result.value == pytest.approx((0.5 - 2) ** 2 + (0.5 + 1) ** 2 + 0.25) and result.success
    assert result.steps == 0 and list(result.history) == [pytest.approx(4.75)]
    assert "fixed by bounds" in result.message


def test_bounds_fixing_every_entry_of_a_vector_return_that_point():
    th = symopt.Variable("th", np.zeros(3))
    cost = ops.sum(th.applyfunc(lambda t: (t - 1) ** 2))
    fixed = np.array([0.0, 1.0, 2.0])
    result = symopt.minimize(cost, th, method="lbfgs", bounds={th: (fixed, fixed)})
    np.testing.assert_array_equal(result[th], fixed)
    assert result.value == pytest.approx(2.0) and result.success


def test_fixing_some_parameters_still_fits_the_rest():
    a, b = symopt.Variable("a", 1.0), symopt.Variable("b", 1.0)
    result = symopt.minimize((a - 2) ** 2 + (b + 1) ** 2 + a * b, [a, b], method="lbfgs", bounds={a: (0.5, 0.5)})
    assert result[a] == 0.5 and result[b] == pytest.approx(-1.25, abs=1e-6)  # d/db: 2(b + 1) + 0.5 = 0


@pytest.mark.parametrize("low, high, cost", [(0.7, 1.0, lambda p: p ** 2), (0.0, 0.3, lambda p: -p ** 2),
                                             (0.0, 1e-6, lambda p: -p ** 2), (0.1, 2.0, lambda p: p ** 2)])
def test_a_float32_parameter_at_a_bound_comes_back_inside_the_box(low, high, cost):
    p = symopt.Variable("p", 0.05 if high == 1e-6 else 0.25, dtype="float32")
    result = symopt.minimize(cost(p), p, method="lbfgs", bounds={p: (low, high)})
    value = result[p]
    assert isinstance(value, np.float32) and low <= float(value) <= high
    bound = low if cost(sympy.Integer(2)) > 0 else high
    assert abs(float(value) - bound) <= float(np.spacing(np.float32(bound)))  # the nearest float32 inside


def test_a_float32_vector_at_a_bound_comes_back_inside_the_box():
    W = symopt.Variable("W", np.full(3, 0.9), dtype="float32")
    result = symopt.minimize(ops.sum(W.applyfunc(lambda w: w ** 2)), W, method="lbfgs", bounds={W: (0.7, None)})
    assert result[W].dtype == np.float32 and (result[W].astype(float) >= 0.7).all()
