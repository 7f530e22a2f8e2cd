"""probe95 P95-3 on the JAX backend: ``cache_dir=`` writes the JAX step and value-and-gradient entries also where the
in-memory cache answers, and they load.  Skipped where JAX is not installed (an optional extra).  The oracle is a
hand-written float32 NumPy gradient-descent loop (float32 tolerance: XLA orders sums its own way)."""

from __future__ import annotations

import os

import numpy as np
import pytest

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt import disk_cache, ops  # noqa: E402
from symopt.cache import clear_caches  # noqa: E402

from test_fix48d_cache_dir_after_memory import no_environment_cache  # noqa: E402,F401  (autouse: no $SYMOPT_CACHE_DIR)

X_DATA = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
Y_DATA = np.array([[1.0], [0.0], [2.0], [1.0]], dtype=np.float32)


def hand_descent(rate: float, steps: int) -> np.ndarray:
    W, X, y = np.zeros((3, 1), np.float32), X_DATA, Y_DATA
    for _ in range(steps):
        W = W - np.float32(rate) * (np.float32(2 / len(X)) * X.T @ (X @ W - y))
    return W


def test_jax_entries_are_written_when_the_memory_cache_answers(tmp_path):
    X, y = symopt.Placeholder("X", (None, 3), dtype="float32"), symopt.Placeholder("y", (None, 1), dtype="float32")
    W = symopt.Variable("W", 0.0, shape=(3, 1), dtype="float32")
    cost, data = ops.mean(ops.square(X @ W - y)), {X: X_DATA, y: Y_DATA}
    run = dict(data=data, optimizer=symopt.GradientDescent(0.5), steps=20, backend="jax")
    symopt.minimize(cost, W, **run)  # no disk cache: the memory cache holds both now
    symopt.compile(cost, W, backend="jax")
    directory = tmp_path / "d"
    symopt.minimize(cost, W, **run, cache_dir=directory)
    symopt.compile(cost, W, backend="jax", cache_dir=directory)
    assert sorted(name.split("-")[0] for name in os.listdir(directory)) == ["function", "step"]
    clear_caches()  # as a fresh process: both loaded from the directory
    before = dict(disk_cache.STATS)
    result = symopt.minimize(cost, W, **run, cache_dir=directory)
    value, _ = symopt.compile(cost, W, backend="jax", cache_dir=directory)(X=X_DATA, y=Y_DATA, W=result[W])
    assert disk_cache.STATS["hits"] == before["hits"] + 2 and disk_cache.STATS["misses"] == before["misses"]
    expected = hand_descent(0.5, 20)
    np.testing.assert_allclose(np.asarray(result[W]), expected, rtol=1e-5, atol=1e-6)
    assert float(value) == pytest.approx(float(np.mean((X_DATA @ expected - Y_DATA) ** 2)), rel=1e-5)


def test_a_jax_function_entry_loads(tmp_path):
    """Found beside P95-3: the entry's argument check read the jitted wrapper as taking ``*args``, and raised
    AttributeError (its message asked the wrapper for a ``__name__``) in every process after the first."""
    W = symopt.Variable("W", 0.0, shape=(3, 1), dtype="float32")
    X = symopt.Placeholder("X", (None, 3), dtype="float32")
    cost = ops.mean(ops.square(X @ W))
    symopt.compile(cost, W, backend="jax", cache_dir=tmp_path)
    clear_caches()
    before = dict(disk_cache.STATS)
    value, gradient = symopt.compile(cost, W, backend="jax", cache_dir=tmp_path)(X=X_DATA, W=np.ones((3, 1)))
    assert disk_cache.STATS["hits"] == before["hits"] + 1 and disk_cache.STATS["rejected"] == before["rejected"]
    residual = X_DATA @ np.ones((3, 1), np.float32)
    assert float(value) == pytest.approx(float(np.mean(residual ** 2)), rel=1e-6)
    np.testing.assert_allclose(np.asarray(gradient), 2 / len(X_DATA) * X_DATA.T @ residual, rtol=1e-6)
