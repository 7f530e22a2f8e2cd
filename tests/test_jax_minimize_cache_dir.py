"""``minimize(..., backend="jax", cache_dir=)`` stores its training step in that directory (not only via
``$SYMOPT_CACHE_DIR``)."""

import numpy as np
import pytest

import symopt

pytest.importorskip("jax")


def test_cache_dir_argument_reaches_the_jax_run(tmp_path, monkeypatch):
    monkeypatch.delenv("SYMOPT_CACHE_DIR", raising=False)
    X = symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", np.zeros((2, 1)), dtype="float32")
    cost = symopt.ops.sum(symopt.ops.square(X @ W - symopt.ops.sum(X, axis=1)))
    data = {X: np.arange(8, dtype=np.float32).reshape(4, 2)}
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    first = symopt.minimize(cost, W, data=data, steps=5, backend="jax", cache_dir=str(cache))
    assert any(cache.iterdir())
    second = symopt.minimize(cost, W, data=data, steps=5, backend="jax", cache_dir=str(cache))
    np.testing.assert_array_equal(np.asarray(first.params[W]), np.asarray(second.params[W]))
