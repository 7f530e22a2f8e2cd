"""probe54 P54-8: XLA rewrites log(exp(z)) as z, so the JAX cost at a start where exp(z) overflows is finite (0) while
NumPy's is NaN (inf - inf), and the NaN gradient makes step 1 NaN.  The JAX run then blamed the learning rate; it now
gives the NumPy backend's verdict (the cost is not finite at the start) and says why the backends differ.  Skipped
where JAX is not installed."""

from __future__ import annotations

import numpy as np
import pytest

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from symopt.errors import DivergenceError  # noqa: E402

FEATURES = np.array([[1.0], [2.0], [-3.0]])
START = np.array([[800.0]])


def test_numpy_and_xla_disagree_on_the_oracle():
    with np.errstate(all="ignore"):
        assert np.isnan(np.mean(np.log(np.exp(FEATURES @ START))))  # hand NumPy: inf, inf, 0 -> log -> mean of ±inf
    assert float(jax.jit(lambda w: jax.numpy.mean(jax.numpy.log(jax.numpy.exp(FEATURES @ w))))(START)) == 0.0


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_start_nan_on_numpy_is_no_learning_rate_fault(backend):
    X = symopt.Placeholder("X", (None, 1))
    w = symopt.Variable("w", START)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(ops.mean(ops.log(ops.exp(X @ w))), w, data={X: FEATURES}, optimizer="gd", steps=5,
                        backend=backend)
    message = str(caught.value)
    assert "diverged at step 0" in message and "the learning rate is not the cause" in message
    assert "Try a smaller learning rate" not in message
    assert caught.value.result.steps == 0
