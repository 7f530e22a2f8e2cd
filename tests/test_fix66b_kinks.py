"""final43c F43c-4, F43c-8, F43c-12: a smooth cost of huge curvature at its solution is not called a kink; trust-ncg at
a cone's apex ends with the kink's words, not "rescale the data"; the kink advice does not offer a test entry by
entry, which a tie of Max branches passes at no minimum.  Oracles: numpy.linalg.lstsq and scipy.optimize.minimize
called directly, the cone's value by hand, the Max tie's descent direction by hand NumPy."""

import numpy as np
import sympy
from scipy.optimize import minimize as scipy_minimize

import symopt
from symopt import ops


def test_least_squares_with_a_covariate_in_dollars_is_not_called_a_kink():
    rng = np.random.default_rng(0)
    income = rng.uniform(2e5, 2e6, size=(1000, 1))
    design = np.hstack([np.ones((1000, 1)), income])
    target = design @ np.array([[3.0], [2e-6]]) + 0.1 * rng.normal(size=(1000, 1))
    X, t = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("t", (None, 1))
    W = symopt.Variable("W", np.zeros((2, 1)))
    result = symopt.minimize(ops.sum(ops.square(X @ W - t)), W, data={X: design, t: target}, method="lbfgs")
    best = np.linalg.lstsq(design, target, rcond=None)[0]
    direct = scipy_minimize(lambda w: float(np.sum((design @ w[:, None] - target) ** 2)), np.zeros(2),
                            jac=lambda w: (2 * design.T @ (design @ w[:, None] - target)).ravel(), method="L-BFGS-B")
    # the oracles: SciPy's own L-BFGS-B and lstsq reach the same cost; the cost is a polynomial, with no kink
    assert abs(direct.fun - float(np.sum((design @ best - target) ** 2))) < 1e-9
    assert abs(result.value - direct.fun) < 1e-9
    assert "kink" not in result.message and "Piecewise" not in result.message


def test_trust_ncg_at_a_cones_apex_names_the_kink_not_the_datas_scale():
    x, y = symopt.Variable("x", 0.7), symopt.Variable("y", 0.3)
    result = symopt.minimize(sympy.sqrt(x ** 2 + y ** 2), {x: 0.7, y: 0.3}, method="trust-ncg")
    end = np.array([float(result.params[x]), float(result.params[y])])
    # the oracle: the cost is the distance to the apex (0, 0), its global minimum, where the curvature 1/r has no bound
    assert np.hypot(*end) < 1e-50 and abs(result.value - np.hypot(*end)) <= 1e-12 * np.hypot(*end)
    assert not result.success and "kink" in result.message and "cone's apex" in result.message
    assert "rescale the data" not in result.message


def test_the_kink_advice_offers_no_entry_by_entry_test_a_tie_of_max_branches_passes():
    x, y = symopt.Variable("x", 2.0), symopt.Variable("y", -1.0)
    result = symopt.minimize(sympy.Max(x ** 2, (y - 1) ** 2, x + y), {x: 2.0, y: -1.0}, method="lbfgs")
    end = np.array([float(result.params[x]), float(result.params[y])])

    def cost(point):
        return max(point[0] ** 2, (point[1] - 1) ** 2, point[0] + point[1])
    # the oracle: each entry alone rises both ways at the tie (2, -1), yet (-1, 1) descends
    for axis in (np.array([1.0, 0.0]), np.array([0.0, 1.0])):
        assert cost(end + 0.1 * axis) >= cost(end) and cost(end - 0.1 * axis) >= cost(end)
    assert cost(end + 0.1 * np.array([-1.0, 1.0])) < cost(end) - 0.3
    assert not result.success and "kink" in result.message
    assert "each kinked entry both ways" not in result.message and "descent direction may mix entries" in result.message
