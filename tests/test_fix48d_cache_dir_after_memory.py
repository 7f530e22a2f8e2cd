"""probe95 P95-3 / P95-4: ``cache_dir=`` writes its entries also where the in-memory cache answers (a cost run
earlier without a disk cache, or with another directory, or another learning rate of the same rule), and a pickled
compiled function carries the ``cache_dir`` it was compiled with to the process that loads it.

Oracles: a hand-written NumPy gradient-descent loop for the trained weights (the mean squared error's gradient
``2/m X^T (X W - y)``); the entries are proven usable by a fresh process that loads them without differentiating."""

from __future__ import annotations

import os
import pickle

import numpy as np
import pytest

import symopt
from symopt import disk_cache, ops
from symopt.cache import clear_caches

from disk_cache_helpers import cache, fresh_process  # noqa: F401  (a fixture)

RNG = np.random.default_rng(7)
X_DATA, Y_DATA = RNG.normal(size=(12, 3)), RNG.normal(size=(12, 1))


def model():
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    return ops.mean(ops.square(X @ W - y)), W, {X: X_DATA, y: Y_DATA}


def hand_descent(rate: float, steps: int) -> np.ndarray:
    W = np.zeros((3, 1))
    for _ in range(steps):
        W = W - rate * (2 / len(X_DATA)) * X_DATA.T @ (X_DATA @ W - Y_DATA)
    return W


def kinds(directory) -> list:
    return sorted(name.split("-")[0] for name in os.listdir(directory))


@pytest.fixture(autouse=True)
def no_environment_cache(monkeypatch):
    monkeypatch.delenv(disk_cache.ENVIRONMENT_VARIABLE, raising=False)
    clear_caches()
    yield
    clear_caches()


def test_entries_are_written_when_the_memory_cache_answers(tmp_path):
    cost, W, data = model()
    optimizer = symopt.GradientDescent(0.5)  # 0.5: the same in float32 (TF1's cast of a rate) and float64
    symopt.minimize(cost, W, data=data, optimizer=optimizer, steps=10)  # an earlier cell, no disk cache
    symopt.compile(cost, W)
    directory = tmp_path / "d"
    result = symopt.minimize(cost, W, data=data, optimizer=optimizer, steps=10, cache_dir=directory)
    symopt.compile(cost, W, cache_dir=directory)
    assert kinds(directory) == ["function", "step"]
    np.testing.assert_allclose(result[W], hand_descent(0.5, 10), rtol=1e-12)


def test_a_second_directory_gets_its_own_entries(tmp_path):
    cost, W, data = model()
    first, second = tmp_path / "a", tmp_path / "b"
    for directory in (first, second):
        symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(0.5), steps=3, cache_dir=directory)
        symopt.compile(cost, W, cache_dir=directory)
    assert kinds(first) == kinds(second) == ["function", "step"]
    assert sorted(os.listdir(first)) == sorted(os.listdir(second))


def test_a_rate_whose_rule_the_memory_holds_is_stored_with_its_own_rate(tmp_path):
    """The step at 0.25 comes from memory (the step of 0.5, the same rule, given new hyperparameters); its entry must
    hold 0.25: loaded with 0.5, a later process would train at the wrong rate."""
    cost, W, data = model()
    symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(0.5), steps=10)  # no disk cache
    directory = tmp_path / "d"
    symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(0.25), steps=10, cache_dir=directory)
    assert kinds(directory) == ["step"]
    clear_caches()  # as a fresh process: the step loaded from the directory
    before = dict(disk_cache.STATS)
    result = symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(0.25), steps=10,
                             cache_dir=directory)
    assert disk_cache.STATS["hits"] == before["hits"] + 1 and disk_cache.STATS["misses"] == before["misses"]
    np.testing.assert_allclose(result[W], hand_descent(0.25, 10), rtol=1e-12)


