"""probe91 P91-1: a Poisson likelihood scaled by 1e-6 (or 1e-9, 1e-12; mean or sum) ended at its untouched start
W = 0 with success=True by BFGS, L-BFGS, Newton-CG and trust-ncg: the gradient test passed by the cost's units, and
the far-Newton-step check saw no evidence because the exp link makes Newton's full step overshoot (the cost there is
above J(0)).  Half of that step is far lower, so the run is refused with the far-Newton-step message.
Oracles: statsmodels 0.15 GLM(Poisson) on these data, recorded, and a NumPy Newton-Raphson (IRLS) written here."""

import numpy as np
import pytest

import symopt
from symopt import ops

#: statsmodels 0.15: sm.GLM(y, X, family=sm.families.Poisson()).fit(tol=1e-14).params on :func:`_data`.
STATSMODELS_MLE = np.array([0.34583474, 0.48001307, -0.37874443])


def _data(rows=300):
    rng = np.random.default_rng(1)
    features = np.c_[np.ones(rows), rng.normal(size=(rows, 2))]
    counts = rng.poisson(np.exp(features @ [0.3, 0.5, -0.4])).astype(float)[:, None]
    return features, counts


def _poisson_mle(features, counts, iterations=40):
    """The Poisson MLE by Newton-Raphson in NumPy (the log link's Hessian is X^T diag(mu) X)."""
    theta = np.zeros(features.shape[1])
    for _ in range(iterations):
        mu = np.exp(features @ theta)
        theta = theta + np.linalg.solve(features.T @ (mu[:, None] * features), features.T @ (counts.ravel() - mu))
    return theta


def _poisson_cost(scale, reduce):
    X, y = symopt.Placeholder("X", shape=(None, 3)), symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    eta = X @ W
    return scale * reduce(ops.exp(eta) - ops.hadamard(y, eta)), W, X, y


def _numpy_cost(scale, reduce, features, counts, theta):
    eta = features @ theta
    return scale * reduce(np.exp(eta) - counts.ravel() * eta)


def test_the_oracles_agree():
    features, counts = _data()
    assert np.allclose(_poisson_mle(features, counts), STATSMODELS_MLE, rtol=0, atol=1e-7)


@pytest.mark.parametrize("method", ["bfgs", "lbfgs", "newton-cg", "trust-ncg"])
@pytest.mark.parametrize("scale, reduce", [(1e-6, np.mean), (1e-9, np.mean), (1e-12, np.mean), (1e-9, np.sum)])
def test_a_scaled_poisson_fit_stopped_at_its_start_is_no_success(method, scale, reduce):
    features, counts = _data()
    cost, W, X, y = _poisson_cost(scale, ops.mean if reduce is np.mean else ops.sum)
    fit = symopt.minimize(cost, W, data={X: features, y: counts}, method=method)
    mle = _poisson_mle(features, counts)
    returned = np.asarray(fit[W], dtype=float).ravel()
    # the oracle's minimum is far below the cost where the run stopped: no minimum
    assert _numpy_cost(scale, reduce, features, counts, mle) < 0.6 * _numpy_cost(scale, reduce, features, counts,
                                                                                   returned)
    assert fit.success is False
    assert "Newton's step from there" in fit.message and "the full step overshoots" in fit.message


@pytest.mark.parametrize("method", ["bfgs", "lbfgs", "newton-cg", "trust-ncg", "newton"])
def test_the_unscaled_fit_keeps_its_success(method):
    features, counts = _data()
    cost, W, X, y = _poisson_cost(1.0, ops.mean)
    fit = symopt.minimize(cost, W, data={X: features, y: counts}, method=method)
    assert fit.success is True
    assert np.allclose(np.asarray(fit[W]).ravel(), STATSMODELS_MLE, rtol=0, atol=1e-4)


@pytest.mark.parametrize("method", ["bfgs", "lbfgs", "newton-cg", "trust-ncg"])
def test_a_scaled_fit_restarted_at_the_mle_keeps_its_success(method):
    """From the oracle's MLE Newton's step predicts a decrease of rounding's size: nothing to look along."""
    features, counts = _data()
    cost, W, X, y = _poisson_cost(1e-6, ops.mean)
    mle = _poisson_mle(features, counts).reshape(3, 1)
    fit = symopt.minimize(cost, {W: mle}, data={X: features, y: counts}, method=method)
    assert fit.success is True
    assert np.allclose(np.asarray(fit[W]), mle, rtol=0, atol=1e-6)


def test_newton_reaches_the_scaled_mle():
    features, counts = _data()
    cost, W, X, y = _poisson_cost(1e-9, ops.sum)
    fit = symopt.minimize(cost, W, data={X: features, y: counts}, method="newton")
    assert fit.success is True
    assert np.allclose(np.asarray(fit[W]).ravel(), STATSMODELS_MLE, rtol=0, atol=1e-6)


def test_a_users_tol_keeps_the_far_step_unchecked():
    """With tol= the gradient test is the precision the user asked for (final40a F40a-7): the check looks at no
    Newton step, whole or halved, and the run claims what its tol gives."""
    features, counts = _data()
    cost, W, X, y = _poisson_cost(1e-6, ops.mean)
    fit = symopt.minimize(cost, W, data={X: features, y: counts}, method="lbfgs", tol=1e-5)
    assert np.max(np.abs(features.T @ (1.0 - counts.ravel()) / len(counts) * 1e-6)) < 1e-5  # the gradient at 0
    assert fit.success is True and "overshoots" not in fit.message


@pytest.mark.parametrize("method", ["bfgs", "lbfgs", "newton-cg", "trust-ncg"])
def test_thirty_covariates_past_the_dense_check_are_refused_too(method):
    """30 entries: the check's bounded search (conjugate gradients) gives the step that overshoots, and its halves."""
    rng = np.random.default_rng(2)
    features = np.c_[np.ones(2000), rng.normal(size=(2000, 29))]
    truth = rng.normal(size=30) * 0.1
    truth[0] = 0.3
    counts = rng.poisson(np.exp(features @ truth)).astype(float)[:, None]
    X, y = symopt.Placeholder("X", shape=(None, 30)), symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(30, 1))
    cost = 1e-6 * ops.mean(ops.exp(X @ W) - ops.hadamard(y, X @ W))
    fit = symopt.minimize(cost, W, data={X: features, y: counts}, method=method)
    mle = _poisson_mle(features, counts)
    returned = np.asarray(fit[W], dtype=float).ravel()
    assert np.max(np.abs(returned - mle)) > 0.1  # the oracle's MLE is far from where the run stopped
    assert _numpy_cost(1e-6, np.mean, features, counts, mle) < 0.9 * _numpy_cost(1e-6, np.mean, features, counts,
                                                                                   returned)
    assert fit.success is False and "the full step overshoots" in fit.message
