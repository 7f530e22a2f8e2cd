"""probe54 P54-5: ``method="newton-cg"`` with ``tol=`` stops where every |gradient| <= tol, as the other methods do.
SciPy's Newton-CG tests only its step (``xtol``); symopt passed ``tol`` as ``xtol``, so on a badly scaled cost a
looser ``tol`` ended with a large gradient and failed where a stricter one succeeded."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops

pytest.importorskip("scipy")

RNG = np.random.default_rng(0)
FEATURES = RNG.normal(size=(200, 5)) * np.array([1, 10, 100, 0.1, 1])  # columns on scales 0.1 to 100
LABELS = (RNG.random((200, 1)) < 1 / (1 + np.exp(-FEATURES @ np.array([[1], [0.1], [0.01], [5], [-1]])))) * 1.0
PENALTY = 1e-3


def hand_gradient(weights: np.ndarray) -> np.ndarray:
    """The gradient of mean cross-entropy + PENALTY·Σw², by hand: Xᵀ(σ(Xw) - y)/m + 2·PENALTY·w."""
    predicted = 1 / (1 + np.exp(-FEATURES @ weights))
    return FEATURES.T @ (predicted - LABELS) / len(FEATURES) + 2 * PENALTY * weights


@pytest.mark.parametrize("tol", [1e-3, 1e-4])
def test_newton_cg_meets_a_loose_gradient_tolerance(tol):
    X, y = symopt.Placeholder("X", (None, 5)), symopt.Placeholder("y", (None, 1))
    weights = symopt.Variable("w", np.zeros((5, 1)))
    cost = ops.sigmoid_cross_entropy(X @ weights, y) + PENALTY * ops.sum(ops.square(weights))
    result = symopt.minimize(cost, weights, data={X: FEATURES, y: LABELS}, method="newton-cg", tol=tol)
    assert result.success, result.message
    assert np.max(np.abs(hand_gradient(np.asarray(result[weights], dtype=float)))) <= tol
    assert f"every |gradient| <= {tol}" in result.message


def test_newton_cg_with_a_loose_tol_reaches_the_least_squares_fit():
    """Columns scaled 1e3, 1, 1e-2: with tol=1e-2 SciPy's step test alone stopped after 1 step, w[2] off by 299.
    The oracle is numpy.linalg.lstsq; the gradient 2Xᵀ(Xw - y) is written by hand."""
    rng = np.random.default_rng(1)
    features = rng.normal(size=(100, 3)) * np.array([1e3, 1, 1e-2])
    targets = features @ np.array([[1e-3], [2.0], [300.0]]) + rng.normal(size=(100, 1))
    fit = np.linalg.lstsq(features, targets, rcond=None)[0]
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    weights = symopt.Variable("w", np.zeros((3, 1)))
    result = symopt.minimize(ops.sum(ops.square(X @ weights - y)), weights, data={X: features, y: targets},
                             method="newton-cg", tol=1e-2)
    found = np.asarray(result[weights], dtype=float).reshape(3, 1)
    assert result.success, result.message
    assert np.max(np.abs(2 * features.T @ (features @ found - targets))) <= 1e-2
    np.testing.assert_allclose(found, fit, rtol=1e-6)
