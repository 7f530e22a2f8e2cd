"""The compile cache on disk: a fresh process loads the step instead of differentiating; bad entries are rebuilt.

Hits are shown by counting (calls of the differentiator, :data:`symopt.disk_cache.STATS`), never by time.
"""

import json

import numpy as np
import pytest
from disk_cache_helpers import DAMAGES, cache, damaged, fresh_process  # noqa: F401 (cache: a fixture)

import symopt
from symopt import disk_cache, ops
from symopt.compiler import CACHE
from symopt.errors import ConfigurationError
from symopt.fused import compile_step
from symopt.optimizers import get_optimizer

X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.zeros((3, 1)), shape=(3, 1))
COST = ops.mean(ops.square(X @ W - y))
DATA = {X: np.eye(3), y: np.ones((3, 1))}

CHILD = """
    W = symopt.Variable("W", np.full((3, 1), 0.5), shape=(3, 1))
    result = symopt.minimize(ops.mean(ops.square(ops.relu(X @ W) - y)), W, data={X: np.eye(3), y: np.ones((3, 1))},
                             optimizer="adam", steps=5)
    print(json.dumps({"differentiated": len(calls), "stats": STATS, "W": result[W].tolist()}))
"""


def test_a_fresh_process_loads_the_step_instead_of_differentiating(cache):
    cold, warm = fresh_process(CHILD, cache), fresh_process(CHILD, cache)
    assert cold["differentiated"] == 1 and cold["stats"] == {"hits": 0, "misses": 1, "writes": 1, "rejected": 0}
    assert warm["differentiated"] == 0 and warm["stats"] == {"hits": 1, "misses": 0, "writes": 0, "rejected": 0}
    assert warm["W"] == cold["W"]
    assert len(list(cache.iterdir())) == 1


def _train(cache, **options):
    return symopt.minimize(COST, W, data=DATA, optimizer="adam", steps=5, cache_dir=cache, **options)


def test_a_loaded_step_has_the_same_source_and_numbers(cache):
    built = _train(cache)
    source = compile_step(COST, [W], get_optimizer("adam"), [X, y], dtype="float64",
                                       cache_dir=cache).source
    CACHE.clear()
    hits = disk_cache.STATS["hits"]
    loaded = _train(cache)
    assert disk_cache.STATS["hits"] == hits + 1
    np.testing.assert_array_equal(loaded[W], built[W])
    CACHE.clear()
    assert compile_step(COST, [W], get_optimizer("adam"), [X, y], dtype="float64",
                                     cache_dir=cache).source == source


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_entry_is_ignored_and_rebuilt(cache, damage):
    expected = _train(cache)
    (entry,) = cache.iterdir()
    text = entry.read_text()
    entry.write_text(damaged(text, damage, "step_source"))
    CACHE.clear()
    before = dict(disk_cache.STATS)
    result = _train(cache)
    np.testing.assert_array_equal(result[W], expected[W])
    assert disk_cache.STATS["rejected"] == before["rejected"] + 1
    assert disk_cache.STATS["misses"] == before["misses"] + 1
    assert json.loads(entry.read_text()) == json.loads(text)  # rewritten whole
    assert [p.name for p in cache.iterdir()] == [entry.name]  # no temporary file left


def test_different_options_are_different_entries(cache):
    _train(cache)
    _train(cache, clip_norm=1.0)
    symopt.minimize(COST, W, data=DATA, optimizer=symopt.Momentum(0.5, 0.9), steps=5, cache_dir=cache)
    assert len(list(cache.iterdir())) == 3
    symopt.minimize(COST, W, data=DATA, optimizer=symopt.Adam(0.5), steps=5, cache_dir=cache)
    assert len(list(cache.iterdir())) == 3  # another learning rate shares the step in this process (probe65 P65-1)


def test_an_unusable_cache_dir_is_refused(tmp_path):
    CACHE.clear()
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigurationError, match="not a directory"):
        _train(tmp_path / "file")
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(ConfigurationError, match="writable by other users"):
        _train(shared)
