"""The allocator hint of :mod:`symopt.allocator` is skipped where the process may not map its block (probe67 P67-3:
under ``ulimit -v`` the first compile died with NumPy's MemoryError for a 31 MiB array nobody asked for)."""

from __future__ import annotations

import types

import numpy as np

import symopt
from symopt import allocator


def test_a_block_the_address_space_limit_refuses_is_skipped_and_the_run_goes_on(monkeypatch):
    asked = []

    def refusing_empty(size, dtype=None):
        asked.append(size)
        raise MemoryError(f"Unable to allocate {size} bytes")  # what NumPy raises under RLIMIT_AS
    monkeypatch.setattr(allocator, "np", types.SimpleNamespace(empty=refusing_empty, uint8=np.uint8))
    monkeypatch.setattr(allocator, "_settled", False)
    allocator.settle_allocator()
    assert asked == [allocator.BLOCK] and allocator._settled
    w = symopt.Variable("w", 0.0)
    result = symopt.minimize((w - 3) ** 2, w, optimizer=symopt.GradientDescent(0.1), steps=100)
    assert abs(result[w] - 3) < 1e-8  # hand: 3 - 3 * 0.8**100
