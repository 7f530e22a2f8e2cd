"""45a-4, 45a-5, 45a-8: verdicts that main gave right and fix45a broke.

Oracles: sympy.hessian at the end point (a saddle has a negative eigenvalue; a valley of
minima is reached to tol), scikit-learn's Lasso for the L1 minimum.
"""
import warnings

import numpy as np
import sympy
from sklearn.linear_model import Lasso

import symopt


def test_a_saddle_beside_a_stiff_direction_is_still_caught():
    """45a-4: x**2 + y**4/4 - y**2/2 + 1e6*(a-1)**2 stops at (0, 0, 1), a saddle (H = diag(2, -1, 2e6))."""
    x, y, a = (symopt.Variable(name, 0.0) for name in "xya")
    cost = x**2 + y**4 / 4 - y**2 / 2 + 1e6 * (a - 1) ** 2
    result = symopt.minimize(cost, {x: 1.0, y: 0.0, a: 1.0}, optimizer=symopt.Adam(0.01), steps=200000, tol=1e-6)
    X, Y, A = sympy.symbols("X Y A")
    oracle = X**2 + Y**4 / 4 - Y**2 / 2 + 10**6 * (A - 1) ** 2
    end = {X: float(result.params[x]), Y: float(result.params[y]), A: float(result.params[a])}
    eigenvalues = [float(e) for e in sympy.hessian(oracle, (X, Y, A)).subs(end).eigenvals(multiple=True)]
    assert min(eigenvalues) < -0.5
    assert result.success is False


def test_a_loose_tol_stop_above_a_curved_valley_keeps_its_success():
    """45a-8: (a**2*b - 2)**2 from (10, 10), Adam(0.05), tol=0.1 ends next to the valley a**2*b = 2."""
    a, b = symopt.Variable("a", 0.0), symopt.Variable("b", 0.0)
    result = symopt.minimize((a**2 * b - 2) ** 2, {a: 10.0, b: 10.0}, optimizer=symopt.Adam(0.05), steps=20000, tol=0.1)
    A, B = sympy.symbols("A B")
    oracle = (A**2 * B - 2) ** 2
    end = {A: float(result.params[a]), B: float(result.params[b])}
    gradient = [abs(float(sympy.diff(oracle, s).subs(end))) for s in (A, B)]
    assert max(gradient) <= 0.1
    assert float(oracle.subs(end)) < 1e-3
    assert result.success is True


def test_lbfgs_at_the_minimum_of_a_small_scale_lasso_keeps_its_success():
    """45a-5: a minimum on Abs's kink (inactive entries at 0) is a minimum, not a kink stall."""
    rng = np.random.default_rng(3)
    rows, columns, penalty, scale = 60, 4, 0.05, 1e-3
    data = rng.normal(size=(rows, columns))
    target = data @ np.array([1.5, 0.0, -0.7, 0.0]) + 0.1 * rng.normal(size=rows)
    weights = [symopt.Variable(f"w{i}", 0.0) for i in range(columns)]
    predictions = [sum(data[k, i] * weights[i] for i in range(columns)) for k in range(rows)]
    squares = sum((p - target[k]) ** 2 for k, p in enumerate(predictions)) / (2 * rows)
    cost = 1 + scale * (squares + penalty * sum(sympy.Abs(w) for w in weights))
    oracle = Lasso(alpha=penalty, fit_intercept=False, tol=1e-14, max_iter=100000).fit(data, target).coef_
    oracle_cost = float(cost.subs(dict(zip(weights, oracle))))
    for start in (0.1, -0.3):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = symopt.minimize(cost, {w: start for w in weights}, method="lbfgs", tol=1e-7)
        assert float(result.value) - oracle_cost < 1e-9
        assert result.success is True, result.message
