"""probe45 P45-2: a run that starts on a local maximum or a saddle (the gradient is 0 there) reported success=True
after 0 steps for every method but Newton (SciPy's L-BFGS-B does too).  symopt has the exact Hessian: a run that
stopped where it started, with a Hessian that has a negative eigenvalue there (over the entries not on a bound), is now
success=False, the message naming the eigenvalues; a minimum, a flat minimum and a concave cost's minimum on a corner
of the box keep their success."""

import numpy as np
import pytest
import sympy
from scipy.optimize import minimize as scipy_minimize

import symopt

METHODS = [dict(method="lbfgs"), dict(method="bfgs"), dict(method="trust-ncg"), dict(method="newton-cg"),
           dict(optimizer=symopt.Adam(0.1), steps=100, tol=1e-8)]


def _double_well():
    w, v = symopt.Variable("w", 0.0), symopt.Variable("v", 0.0)
    return w, v, (w ** 2 - 1) ** 2 + (v ** 2 - 1) ** 2


def test_the_oracle_hessian_at_the_start_is_negative_definite_and_scipy_claims_success():
    ws, vs = sympy.symbols("w v")
    hessian = sympy.hessian((ws ** 2 - 1) ** 2 + (vs ** 2 - 1) ** 2, (ws, vs)).subs({ws: 0, vs: 0})
    assert hessian == sympy.Matrix([[-4, 0], [0, -4]])
    scipy = scipy_minimize(lambda x: (x[0] ** 2 - 1) ** 2 + (x[1] ** 2 - 1) ** 2, np.zeros(2), method="L-BFGS-B",
                           jac=lambda x: np.array([4 * x[0] * (x[0] ** 2 - 1), 4 * x[1] * (x[1] ** 2 - 1)]))
    assert scipy.success and np.array_equal(scipy.x, [0.0, 0.0])  # SciPy's own verdict: the trap


@pytest.mark.parametrize("options", METHODS, ids=lambda o: o.get("method", "adam"))
def test_a_run_that_stops_at_a_maximum_where_it_started_is_no_success(options):
    w, v, cost = _double_well()
    result = symopt.minimize(cost, [w, v], **options)
    assert result[w] == 0.0 and result[v] == 0.0 and result.value == 2.0
    assert not result.success
    assert "the Hessian curves down there (its smallest eigenvalue -4, 2 of 2 negative): a maximum or a saddle point, " \
        "not a minimum" in result.message
    assert "to maximize U, minimize -U" in result.message


@pytest.mark.parametrize("options", METHODS[:2] + METHODS[4:], ids=lambda o: o.get("method", "adam"))
def test_a_saddle_is_no_success_and_a_minimum_keeps_its_success(options):
    w, v = symopt.Variable("w", 0.0), symopt.Variable("v", 0.0)
    saddle = symopt.minimize(w ** 2 - v ** 2 + v ** 4, [w, v], **options)
    assert not saddle.success and "(its smallest eigenvalue -2, 1 of 2 negative)" in saddle.message
    for cost in (w ** 2 + v ** 2, w ** 4 + v ** 2):  # a minimum, and a flat one (Hessian [0, 2])
        assert symopt.minimize(cost, [w, v], **options).success


def test_a_concave_costs_minimum_on_a_corner_of_the_box_keeps_its_success():
    w = symopt.Variable("w", 1.0)
    result = symopt.minimize(-(w ** 2), w, method="lbfgs", bounds={w: (0.0, 1.0)})
    assert result.success and result[w] == 1.0  # on its bound: the Hessian -2 is not over a free entry


def test_a_rounding_eigenvalue_at_a_minimum_keeps_scipys_verdict():
    """final39a F39a-4: with an entry on a bound, the check read a rounding eigenvalue (-5e-16 of a collinear
    least squares, PSD by construction) as negative curvature and called its minimum "a maximum or a saddle point"."""
    rng = np.random.default_rng(0)
    A = rng.normal(size=(30, 2))
    data = np.c_[A, A @ [0.3, 0.7]]
    assert np.linalg.eigvalsh(2 * data.T @ data / 30)[0] < 0  # the rounding this test is about
    X, w, c = symopt.Placeholder("X", shape=(None, 3)), symopt.Variable("wv", np.zeros(3)), symopt.Variable("c", 0.0)
    result = symopt.minimize(symopt.ops.mean(symopt.ops.square(X @ w)) + c, [w, c], data={X: data}, method="lbfgs",
                             bounds={c: (0, 1)})
    assert result.success and "curves down" not in result.message


def test_a_start_on_a_bound_where_the_cost_curves_down_into_the_box_is_no_success():
    """final39a F39a-1: entries on a bound were left out of the check, so nonnegativity bounds brought back
    success=True at the double well's maximum; a bound entry with zero gradient and curvature below 0 can step into
    the box and lower the cost.  One whose gradient holds it on the bound keeps SciPy's verdict."""
    w, v, u, r = (symopt.Variable(name, 0.0) for name in "wvur")
    well = symopt.minimize((w ** 2 - 1) ** 2 + (v ** 2 - 1) ** 2, [w, v], method="lbfgs",
                           bounds={w: (0, None), v: (0, None)})
    assert not well.success and "not a minimum" in well.message
    assert not symopt.minimize(-(u ** 2), u, method="lbfgs", bounds={u: (0, 1)}).success  # its minimum is at 1
    held = symopt.minimize(r ** 2 + r, r, method="lbfgs", bounds={r: (0, 1)})  # gradient 1 at the bound 0
    assert held.success and held[r] == 0.0
    assert scipy_minimize(lambda x: (x[0] ** 2 - 1) ** 2 + (x[1] ** 2 - 1) ** 2, [0.0, 0.0], method="L-BFGS-B",
                          bounds=[(0, None), (0, None)]).success  # SciPy's own verdict there
