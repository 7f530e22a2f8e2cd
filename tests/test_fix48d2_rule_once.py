"""final48d 48d-2, 48d-5: a step the memory cache answers again does not print its optimizer's update rule
(``rule_key``) again, with or without a disk cache; a new directory still gets its entry (probe95 P95-3)."""

import numpy as np
import pytest

import symopt
import symopt.fused as fused
from symopt.cache import clear_caches


def _counting(monkeypatch, module):
    """The optimizers ``rule_key`` is called for from ``module`` (its update rule printed)."""
    calls, original = [], fused.rule_key
    monkeypatch.setattr(module, "rule_key", lambda optimizer: calls.append(optimizer) or original(optimizer))
    return calls


def _lecture():
    w = symopt.Variable("w", 0.0)
    return (w - 3.0) ** 2, w


def _entries(directory):
    return sorted(p.name for p in directory.rglob("*") if p.is_file())


def test_numpy_step_with_cache_dir_prints_rule_once_per_memory_key(monkeypatch, tmp_path):
    clear_caches()
    calls = _counting(monkeypatch, fused)
    cost, w = _lecture()
    optimizer = symopt.Adam(0.1)
    first, second = tmp_path / "a", tmp_path / "b"
    result = symopt.minimize(cost, w, optimizer=optimizer, steps=1, cache_dir=str(first))
    # oracle: one TF1 Adam step from 0 moves by the learning rate against the gradient's sign (-6)
    assert float(result["w"]) == pytest.approx(0.1, rel=1e-4)
    before = len(calls)
    symopt.minimize(cost, w, optimizer=optimizer, steps=1, cache_dir=str(first))
    assert len(calls) == before  # memory hit, entry already kept in this directory: no rule printed
    assert _entries(first)
    symopt.minimize(cost, w, optimizer=optimizer, steps=1, cache_dir=str(second))
    assert _entries(second) == _entries(first)  # another directory is still written once


def test_jax_step_memory_hit_prints_no_rule(monkeypatch):
    pytest.importorskip("jax")
    import symopt.jax_step as jax_step
    clear_caches()
    calls = _counting(monkeypatch, jax_step)
    w = symopt.Variable("w", np.zeros((3, 1)))
    x, y = symopt.Placeholder("x", (None, 3)), symopt.Placeholder("y", (None, 1))
    cost = symopt.ops.mean(symopt.ops.square(x @ w - y))
    optimizer = symopt.Adam(0.01)
    first = jax_step.jax_step_on_disk(cost, [w], optimizer, [x, y], "float32", None, None, None)
    before = len(calls)
    assert jax_step.jax_step_on_disk(cost, [w], optimizer, [x, y], "float32", None, None, None) is first
    assert len(calls) == before
