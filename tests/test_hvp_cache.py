"""A repeated Hessian-vector product is built once (probe65 P65-4: every ``symopt.hvp`` call, and every
``method="lbfgs"`` restart's end-point check, differentiated and compiled again, its elementwise maps' fresh dummy
symbols making each compile-cache key new, and 128 restarts evicted the user's other compiled functions)."""

from __future__ import annotations

import numpy as np

import symopt
from symopt import ops
from symopt.cache import CACHE


def logistic():
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", np.zeros((3, 1)))
    return ops.sigmoid_cross_entropy(X @ W, y) + 0.01 * ops.l2_penalty(W), W, X, y


def test_a_repeated_hvp_is_one_build_and_its_products_match_finite_differences():
    cost, W, X, y = logistic()
    rng = np.random.default_rng(0)
    data = {X: rng.normal(size=(40, 3)), y: (rng.random((40, 1)) < 0.5).astype(float)}
    first = symopt.hvp(cost, W)
    misses = CACHE.misses
    again = [symopt.hvp(cost, W) for _ in range(5)]
    assert CACHE.misses == misses and all(h is first for h in again)
    by_name = symopt.hvp(cost, ["W"])  # names are another layout: built apart, same numbers
    at, direction = rng.normal(size=(3, 1)), rng.normal(size=(3, 1))
    f = symopt.compile(cost, W)
    gradient = lambda w: np.asarray(f(W=w, **{str(k): v for k, v in data.items()})[1])  # noqa: E731
    h = 1e-6
    expected = (gradient(at + h * direction) - gradient(at - h * direction)) / (2 * h)
    for product in (first, by_name):
        got = np.asarray(product(direction, {W: at, **data})).reshape(3, 1)
        np.testing.assert_allclose(got, expected, rtol=1e-6, atol=1e-9)
