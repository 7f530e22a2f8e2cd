"""``minimize(..., method=...)`` where the method tries a point outside the cost's domain (f-probe F6).

The exponential distribution's negative log-likelihood :math:`J(\\lambda) = 25\\lambda - 10\\log\\lambda` has its
minimum at :math:`\\lambda = 0.4` (:math:`J = 4 + 10\\log 2.5 \\cdot \\ldots`; checked against the closed form).
From :math:`\\lambda = 1` SciPy's L-BFGS-B tries :math:`\\lambda = 0` (the gradient is 15), meets a non-finite cost,
and stops where it started claiming convergence.  symopt refuses that end (its gradient is still 15), the same way
for a scalar and a 1 x 1 matrix parameter; ``bounds=`` or Newton's method solve it.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import DivergenceError, DomainError

lam = symopt.Variable("lam", 1.0)
L = symopt.Variable("L", 1.0, shape=(1, 1))
COSTS = {"scalar": (25 * lam - 10 * sympy.log(lam), lam), "1x1": (25 * ops.sum(L) - 10 * ops.sum(ops.log(L)), L)}
MINIMUM = 0.4  # d/dλ (25λ - 10 log λ) = 25 - 10/λ = 0


@pytest.mark.parametrize("kind", COSTS)
def test_a_method_stuck_at_its_start_after_a_trial_outside_the_domain_is_refused(kind):
    cost, parameter = COSTS[kind]
    with pytest.raises(DivergenceError, match=r"the cost is inf at (lam|L) = 0\. The method tried that point without "
                                              r"taking it; then it stopped at (lam|L) = 1, where the largest gradient "
                                              r"entry is 15: no minimum") as caught:
        symopt.minimize(cost, parameter, method="lbfgs")
    assert "bounds=" in str(caught.value)
    assert float(np.ravel(caught.value.result[parameter])[0]) == 1.0  # the best point seen: the start


@pytest.mark.parametrize("kind", COSTS)
@pytest.mark.parametrize("method", ["bfgs", "newton-cg"])
def test_an_iterate_outside_the_domain_is_a_domain_error_for_a_scalar_and_a_one_by_one_matrix(kind, method):
    cost, parameter = COSTS[kind]
    with pytest.raises(DomainError, match=r"log\(lam\) has no real value|invalid value in log"):
        symopt.minimize(cost, parameter, method=method)


@pytest.mark.parametrize("kind", COSTS)
def test_bounds_newton_or_a_trust_region_find_the_minimum(kind):
    """A scalar runs as a 1 x 1 matrix does (f-probe F15): where Python's floats raise (log 0) the method sees NumPy's
    inf, from which SciPy's trust region and line searches back off, not NaN."""
    cost, parameter = COSTS[kind]
    for result in (symopt.minimize(cost, parameter, method="lbfgs", bounds={parameter: (1e-9, None)}),
                   symopt.minimize(cost, parameter, method="newton"),
                   symopt.minimize(cost, parameter, method="trust-ncg")):
        assert result.success
        assert float(np.ravel(result[parameter])[0]) == pytest.approx(MINIMUM, rel=1e-4)


@pytest.mark.parametrize("method", ["bfgs", "newton-cg", "trust-ncg", "newton"])
def test_a_scalar_and_a_one_by_one_matrix_take_the_same_path(method):
    w, W = symopt.Variable("w", 1.0), symopt.Variable("W", 1.0, shape=(1, 1))
    scalar = symopt.minimize(-sympy.log(w) + 2 * w, w, method=method)
    matrix = symopt.minimize(ops.sum(-ops.log(W)) + 2 * ops.sum(W), W, method=method)
    assert scalar.success and matrix.success
    assert scalar[w] == pytest.approx(0.5, rel=1e-4) and float(matrix[W][0, 0]) == pytest.approx(scalar[w], rel=1e-9)


def test_no_warning_leaks_from_trials_outside_the_domain():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert symopt.minimize(COSTS["1x1"][0], L, method="newton").success
        with pytest.raises(DomainError):
            symopt.minimize(COSTS["1x1"][0], L, method="bfgs")


def test_a_run_that_converges_after_a_non_finite_trial_keeps_its_success(monkeypatch):
    """From x = 3, L-BFGS-B's line search on x - log x tries a point x < 0 and then converges to x = 1."""
    from symopt.method_recorder import Recorder
    trials = []
    original = Recorder.trial
    monkeypatch.setattr(Recorder, "trial", lambda self, x, value: (trials.append(value), original(self, x, value)))
    x = symopt.Variable("x", 3.0)
    result = symopt.minimize(x - sympy.log(x), x, method="lbfgs")
    assert not all(np.isfinite(trials))  # the path under test: a non-finite trial was seen
    assert result.success and result[x] == pytest.approx(1.0, rel=1e-5)


@pytest.mark.parametrize("method", [None, "newton", "bfgs"])
def test_a_start_outside_the_domain_gets_advice_about_the_start(method):
    """probe7 Q23: at the starting point no step was taken: not "a smaller learning rate", not "give bounds=" to a
    method that refuses them."""
    lam = symopt.Variable("lam", -1.0)
    with pytest.raises(DomainError, match=r"at the starting point lam = -1, where log\(lam\) has no real value\. "
                                          r"Start inside the domain, or write the cost") as caught:
        symopt.minimize(25 * lam - 10 * sympy.log(lam), {lam: -1.0}, method=method)
    assert "learning rate" not in str(caught.value) and "bounds=" not in str(caught.value)


def test_an_infinite_start_and_an_indeterminate_iterate_are_said_as_they_are():
    """probe7 Q5: 'no minimum in the direction taken ... is it bounded below?' for lam·log(lam), which is bounded
    below (L-BFGS-B lands on 0·log 0), and for a start where the cost is infinite."""
    lam = symopt.Variable("lam", 2.0)
    with pytest.raises(DivergenceError, match=r"at lam = 0: not a number there \(an indeterminate form"):
        symopt.minimize(lam * sympy.log(lam), {lam: 2.0}, method="lbfgs")
    with pytest.raises(DivergenceError, match="the cost is inf at the starting point lam = 0: no step was taken"):
        symopt.minimize(25 * lam - 10 * sympy.log(lam), {lam: 0.0}, method="newton")


def test_a_trial_point_is_named_with_the_iteration_it_was_tried_after():
    """probe7 Q5: trust-ncg tried w = -0.5 after one iteration; it was 'after step 1001 the parameters reached',
    with a NaN that no iterate had appended to the history."""
    w = symopt.Variable("w", 2.0)
    with pytest.raises(DomainError, match="after 1 iteration the method tried w = -0.5") as caught:
        symopt.minimize(25 * w - 10 * sympy.log(w), {w: 2.0}, method="trust-ncg")
    assert np.all(np.isfinite(caught.value.result.history))


def test_newton_keeps_its_iterations_when_the_hessian_turns_indefinite(tmp_path):
    """probe7 Q22: three iterations lowered the cost, then an indefinite Hessian: no error.result, no checkpoint."""
    w = symopt.Variable("w", 2.0)
    path = tmp_path / "newton.npz"
    with pytest.raises(symopt.errors.IndefiniteHessianError) as caught:
        symopt.minimize(sympy.sqrt(w) * (w - 2) ** 2 + w ** 2, {w: 2.0}, method="newton", checkpoint=path)
    result = caught.value.result
    assert result.steps == 3 and not result.success and result.history[-1] < result.history[0]
    assert path.exists()
