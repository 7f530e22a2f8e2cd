"""probe27 P27-4: ``loggamma`` / ``log(gamma)`` / ``log(factorial)`` of data above about 2.56e305, where
:math:`\\ln\\Gamma(x)` exceeds float64, raised a bare ``OverflowError`` from ``math.lgamma`` (``gamma`` had its IEEE
fallback, these did not).  Now ``inf``, as ``scipy.special.gammaln`` gives, and ``minimize`` names the data entry.
Oracles: ``scipy.special.gammaln``, ``math.lgamma`` below the overflow."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import scipy.special
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError

FUNCTIONS = {"loggamma": sympy.loggamma, "log gamma": lambda t: sympy.log(sympy.gamma(t)),
             "log factorial": lambda t: sympy.log(sympy.factorial(t - 1))}


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("value", [3e305, 1e308, 1.7976931348623157e308, 1e300, 2.5e305])
def test_scalar_path_overflows_to_inf_as_scipy(name, value):
    y = sympy.Symbol("y", real=True)
    expected = float(scipy.special.gammaln(value))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # NumPy's overflow warning, as for numpy.exp(1000)
        got = symopt.evaluate(FUNCTIONS[name](y), {"y": value})
    assert got == expected if math.isinf(expected) else got == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("name", FUNCTIONS)
def test_array_path_overflows_to_inf_as_scipy(name):
    x = symopt.Placeholder("x", (None, 1))
    data = np.array([[1e308], [2.0], [3e305], [50.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        got = symopt.evaluate(x.applyfunc(FUNCTIONS[name]), {x: data})
    np.testing.assert_allclose(np.asarray(got, dtype=float), scipy.special.gammaln(data), rtol=1e-14)


def test_a_poisson_fit_names_the_count_that_overflows():
    x, a = symopt.Placeholder("x", (None, 1)), symopt.Variable("a", 0.5)
    cost = ops.sum(x.applyfunc(lambda t: sympy.exp(a) - t * a + sympy.loggamma(t + 1)))
    for method in ("lbfgs", None):
        options = {"method": method} if method else {"steps": 3}
        with pytest.raises(DivergenceError, match=r"because of the data: loggamma\(x \+ 1\) is inf at x\[1, 0\] = 1e\+308"):
            symopt.minimize(cost, a, data={x: np.array([[1.0], [1e308], [3.0]])}, **options)
