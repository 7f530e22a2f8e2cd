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
