"""probe66 P66-3: L-BFGS-B's "ABNORMAL" stop (SciPy >= 1.15 appends no reason) came back as 'L-BFGS-B: ABNORMAL: ' with
success=False even at the global minimum.  It now says what stopped (its line search found no lower cost) and gets
the verdict of L-BFGS-B's other stop where the cost stopped changing.  Oracles: scipy.optimize.minimize called
directly (the same point, "RELATIVE REDUCTION OF F"), Goldstein-Price's known minimum 3 at (0, -1), hand NumPy."""

import numpy as np
import pytest
import sympy
from scipy.optimize import minimize as scipy_minimize

import symopt


def _goldstein_price(x, y):
    return (1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)) * \
        (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2))


def test_an_abnormal_stop_at_the_global_minimum_is_converged_to_rounding():
    x, y = symopt.Variable("x", 0.5), symopt.Variable("y", -0.5)
    result = symopt.minimize(_goldstein_price(x, y), [x, y], method="lbfgs", tol=1e-8)
    xs, ys = sympy.symbols("x y")
    cost = _goldstein_price(xs, ys)
    gradient = sympy.lambdify([(xs, ys)], [sympy.diff(cost, s) for s in (xs, ys)])
    oracle = scipy_minimize(sympy.lambdify([(xs, ys)], cost), [0.5, -0.5], method="L-BFGS-B",
                            jac=lambda p: np.array(gradient(p), dtype=float), options={"gtol": 1e-8, "ftol": 1e-15})
    point = [float(result.params[x]), float(result.params[y])]
    assert point == pytest.approx(list(oracle.x), abs=1e-8) and point == pytest.approx([0.0, -1.0], abs=1e-8)
    assert result.value == pytest.approx(3.0, rel=1e-12)  # the global minimum
    if "ABNORMAL" in result.message:  # SciPy 1.17's stop on symopt's gradient (the oracle's rounding says status 0)
        assert result.message.startswith("L-BFGS-B: ABNORMAL: its line search found no lower cost")
    assert result.success and "converged to rounding" in result.message


def test_an_abnormal_stop_at_a_tie_of_two_branches_says_why():
    x, y = symopt.Variable("x", 2.0), symopt.Variable("y", -1.0)
    result = symopt.minimize(sympy.Max(x ** 2, (y - 1) ** 2, x + y), [x, y], method="lbfgs")
    # the oracle, by hand: x**2 and (y - 1)**2 tie at 4 there; down one branch's gradient the other keeps the max at 4
    assert all(max((2 - h) ** 2, 4.0, 1 - h) >= 4.0 for h in (1e-9, 1e-7, 1e-5))
    assert result.steps == 0 and not result.success
    assert result.message.startswith("L-BFGS-B: ABNORMAL: its line search found no lower cost")
    assert "kink" in result.message and not result.message.endswith(": ")
