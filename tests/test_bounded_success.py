"""probe16 Z3: ``method="lbfgs"`` with ``bounds=`` judged success by the raw gradient.  A minimum on a bound
(non-negative least squares: the gradient entry of a coefficient held at 0 is positive) was ``success=False``, and
SciPy's early stop with a one-sided bound at a point that is no minimum was ``success=True`` "converged to
rounding".  Oracles: ``scipy.optimize.nnls``; the KKT conditions checked by hand; for the false stop, the same run
with a finite other side (SciPy then finds the minimum on the active bound) and the gradient at the stop."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.optimize
import sympy

import symopt
from symopt import ops


@pytest.mark.parametrize("tol", [None, 1e-6])
def test_non_negative_least_squares_is_a_success(tol):
    rng = np.random.default_rng(0)
    A = rng.normal(size=(30, 3))
    b = A @ [[1.0], [-2.0], [0.5]] + 0.1 * rng.normal(size=(30, 1))
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    result = symopt.minimize(ops.sum(ops.square(X @ W - y)), W, data={X: A, y: b}, method="lbfgs",
                             bounds={W: (0, None)}, tol=tol)
    np.testing.assert_allclose(result[W].ravel(), scipy.optimize.nnls(A, b.ravel())[0], atol=1e-6)
    gradient = 2 * A.T @ (A @ result[W] - b)
    assert result[W][1, 0] == 0 and gradient[1, 0] > 1  # active bound, pushing outwards: a KKT point
    assert result.success, result.message


@pytest.mark.parametrize("bounds, expected", [((0.5, 2), 0.5), ((0, 0.3), 0.3)])
def test_a_minimum_on_the_bound_of_a_scalar_meets_tol(bounds, expected):
    lam = symopt.Variable("L", 1.0)
    result = symopt.minimize(25 * lam - 10 * sympy.log(lam), lam, method="lbfgs", bounds={lam: bounds}, tol=1e-8)
    assert result[lam] == pytest.approx(expected) and result.success, result.message


def _rosenbrock():
    x, y = symopt.Variable("x", -1.2), symopt.Variable("y", 1.0)
    return x, y, (1 - x) ** 2 + 100 * (y - x ** 2) ** 2


@pytest.mark.parametrize("tol", [None, 1e-10])
def test_a_stop_that_is_no_minimum_is_no_success(tol):
    x, y, cost = _rosenbrock()
    result = symopt.minimize(cost, {x: -1.2, y: 1.0}, method="lbfgs", bounds={x: (-2, 0.5), y: (None, 0.2)}, tol=tol)
    gradient = symopt.compile(cost, [x, y])(x=result[x], y=result[y])[1]
    inside = -2 < result[x] < 0.5 and result[y] < 0.2
    if inside and max(abs(g) for g in gradient) > 1e-3:  # SciPy's early stop (1.15 on): an interior non-minimum
        assert not result.success, result.message
        assert "no minimum" in result.message and "(-999999.8, 0.2) for (None, 0.2)" in result.message
    # following the advice finds the minimum on y = 0.2 (the oracle: SciPy with a finite lower side)
    fixed = symopt.minimize(cost, {x: -1.2, y: 1.0}, method="lbfgs", bounds={x: (-2, 0.5), y: (-999999.8, 0.2)},
                            tol=tol)
    reference = scipy.optimize.minimize(scipy.optimize.rosen, [-1.2, 1.0], jac=scipy.optimize.rosen_der,
                                        method="trust-constr", bounds=[(-2, 0.5), (-np.inf, 0.2)])
    assert fixed.success, fixed.message
    np.testing.assert_allclose([fixed[x], fixed[y]], reference.x, atol=1e-5)
    assert fixed.value < result.value or result.success


@pytest.mark.parametrize("bounds", [(0, None), (0, 2)])
def test_a_bound_on_the_edge_of_the_domain_is_named_and_its_fix_works(bounds):
    """probe16 Z3 addendum: with bounds={L: (0, None)} the error advised "run method='lbfgs' with bounds= that keep
    the parameters inside the domain" to a user who did: the bound itself let L-BFGS-B reach log(0)."""
    lam = symopt.Variable("L", 1.0)
    cost = 25 * lam - 10 * sympy.log(lam)
    with pytest.raises(symopt.errors.DivergenceError, match=r"bounds= let it reach L = 0, its lower bound.*"
                                                            r"\(1e-09 instead of 0\)") as caught:
        symopt.minimize(cost, lam, method="lbfgs", bounds={lam: bounds})
    assert "run method='lbfgs' with bounds=" not in str(caught.value)
    fixed = symopt.minimize(cost, lam, method="lbfgs", bounds={lam: (1e-09, bounds[1])})
    assert fixed.success and fixed[lam] == pytest.approx(0.4, rel=1e-6)  # 25 - 10/L = 0, by hand
