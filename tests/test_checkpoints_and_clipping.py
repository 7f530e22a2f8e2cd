"""Checkpoints resume on the same trajectory; gradient clipping; divergence keeps the best parameters."""

import os

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.checkpoint import load_checkpoint
from symopt.errors import ConfigurationError, DivergenceError, FeedError

rng = np.random.default_rng(7)
FEATURES = rng.normal(size=(60, 3))
TARGETS = FEATURES @ np.array([[1.0], [-2.0], [0.5]]) + 0.1 * rng.normal(size=(60, 1))
X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", 0.0, shape=(3, 1))
MSE = ops.mean(ops.square(X @ W - y))
DATA = {X: FEATURES, y: TARGETS}


@pytest.mark.parametrize("optimizer", [symopt.Adam(0.05), symopt.Momentum(0.05, 0.9), symopt.RMSProp(0.01)])
def test_full_batch_resume_follows_the_same_trajectory(tmp_path, optimizer):
    path = tmp_path / "run.npz"
    whole = symopt.minimize(MSE, W, data=DATA, optimizer=optimizer, steps=40)
    symopt.minimize(MSE, W, data=DATA, optimizer=optimizer, steps=25, checkpoint=path)
    resumed = symopt.minimize(MSE, W, data=DATA, optimizer=optimizer, steps=40, resume_from=path)
    np.testing.assert_array_equal(resumed[W], whole[W])
    np.testing.assert_array_equal(resumed.history, whole.history)
    assert resumed.steps == 40


def test_mini_batch_resume_follows_the_same_trajectory(tmp_path):
    path = tmp_path / "run.npz"
    arguments = dict(data=DATA, optimizer=symopt.Adam(0.02), batch_size=16, seed=5)
    whole = symopt.minimize(MSE, W, epochs=6, **arguments)
    symopt.minimize(MSE, W, epochs=4, checkpoint=path, checkpoint_every=2, **arguments)
    assert load_checkpoint(path).epoch == 4
    resumed = symopt.minimize(MSE, W, epochs=6, resume_from=path, **arguments)
    np.testing.assert_array_equal(resumed[W], whole[W])
    np.testing.assert_array_equal(resumed.history, whole.history)


def test_checkpoint_every_writes_intermediate_files_atomically(tmp_path):
    path = tmp_path / "sub" / "run.npz"
    symopt.minimize(MSE, W, data=DATA, optimizer=symopt.Adam(0.05), steps=30, checkpoint=path,
                    checkpoint_every=10)
    stored = load_checkpoint(path)
    assert stored.step == 30 and len(stored.history) == 30
    assert set(stored.slots) == {"m_W", "v_W"} and set(stored.shared) == {"beta1_power", "beta2_power"}
    assert [p.name for p in path.parent.iterdir()] == ["run.npz"]  # no temporary file left behind


def test_resume_with_another_optimizer_is_refused(tmp_path):
    path = tmp_path / "run.npz"
    symopt.minimize(MSE, W, data=DATA, optimizer=symopt.Adam(0.05), steps=5, checkpoint=path)
    before = os.path.getmtime(path)
    with pytest.raises(ConfigurationError, match="same cost and optimizer"):
        symopt.minimize(MSE, W, data=DATA, optimizer=symopt.GradientDescent(0.1), steps=10, resume_from=path)
    assert os.path.getmtime(path) == before


def test_missing_checkpoint_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigurationError, match="does not exist"):
        symopt.minimize(MSE, W, data=DATA, steps=5, resume_from=tmp_path / "nope.npz")


def test_clip_by_value_matches_a_hand_loop():
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 10) ** 2, w, optimizer=symopt.GradientDescent(0.1), steps=5, clip_value=1.0)
    value = 0.0
    lr = float(np.float32(0.1))
    for _ in range(5):
        value -= min(max(2 * (value - 10), -1.0), 1.0) * lr
    assert result[w] == value


def test_clip_by_global_norm_matches_a_hand_loop():
    arguments = dict(data=DATA, optimizer=symopt.GradientDescent(0.1), steps=7, clip_norm=0.5)
    result = symopt.minimize(MSE, W, **arguments)
    value, lr = np.zeros((3, 1)), float(np.float32(0.1))
    for _ in range(7):
        gradient = 2 * FEATURES.T @ (FEATURES @ value - TARGETS) / len(FEATURES)
        norm = np.sqrt((gradient ** 2).sum())
        if norm > 0.5:
            gradient = gradient * (0.5 / norm)
        value = value - gradient * lr
    np.testing.assert_allclose(result[W], value, rtol=1e-12)


def test_divergence_carries_the_best_parameters_seen():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(w ** 2, w, optimizer=symopt.GradientDescent(1.5), steps=5000)
    result = caught.value.result
    assert result.params[w] == 1.0 and result.value == 1.0  # the cost only grew from the start
    assert not np.isfinite(result.history[-1])


def test_divergence_in_mini_batches_carries_the_best_parameters():
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(MSE, W, data=DATA, optimizer=symopt.GradientDescent(5.0), batch_size=20, epochs=200, seed=0)
    result = caught.value.result
    finite = result.history[np.isfinite(result.history)]
    assert result.value == finite.min()  # the lowest mini-batch cost seen ...
    assert np.all(np.isfinite(result.params[W]))  # ... and the parameters that produced it


@pytest.mark.parametrize("bad, match", [
    (np.array([[np.nan], [1.0]]), "NaN or infinity"),
    (np.array([[np.inf], [1.0]]), "NaN or infinity"),
])
def test_non_finite_data_is_refused(bad, match):
    x = symopt.Placeholder("x", (None, 1))
    v = symopt.Variable("v", 0.0, shape=(1, 1))
    with pytest.raises(FeedError, match=match):
        symopt.minimize(ops.mean(ops.square(x @ v)), v, data={x: bad})


def test_empty_data_is_refused():
    with pytest.raises(FeedError, match="empty"):
        symopt.minimize(MSE, W, data={X: np.zeros((0, 3)), y: np.zeros((0, 1))})


def test_compiling_the_same_expression_twice_hits_the_cache():
    from symopt.compiler import CACHE
    w = symopt.Variable("cached_w", 0.0)
    cost = (w - 3) ** 2
    first = symopt.compile(cost, w)
    hits = CACHE.hits
    second = symopt.compile((w - 3) ** 2, w)
    assert CACHE.hits == hits + 1 and second.function is first.function
    symopt.minimize(cost, w, steps=3)
    hits = CACHE.hits
    symopt.minimize(cost, w, steps=5)
    assert CACHE.hits == hits + 1


def test_the_cache_is_bounded():
    from symopt.compiler import BoundedCache
    cache = BoundedCache(size=3)
    for i in range(10):
        cache.get_or_build(i, lambda: object())
    assert list(cache.entries) == [7, 8, 9]