def test_a_fresh_process_loads_what_was_written_after_a_memory_hit(cache):  # noqa: F811
    cost, W, data = model()
    symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(0.5), steps=10)
    symopt.compile(cost, W)
    symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(0.5), steps=10, cache_dir=cache)
    symopt.compile(cost, W, cache_dir=cache)
    out = fresh_process("""
        W = symopt.Variable("W", 0.0, shape=(3, 1))
        cost = ops.mean(ops.square(X @ W - y))
        data = {X: np.array(json.loads(sys.argv[1])), y: np.array(json.loads(sys.argv[2]))}
        result = symopt.minimize(cost, W, data=data, optimizer=symopt.GradientDescent(0.5), steps=10)
        symopt.compile(cost, W)
        print(json.dumps({"W": result[W].tolist(), "calls": len(calls), **STATS}))
    """, cache, json_text(X_DATA), json_text(Y_DATA))
    assert (out["calls"], out["hits"], out["misses"]) == (0, 2, 0)
    np.testing.assert_allclose(out["W"], hand_descent(0.5, 10), rtol=1e-12)


def json_text(array: np.ndarray) -> str:
    import json
    return json.dumps(array.tolist())


def test_a_pickled_function_carries_its_cache_dir(cache, tmp_path):  # noqa: F811
    cost, W, _ = model()
    f = symopt.compile(cost, W, cache_dir=cache)
    assert kinds(cache) == ["function"]
    other = tmp_path / "environment"  # the loading process's own $SYMOPT_CACHE_DIR, empty: not the one used
    other.mkdir(mode=0o700)
    out = fresh_process("""
        import pickle
        f = pickle.loads(bytes.fromhex(sys.argv[1]))
        value, gradient = f(X=np.ones((4, 3)), y=np.zeros((4, 1)), W=np.ones((3, 1)))
        print(json.dumps({"value": float(value), "gradient": gradient.tolist(), "calls": len(calls), **STATS}))
    """, other, pickle.dumps(f).hex())
    assert (out["calls"], out["hits"], out["misses"]) == (0, 1, 0) and not any(other.iterdir())
    assert out["value"] == pytest.approx(9.0)  # X W - y = 3 in each row: J = 9, and 2/m X^T (X W - y) = 6
    np.testing.assert_allclose(out["gradient"], [[6.0]] * 3)


def test_a_relative_cache_dir_is_carried_as_the_directory_it_named(tmp_path, monkeypatch):
    cost, W, _ = model()
    monkeypatch.chdir(tmp_path)
    f = symopt.compile(cost, W, cache_dir="relative")
    assert f.recipe[-1] == str(tmp_path / "relative")
    monkeypatch.chdir(tmp_path.parent)
    clear_caches()
    before = disk_cache.STATS["hits"]
    again = pickle.loads(pickle.dumps(f))
    assert disk_cache.STATS["hits"] == before + 1 and not (tmp_path.parent / "relative").exists()
    assert again(X=np.ones((4, 3)), y=np.zeros((4, 1)), W=np.ones((3, 1)))[0] == pytest.approx(9.0)


def test_a_carried_directory_this_process_cannot_use_is_left_out(tmp_path):
    """A worker on another machine: the path is no directory there.  The function loads and computes without it."""
    cost, W, _ = model()
    f = symopt.compile(cost, W, cache_dir=tmp_path / "d")
    blocked = tmp_path / "a file"
    blocked.write_text("")
    f.recipe = (*f.recipe[:-1], str(blocked))
    again = pickle.loads(pickle.dumps(f))
    assert again(X=np.ones((4, 3)), y=np.zeros((4, 1)), W=np.ones((3, 1)))[0] == pytest.approx(9.0)


def test_pickles_of_the_five_field_recipe_still_load():
    cost, W, _ = model()
    f = symopt.compile(cost, W)
    f.recipe = f.recipe[:5]  # (cost, wrt, inputs, dtype, backend): a pickle made before cache_dir was carried
    again = pickle.loads(pickle.dumps(f))
    assert again(X=np.ones((4, 3)), y=np.zeros((4, 1)), W=np.ones((3, 1)))[0] == pytest.approx(9.0)
