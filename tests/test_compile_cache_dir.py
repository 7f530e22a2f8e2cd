"""``symopt.compile(..., cache_dir=)``: a fresh process loads the generated function instead of differentiating.

Hits are shown by counting calls of the differentiator and :data:`symopt.disk_cache.STATS`, never by time.
"""

import json

import numpy as np
import pytest
from disk_cache_helpers import DAMAGES, cache, damaged, fresh_process  # noqa: F401 (cache: a fixture)

import symopt
from symopt import disk_cache, ops
from symopt.compiler import CACHE
from symopt.errors import ConfigurationError

CHILD = """
    W = symopt.Variable("W", np.full((3, 2), 0.5), shape=(3, 2))
    v = symopt.Variable("v", np.ones((2, 1)), shape=(2, 1))
    w = symopt.Variable("w", 0.0)
    network = ops.mean(ops.square(ops.relu(X @ W) @ v - y))
    feed = {"X": np.arange(12.0).reshape(4, 3) / 10, "y": np.ones((4, 1)), "W": W.init, "v": v.init}
    compiled = {"numpy": symopt.compile(network, [W, v], cache_dir=sys.argv[1]),
                "math": symopt.compile((w - 3) ** 2 + sympy.exp(w), w)}  # through $SYMOPT_CACHE_DIR
    trained = None
    if importlib.util.find_spec("jax"):
        compiled["jax"] = symopt.compile(network, [W, v], backend="jax", cache_dir=sys.argv[1])
        # minimize's JAX step, kept on disk through $SYMOPT_CACHE_DIR
        trained = symopt.minimize(network, [W, v], data={X: feed["X"], y: feed["y"]}, optimizer="adam", steps=3,
                                  backend="jax")[W].tolist()
    values = {name: f(feed) if name != "math" else f(w=0.5) for name, f in compiled.items()}
    report = {"trained": trained, "modules": {name: f.module for name, f in compiled.items()},
              "sources": {name: f.source for name, f in compiled.items()},
              "values": {name: float(value) for name, (value, _) in values.items()},
              "gradients": {name: np.asarray(g[0] if isinstance(g, list) else g).tolist()
                            for name, (_, g) in values.items()},
              "stats": dict(STATS), "differentiated": len(calls)}
    report["program temporaries"] = len(compiled["numpy"].common_subexpressions())  # rebuilt lazily: differentiates
    report["differentiated after .program"] = len(calls)
    report["math overflow"] = float(compiled["math"](w=1000.0)[0])  # the NumPy version, built on demand: inf
    print(json.dumps(report))
"""


def test_a_fresh_process_loads_compiled_functions_without_differentiating(cache):
    cold, warm = fresh_process(CHILD, cache, str(cache)), fresh_process(CHILD, cache, str(cache))
    functions = len(cold["modules"])  # numpy, math and (where JAX is installed) jax
    steps = int(cold["trained"] is not None)  # minimize(backend="jax")'s step, where JAX is installed
    assert cold["modules"]["math"] == "math" and cold["modules"]["numpy"] == "numpy"
    assert cold["differentiated"] == functions + steps
    entries = functions + steps
    assert cold["stats"] == {"hits": 0, "misses": entries, "writes": entries, "rejected": 0}
    assert warm["differentiated"] == 0
    assert warm["stats"] == {"hits": entries, "misses": 0, "writes": 0, "rejected": 0}
    assert warm["differentiated after .program"] == 1 and warm["program temporaries"] == cold["program temporaries"]
    for key in ("modules", "sources", "values", "gradients", "trained"):
        assert warm[key] == cold[key], key
    assert warm["math overflow"] == cold["math overflow"] == float("inf")
    kinds = sorted(p.name.split("-")[0] for p in cache.iterdir())
    assert kinds == ["function"] * (functions + 1) + ["step"] * steps  # + the NumPy version of the math program


X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("y", (None, 1))
V = symopt.Variable("V", np.ones((2, 1)), shape=(2, 1))
COST = ops.mean(ops.square(X @ V - Y))
FEED = {X: np.array([[1.0, 2.0], [3.0, 4.0]]), Y: np.zeros((2, 1)), V: np.ones((2, 1))}


@pytest.mark.parametrize("damage", DAMAGES + ("bad module",))
def test_a_damaged_entry_is_ignored_and_rebuilt(cache, damage):
    expected = symopt.compile(COST, V, cache_dir=cache)(FEED)
    (entry,) = cache.iterdir()
    text = entry.read_text()
    stored = json.loads(text)
    bad_module = json.dumps({**stored, "module": "os"})
    entry.write_text(bad_module if damage == "bad module" else damaged(text, damage, "source"))
    CACHE.clear()
    before = dict(disk_cache.STATS)
    value, gradient = symopt.compile(COST, V, cache_dir=cache)(FEED)
    assert disk_cache.STATS["rejected"] == before["rejected"] + 1
    assert disk_cache.STATS["misses"] == before["misses"] + 1 and disk_cache.STATS["writes"] == before["writes"] + 1
    assert value == expected[0] and np.array_equal(gradient, expected[1])
    assert json.loads(entry.read_text()) == stored  # overwritten with a good entry


def test_dtype_and_inputs_are_part_of_the_key(cache):
    symopt.compile(COST, V, cache_dir=cache)
    symopt.compile(COST, V, dtype="float32", cache_dir=cache)
    symopt.compile(COST, V, inputs=[Y, X], cache_dir=cache)
    assert len(list(cache.iterdir())) == 3


def test_a_cache_dir_others_can_write_is_refused_before_compiling(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    CACHE.clear()
    with pytest.raises(ConfigurationError, match="writable by other users"):
        symopt.compile(COST, V, cache_dir=shared)
    assert not list(shared.iterdir())


def test_an_untrusted_cache_dir_is_refused_when_the_memory_cache_holds_the_function(tmp_path):
    """probe17 D6: the same call refused or accepted a world-writable cache_dir depending on what ran before."""
    shared = tmp_path / "open"
    shared.mkdir()
    shared.chmod(0o777)
    w = symopt.Variable("w_untrusted", 1.0)
    symopt.compile((w - 3) ** 2, w)
    symopt.minimize((w - 3) ** 2, w, steps=2)
    with pytest.raises(ConfigurationError, match="writable by other users"):
        symopt.compile((w - 3) ** 2, w, cache_dir=shared)
    with pytest.raises(ConfigurationError, match="writable by other users"):
        symopt.minimize((w - 3) ** 2, w, steps=2, cache_dir=shared)
    assert not list(shared.iterdir())


@pytest.mark.parametrize("given, said", [
    (True, "given bool True"), (5, "given int 5"),
    (b"/tmp/symopt-cache", r"given bytes .* \(a bytes path: cache_dir='/tmp/symopt-cache'\)")])
def test_a_cache_dir_that_is_no_path_is_refused_with_what_to_pass(given, said):
    """probe21 P21-18: cache_dir=True ("turn the cache on") died with os's bare TypeError."""
    w = symopt.Variable("w", 1.0)
    for call in (lambda: symopt.compile((w - 2) ** 2, w, cache_dir=given),
                 lambda: symopt.minimize((w - 2) ** 2, w, steps=3, cache_dir=given)):
        with pytest.raises(ConfigurationError, match=f"cache_dir: expected a directory's path, a str or a pathlib.Path; "
                                                     f"{said}"):
            call()
