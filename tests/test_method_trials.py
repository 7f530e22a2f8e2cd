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
@pytest.mark.parametrize("method", ["lbfgs", "trust-ncg"])
def test_a_method_stuck_at_its_start_after_a_trial_outside_the_domain_is_refused(kind, method):
    cost, parameter = COSTS[kind]
    if (kind, method) == ("1x1", "trust-ncg"):  # its trust region never leaves the domain here: it solves it
        assert float(np.ravel(symopt.minimize(cost, parameter, method=method)[parameter])[0]) == pytest.approx(MINIMUM)
        return
    with pytest.raises(DivergenceError, match=r"The method tried that point without taking it; then it stopped at "
                                              r"(lam|L) = 1, where the largest gradient entry is 15: no minimum") as caught:
        symopt.minimize(cost, parameter, method=method)
    assert "bounds=" in str(caught.value)
    assert float(np.ravel(caught.value.result[parameter])[0]) == 1.0  # the best point seen: the start


@pytest.mark.parametrize("kind", COSTS)
@pytest.mark.parametrize("method", ["bfgs", "newton-cg"])
def test_an_iterate_outside_the_domain_is_a_domain_error_for_a_scalar_and_a_one_by_one_matrix(kind, method):
    cost, parameter = COSTS[kind]
    with pytest.raises(DomainError, match=r"log\(lam\) has no real value|invalid value in log"):
        symopt.minimize(cost, parameter, method=method)


@pytest.mark.parametrize("kind", COSTS)
def test_bounds_or_newton_find_the_minimum(kind):
    cost, parameter = COSTS[kind]
    for result in (symopt.minimize(cost, parameter, method="lbfgs", bounds={parameter: (1e-9, None)}),
                   symopt.minimize(cost, parameter, method="newton")):
        assert result.success
        assert float(np.ravel(result[parameter])[0]) == pytest.approx(MINIMUM, rel=1e-6)


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
