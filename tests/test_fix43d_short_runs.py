"""final43a F43a-10 / F43a-9: a short unshuffled mini-batch run whose later batches are noisier is not "diverging"
(its parameters barely move: the batches' costs differ because their data do), and the boundary of the short-run
test is pinned: 9 full-batch steps are judged, 8 never.

Oracles, by hand: least squares started at the true W; the per-batch costs at that W are the batches' own noise
(1e-24 on the clean half, ~1 on the noisy one), computed here with NumPy.  Gradient descent with lr 0.5 on
w² + 10v² multiplies the cost by 81 a step (v ← -9v), so after n steps it is 10·81ⁿ.
"""

import numpy as np
import pytest

import symopt
from symopt import ops


@pytest.mark.parametrize("batches", [12, 16])
def test_noisier_later_batches_are_not_a_diverging_run(batches):
    rng = np.random.default_rng(0)
    w_true = np.array([[1.0], [-2.0]])
    Xd = rng.normal(size=(4 * batches, 2))
    yd = Xd @ w_true
    half = 2 * batches
    yd[:half] += 1e-12 * rng.normal(size=(half, 1))
    yd[half:] += rng.normal(size=(half, 1))
    per_batch = [float(np.mean((Xd[i:i + 4] @ w_true - yd[i:i + 4]) ** 2)) for i in range(0, 4 * batches, 4)]
    assert max(per_batch) > 1e20 * min(per_batch)  # the oracle: the data alone span 20 orders at the true W
    X, y = symopt.Placeholder("X", shape=(None, 2)), symopt.Placeholder("y", shape=(None, 1))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    result = symopt.minimize(ops.mean(ops.square(X @ W - y)), {W: w_true}, data={X: Xd, y: yd},
                             optimizer=symopt.GradientDescent(1e-3), batch_size=4, epochs=1, shuffle=False)
    assert np.max(np.abs(result[W] - w_true)) < 1e-2  # nothing diverged
    assert result.success, result.message
    assert "diverging" not in result.message


@pytest.mark.parametrize("steps, judged", [(8, False), (9, True)])
def test_the_short_run_boundary(steps, judged):
    w, v = symopt.Variable("w", 1.0), symopt.Variable("v", 1.0)
    result = symopt.minimize(w ** 2 + 10 * v ** 2, {w: 1.0, v: 1.0}, optimizer=symopt.GradientDescent(0.5),
                             steps=steps)
    assert result.value == pytest.approx(10 * 81.0 ** steps, rel=1e-12)
    assert result.success is not judged
    assert ("diverging" in result.message) is judged
