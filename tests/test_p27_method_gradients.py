"""probe27 P27-5: ``method=`` runs from a point where the cost is finite and its gradient is not (``sqrt`` at 0, the
group-lasso norm at its default start).  trust-ncg raised a bare ``ValueError`` from inside SciPy; lbfgs, bfgs and
newton-cg returned the start with ``success=False`` and SciPy's cryptic reason; newton blamed the Hessian ("not
positive definite (eigenvalues [nan nan])", or "singular ... the cost is flat along w" for ``sqrt(w)``).  Now every
method raises the first-order path's diagnosis: a DivergenceError naming the point, the cost there and the
gradient entries that are not finite.  Newton's Hessian that is not finite (``abs(w)**1.5`` at 0) is named as such.

Oracles: sympy's value and derivative at the point (finite cost, derivative ``zoo``/``nan``); the first-order
run's message on the same cost; scipy.optimize from a start where the gradient is finite.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.optimize
import sympy

import symopt
from symopt.errors import DivergenceError

METHODS = ["newton", "lbfgs", "bfgs", "newton-cg", "trust-ncg"]


def _norm_cost():
    w, v = symopt.Variable("w", 0.0), symopt.Variable("v", 0.0)
    return w, v, sympy.sqrt(w ** 2 + v ** 2) + (w - 3) ** 2 + (v + 1) ** 2


def test_the_oracle_says_the_cost_is_finite_and_the_gradient_is_not():
    w, v, cost = _norm_cost()
    assert cost.subs({w: 0, v: 0}) == 10
    assert not sympy.diff(cost, w).subs({w: 0, v: 0}).is_finite


@pytest.mark.parametrize("method", METHODS)
def test_a_norm_at_its_start_is_a_divergence_naming_the_point(method):
    w, v, cost = _norm_cost()
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, [w, v], method=method)
    message = str(caught.value)
    assert "the gradient is not finite at the starting point w = 0, v = 0, where the cost is 10" in message
    assert "dJ/dw, dJ/dv" in message and "sqrt(x + eps)" in message
    assert "flat" not in message and "eigenvalues" not in message and "learning rate" not in message
    result = caught.value.result
    assert (result[w], result[v], result.value, result.success) == (0.0, 0.0, 10.0, False)


@pytest.mark.parametrize("method", METHODS)
def test_sqrt_at_zero_is_a_divergence_not_a_flat_hessian(method):
    w = symopt.Variable("w", 0.0)
    cost = sympy.sqrt(w) + (w - 3) ** 2
    assert cost.subs(w, 0) == 9 and sympy.diff(cost, w).subs(w, 0) == sympy.zoo
    with pytest.raises(DivergenceError, match=r"gradient is not finite at the starting point w = 0, where the cost is "
                                              r"9 \(dJ/dw: .*sqrt at 0") as caught:
        symopt.minimize(cost, w, method=method)
    assert "flat" not in str(caught.value)


def test_the_first_order_run_gives_the_same_diagnosis():
    w, v, cost = _norm_cost()
    with pytest.raises(DivergenceError) as first_order:
        symopt.minimize(cost, [w, v], steps=5)
    with pytest.raises(DivergenceError) as method:
        symopt.minimize(cost, [w, v], method="lbfgs")
    shared = "the gradient is not finite at {}w = 0, v = 0, where the cost is 10 (dJ/dw, dJ/dv: a subexpression has no"
    assert shared.format("") in str(first_order.value) and shared.format("the starting point ") in str(method.value)


@pytest.mark.parametrize("method", METHODS)
def test_away_from_the_kink_the_methods_fit(method):
    w, v, cost = _norm_cost()
    result = symopt.minimize(cost, {w: 1.0, v: -1.0}, method=method)

    def oracle(x):
        norm = np.hypot(x[0], x[1])
        return norm + (x[0] - 3) ** 2 + (x[1] + 1) ** 2, np.array([x[0] / norm + 2 * (x[0] - 3),
                                                                    x[1] / norm + 2 * (x[1] + 1)])
    reference = scipy.optimize.minimize(oracle, [1.0, -1.0], jac=True, method="BFGS", options={"gtol": 1e-10})
    np.testing.assert_allclose([result[w], result[v]], reference.x, atol=1e-5)


def test_newton_names_a_hessian_that_is_not_finite():
    w = symopt.Variable("w", 0.0)
    cost = sympy.Abs(w) ** sympy.Rational(3, 2) + (w - 1) ** 2
    t = sympy.Symbol("t", positive=True)
    assert sympy.limit(sympy.diff(t ** sympy.Rational(3, 2), t, 2), t, 0, "+") == sympy.oo
    with pytest.raises(DivergenceError, match=r"the Hessian is not finite at w = 0 \(iteration 0\).*gradient is finite"
                                              r".*method='lbfgs'") as caught:
        symopt.minimize(cost, w, method="newton")
    assert "eigenvalues" not in str(caught.value)


def test_newton_at_a_stationary_point_without_a_finite_hessian_converges():
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize(sympy.Abs(w) ** sympy.Rational(3, 2), w, method="newton")
    assert result[w] == 0.0 and result.success and "Hessian is not finite" in result.message


def test_an_infinite_slope_at_a_bound_rising_into_the_box_is_the_constrained_minimum():
    """final34 F34-1: sqrt(w) at a low bound of 0 has slope +inf into the box, which is L-BFGS-B's optimality at that
    bound; the run was refused as 'no method can step from a point without a finite gradient'."""
    w = symopt.Variable("w", 1.0)
    at_bound = symopt.minimize(sympy.sqrt(w) + (w + 1) ** 2, {w: 1.0}, method="lbfgs", bounds={w: (0, None)})
    assert float(at_bound[w]) == 0.0 and at_bound.value == 1.0 and at_bound.success
    boxed = symopt.minimize(sympy.sqrt(w) + w, {w: 2.0}, method="lbfgs", bounds={w: (0, 5)})
    assert float(boxed[w]) == 0.0 and boxed.value == 0.0 and boxed.success
    falling = symopt.Variable("u", 1.0)  # -sqrt(u) at u = 0: its slope -inf points out of the box, a real fault
    with pytest.raises(symopt.errors.DivergenceError, match="gradient is not finite"):
        symopt.minimize(-sympy.sqrt(falling) + 2 * falling, {falling: 0.0}, method="lbfgs", bounds={falling: (0, 1)})
