"""probe54 P54-8: XLA rewrites log(exp(z)) as z, so the JAX cost at a start where exp(z) overflows is finite (0) while
NumPy's is NaN (inf - inf), and the NaN gradient makes step 1 NaN.  The JAX run then blamed the learning rate; it now
gives the NumPy backend's verdict (the cost is not finite at the start) and says why the backends differ.  Skipped
where JAX is not installed.

final41b F41b-3: with every z positive NumPy's cost overflows to inf (not NaN); the same rewrite, the same verdict.
F41b-9: the JAX message names the rewrite."""

from __future__ import annotations

import numpy as np
import pytest

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from symopt.errors import DivergenceError  # noqa: E402

FEATURES = np.array([[1.0], [2.0], [-3.0]])
POSITIVE_FEATURES = np.array([[1.0], [2.0], [3.0]])
START = np.array([[800.0]])
XLA_SENTENCE = "its simplifier rewrites a part of the cost whose terms overflow"


def hand_cost(features: np.ndarray, weight: float, pull: float = 0.0, dtype=np.float64) -> float:
    """mean(log(exp(X w))) - pull·w in plain (un-jitted) NumPy in ``dtype``: inf - inf is NaN, log(inf) is inf."""
    with np.errstate(all="ignore"):
        z = features.astype(dtype) * dtype(weight)
        return float(np.mean(np.log(np.exp(z))) - dtype(pull) * dtype(weight))


def test_numpy_and_xla_disagree_on_the_oracle():
    with np.errstate(all="ignore"):
        assert np.isnan(np.mean(np.log(np.exp(FEATURES @ START))))  # hand NumPy: inf, inf, 0 -> log -> mean of ±inf
    assert float(jax.jit(lambda w: jax.numpy.mean(jax.numpy.log(jax.numpy.exp(FEATURES @ w))))(START)) == 0.0


@pytest.mark.parametrize("features", [FEATURES, POSITIVE_FEATURES], ids=["nan", "inf"])
@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_start_not_finite_on_numpy_is_no_learning_rate_fault(backend, features):
    X = symopt.Placeholder("X", (None, 1))
    w = symopt.Variable("w", START)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.log(ops.exp(X @ w))), w, data={X: features}, optimizer="gd", steps=5,
                        backend=backend)
    message = str(caught.value)
    assert "diverged at step 0" in message and "the learning rate is not the cause" in message
    assert "Try a smaller learning rate" not in message
    assert caught.value.result.steps == 0
    if backend == "jax":
        assert f"On the NumPy backend the cost at step 0 is {hand_cost(features, 800.0)}" in message
        assert XLA_SENTENCE in message


@pytest.mark.parametrize("features", [POSITIVE_FEATURES, FEATURES], ids=["inf", "-inf"])
def test_a_walk_into_the_overflow_diverges_where_numpy_does(features):
    """mean(log(exp(X w))) - 100 w by GradientDescent(1.0) from w = 100 in float64: the gradient mean(X) - 100 is
    constant, so the hand loop w_k = 100 - k (mean(X) - 100) finds the first step whose NumPy cost overflows; on JAX
    the step after it was the first NaN, blamed on the learning rate."""
    X = symopt.Placeholder("X", (None, 1))
    w = symopt.Variable("w", np.array([[100.0]]))
    cost = ops.mean(ops.log(ops.exp(X @ w))) - 100 * ops.sum(w)
    weights = [100.0 - k * (features.mean() - 100) for k in range(20)]
    step = next(k for k, weight in enumerate(weights) if not np.isfinite(hand_cost(features, weight, 100)))
    assert step >= 1
    with jax.enable_x64(True), pytest.raises(DivergenceError) as caught:
        symopt.minimize(cost, w, data={X: features}, optimizer=symopt.GradientDescent(1.0), steps=20, backend="jax",
                        dtype="float64")
    message = str(caught.value)
    assert f"diverged at step {step}" in message and XLA_SENTENCE in message
    assert f"the cost at step {step} is {hand_cost(features, weights[step], 100)}" in message
