"""final43c F43c-5: L-BFGS-B stalled on the curved kink of a small-scale Abs cost, with a gradient above the user's
tol but below 1e-3·max(1, |J|), was "converged to rounding", success=True; where the cost does not fall down the
gradient (three evaluations, symopt.method_checks.kinked) it is now the kink verdict, success=False.

Oracle (by hand, sympy): Nesterov's nonsmooth Chebyshev-Rosenbrock 1 + 1e-4·(¼(a-1)² + |b - 2a² + 1| + |c - 2b² + 1|)
has its minimum 1 at (1, 1, 1); the returned point lies on both kinks, and moving along them (b = 2a² - 1,
c = 2b² - 1) toward a = 1 lowers the cost, so it is no minimum.  A smooth cost of the same scale keeps its success."""

import numpy as np
import pytest
import sympy

import symopt

a, b, c = (symopt.Variable(name, 0.0) for name in "abc")
COST = 1 + sympy.Rational(1, 10000) * (sympy.Rational(1, 4) * (a - 1) ** 2 + sympy.Abs(b - 2 * a ** 2 + 1)
                                       + sympy.Abs(c - 2 * b ** 2 + 1))
STARTS = np.random.default_rng(0).uniform(-1, 1, (6, 3))  # the review's script draws them one by one: the same


def _on_the_kinks_toward_one(end_a: float) -> float:
    """The cost by hand at a point of both kinks a tenth of the way from ``end_a`` to 1."""
    moved = end_a + (1 - end_a) / 10
    on_b = 2 * moved ** 2 - 1
    return float(COST.subs({a: moved, b: on_b, c: 2 * on_b ** 2 - 1}))


@pytest.mark.parametrize("start", [STARTS[4], STARTS[5]])
def test_a_stall_on_a_curved_kink_is_no_success(start):
    result = symopt.minimize(COST, {a: start[0], b: start[1], c: start[2]}, method="lbfgs", tol=1e-6)
    end = [float(result.params[v]) for v in (a, b, c)]
    assert _on_the_kinks_toward_one(end[0]) < result.value  # the oracle: lower on the kinks, toward (1, 1, 1)
    assert not result.success and "the point is a kink" in result.message


def test_a_smooth_cost_of_the_same_scale_keeps_converged_to_rounding():
    result = symopt.minimize(1 + sympy.Rational(1, 10000) * ((a - 1) ** 2 + (b - 2) ** 2), {a: 0.3, b: -0.4},
                             method="lbfgs", tol=1e-12)
    assert result.success, result.message
    assert (float(result.params[a]), float(result.params[b])) == (pytest.approx(1, abs=1e-3), pytest.approx(2, abs=1e-3))
