"""final44d F44d-4: a ``symopt.compile`` disk-cache entry whose function no longer takes the run's arguments is
ignored, rebuilt and overwritten (docs/data.md), not loaded to fail with a bare TypeError in every later process.
Oracle: the value and gradient written by hand."""

import json

import symopt
from symopt import disk_cache
from symopt.cache import clear_caches


def compiled(directory):
    w, a = symopt.Variable("w", 0.0), symopt.Placeholder("a")
    return symopt.compile((w - a) ** 2 + 0.1 * w ** 4, [w], inputs=[a], cache_dir=directory)


def test_an_entry_whose_function_dropped_an_argument_is_rebuilt(tmp_path):
    clear_caches()
    compiled(tmp_path)
    (path,) = [p for p in tmp_path.rglob("*.json")]
    entry = json.loads(path.read_text())
    source = entry["source"]
    assert "def value_and_grad(w, a):" in source
    entry["source"] = source.replace("def value_and_grad(w, a):", "def value_and_grad(w):\n    a = 2.0")
    path.write_text(json.dumps(entry))
    clear_caches()  # as the next process
    value, (grad,) = compiled(tmp_path)(w=0.3, a=2.0)
    assert value == (0.3 - 2.0) ** 2 + 0.1 * 0.3 ** 4
    assert abs(grad - (2 * (0.3 - 2.0) + 0.4 * 0.3 ** 3)) < 1e-12
    assert "def value_and_grad(w, a):" in json.loads(path.read_text())["source"]  # overwritten
