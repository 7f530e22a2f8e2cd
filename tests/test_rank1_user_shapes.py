"""probe16 Z8: a rank-1 Variable (``Variable("th", numpy.zeros(3))``) is an (n, 1) column inside the generated step;
a first-order callback got it as that column while ``result[th]`` and every ``method=`` callback give (n,), so a
callback comparing ``params[th]`` with an (n,) target broadcast to (n, n) and logged wrong distances.  Oracle: the
iterates of gradient descent on |th - t|² at lr 0.1 are t·(1 - 0.8^k), worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops

TARGET = np.array([1.0, -2.0, 0.5])


def _cost():
    th = symopt.Variable("th", np.zeros(3))
    t = symopt.Placeholder("t", (3,))
    return th, t, ops.sum(ops.square(th - t))


@pytest.mark.parametrize("progress", [None, True])
def test_a_first_order_callback_gets_a_rank_1_parameter_in_its_declared_shape(progress):
    th, t, cost = _cost()
    seen = []
    result = symopt.minimize(cost, th, data={t: TARGET}, optimizer=symopt.GradientDescent(np.float64(0.1)), steps=3,
                             progress=progress, callback=lambda s, c, p: seen.append(p[th].copy()) and False)
    assert [v.shape for v in seen] == [(3,)] * 3
    distances = [np.linalg.norm(v - TARGET) for v in seen]
    expected = [np.linalg.norm(TARGET) * 0.8 ** k for k in (1, 2, 3)]
    np.testing.assert_allclose(distances, expected, rtol=1e-12)
    np.testing.assert_allclose(seen[-1], result[th], rtol=0, atol=0)


def test_a_mini_batch_callback_and_the_optimizer_state_keep_the_declared_shape():
    th = symopt.Variable("th", np.zeros(3))
    X = symopt.Placeholder("X", (None, 3))
    y = symopt.Placeholder("y", (None, 1))
    rng = np.random.default_rng(0)
    data = {X: rng.normal(size=(8, 3)), y: rng.normal(size=(8, 1))}
    shapes = set()
    result = symopt.minimize(ops.mean(ops.square(X @ th - y)), th, data=data, optimizer=symopt.Adam(0.1),
                             batch_size=4, epochs=2, seed=0,
                             callback=lambda s, c, p: shapes.add(p[th].shape) and False)
    assert shapes == {(3,)}
    assert result.optimizer_state["m_th"].shape == (3,) == result.optimizer_state["v_th"].shape
    # the slots are Adam's: m is the running mean of the gradients, so it is the same numbers as the columns inside
    assert np.all(np.isfinite(result.optimizer_state["m_th"])) and np.any(result.optimizer_state["m_th"] != 0)
