"""``symopt.cache.clear_caches`` frees the starting values of models that have been run (probe65 P65-3: random
restarts kept each model's Variables, with a copy of their starting weights, alive in four caches)."""

from __future__ import annotations

import gc
import tracemalloc

import numpy as np

import symopt
from symopt import ops
from symopt.cache import clear_caches

MB = 1 << 20


def restart(rng):
    X = symopt.Placeholder("X", (None, 500))
    W = symopt.Variable("W", rng.normal(size=(500, 250)))  # 1 MB of float64 starting weights
    data = {X: rng.normal(size=(4, 500))}
    symopt.minimize(ops.mean(ops.square(X @ W)), W, data=data, steps=1)


def test_restarts_keep_their_starting_weights_until_the_caches_are_cleared():
    rng = np.random.default_rng(0)
    restart(rng)  # warm: imports, first compiles
    clear_caches()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(6):
            restart(rng)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
        clear_caches()
        gc.collect()
        left = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept > 5 * MB  # six models' starting weights (the cost is what the caches key on)
    assert left < 1 * MB
