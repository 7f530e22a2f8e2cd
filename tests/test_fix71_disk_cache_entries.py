"""Damaged disk-cache entries whose JSON still parses are ignored, rebuilt and overwritten, as docs/data.md says
(probe71 P71-5: ``"hyper": []`` or emptied ``"names"`` loaded and failed at the first step with a bare TypeError,
and JSON nested 200 000 deep escaped as a DepthLimitError blaming symopt); a cache directory symopt creates passes
symopt's own trust check under ``umask 002`` (probe71 P71-7).  The oracle of the runs is a hand NumPy loop of
gradient descent."""

from __future__ import annotations

import json
import os
import stat

import numpy as np
import pytest

import symopt
from symopt import disk_cache
from symopt.cache import clear_caches

STEPS = 20
LEARNING_RATE = 0.1


def hand_descent(a: float) -> float:
    """GradientDescent(0.1) on (w - a)**2 + 0.1*w**4 from w = 0: TF1 rounds the rate to float32 first."""
    rate, w = float(np.float32(LEARNING_RATE)), 0.0
    for _ in range(STEPS):
        w -= (2 * (w - a) + 0.4 * w ** 3) * rate
    return w


def run(directory) -> float:
    w, a = symopt.Variable("w", 0.0), symopt.Placeholder("a")
    result = symopt.minimize((w - a) ** 2 + 0.1 * w ** 4, w, data={a: 3.0},
                             optimizer=symopt.GradientDescent(LEARNING_RATE), steps=STEPS, cache_dir=directory)
    return float(result[w])


def edited(field, change):
    def damage(entry: dict) -> str:
        return json.dumps({**entry, field: change(entry[field])})
    return damage


#: Entries that parse as JSON but do not fit their own source, or the run.
DAMAGES = {
    "hyper emptied": edited("hyper", lambda hyper: []),
    "hyper renamed": edited("hyper", lambda hyper: [["rate", value, kind] for _, value, kind in hyper]),
    "hyper of dtype object": edited("hyper", lambda hyper: [[name, value, "object"] for name, value, _ in hyper]),
    "hyper a bool": edited("hyper", lambda hyper: [[name, True, kind] for name, _, kind in hyper]),
    "names emptied": edited("names", lambda names: {field: [] for field in names}),
    "data names dropped": edited("names", lambda names: {**names, "data": []}),
    "names a list": edited("names", lambda names: list(names)),
    "another dtype": edited("dtype", lambda dtype: "float32"),
    "a list, not an object": lambda entry: json.dumps([entry]),
    "nested past the recursion limit": lambda entry: "[" * 200_000 + "]" * 200_000,
}


@pytest.fixture
def cache(tmp_path):
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    clear_caches()
    yield directory
    clear_caches()


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_a_step_entry_that_does_not_fit_its_source_is_rebuilt(cache, damage):
    expected = hand_descent(3.0)
    assert run(cache) == pytest.approx(expected, rel=1e-13)
    (path,) = cache.glob("step-*.json")
    written = json.loads(path.read_text())
    path.write_text(DAMAGES[damage](written))
    clear_caches()  # as a fresh process: only the disk holds the step
    rejected = disk_cache.STATS["rejected"]
    assert run(cache) == pytest.approx(expected, rel=1e-13)
    assert disk_cache.STATS["rejected"] == rejected + 1
    assert json.loads(path.read_text()) == written  # overwritten with a good entry
    clear_caches()
    hits = disk_cache.STATS["hits"]
    assert run(cache) == pytest.approx(expected, rel=1e-13)
    assert disk_cache.STATS["hits"] == hits + 1


@pytest.mark.skipif(not hasattr(os, "umask"), reason="no umask on this system")
def test_a_directory_symopt_makes_under_umask_002_is_its_owners_alone(tmp_path):
    previous = os.umask(0o002)
    try:
        directory = disk_cache.cache_directory(tmp_path / "parent" / "cache")
    finally:
        os.umask(previous)
    assert directory == tmp_path / "parent" / "cache"
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(directory.parent.stat().st_mode) == 0o775  # a parent is made as the umask says
    assert disk_cache.cache_directory(directory) == directory  # and accepted again


def test_a_jax_step_entry_is_used_by_the_next_process(cache):
    pytest.importorskip("jax")
    w = symopt.Variable("w", 0.0, dtype="float32")
    first = symopt.minimize((w - 3) ** 2, w, steps=5, backend="jax", cache_dir=cache)
    clear_caches()  # as a fresh process: only the disk holds the step
    hits, rejected = disk_cache.STATS["hits"], disk_cache.STATS["rejected"]
    second = symopt.minimize((w - 3) ** 2, w, steps=5, backend="jax", cache_dir=cache)
    assert (disk_cache.STATS["hits"], disk_cache.STATS["rejected"]) == (hits + 1, rejected)
    assert float(second[w]) == float(first[w])
