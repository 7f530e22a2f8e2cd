"""A symbol's identity is unique across processes (probe34 P34-1), and a model rebuilt with new symbols has the
disk-cache key it had (probe34 P34-8).

Oracle: one step of gradient descent on (w - 3)**2 by hand, w - 0.1 * 2 * (w - 3)."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

import symopt
from symopt import disk_cache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLIENT = ("import pickle, sys, symopt; w = symopt.Variable('w', {init}); "
          "W = symopt.Variable('W', {init}, shape={shape}); sys.stdout.buffer.write(pickle.dumps(((w - 3)**2, w, W)))")


def hand_step(init: float) -> float:
    return init - 0.1 * 2 * (init - 3)


def one_step(cost, w) -> float:
    return float(symopt.minimize(cost, w, steps=1, optimizer=symopt.GradientDescent(0.1))[w])


def client_pickle(init: float, shape: tuple) -> bytes:
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-c", CLIENT.format(init=init, shape=shape)], capture_output=True,
                          env=env, check=True, timeout=120).stdout


def test_pickles_from_two_processes_stay_two_symbols():
    cost_a, w_a, W_a = pickle.loads(client_pickle(0.0, (3, 1)))
    cost_b, w_b, W_b = pickle.loads(client_pickle(10.0, (4, 1)))
    assert w_a != w_b and W_a != W_b
    assert one_step(cost_a, w_a) == pytest.approx(hand_step(0.0))
    assert one_step(cost_b, w_b) == pytest.approx(hand_step(10.0))  # took w_a's initial value before
    assert W_b.shape == (4, 1) and np.array_equal(W_b.init, np.full((4, 1), 10.0))


def test_a_local_symbol_never_takes_an_unpickled_ones_attributes():
    own = symopt.Variable("W", 1.0, shape=(3, 1))
    sent = pickle.loads(client_pickle(2.0, (4, 1)))[2]
    assert sent != own and np.array_equal(sent.init, np.full((4, 1), 2.0))
    assert np.array_equal(own.init, np.ones((3, 1)))


def _fit_sent(job):
    cost, w = job
    return one_step(cost, w)


def _fit_own(init):
    w = symopt.Variable("w", init)
    return one_step((w - 3)**2, w)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_pool_worker_keeps_its_symbols_and_the_parents_apart(method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context(method)) as pool:
        assert pool.submit(_fit_own, 5.0).result(timeout=120) == pytest.approx(hand_step(5.0))
        w = symopt.Variable("w", 0.0)  # the parent's next symbol: its counter may match the worker's
        assert pool.submit(_fit_sent, ((w - 3)**2, w)).result(timeout=120) == pytest.approx(hand_step(0.0))
        assert pool.submit(_fit_own, 10.0).result(timeout=120) == pytest.approx(hand_step(10.0))
        result = pool.submit(symopt.minimize, (w - 3)**2, w, steps=1,
                             optimizer=symopt.GradientDescent(0.1)).result(timeout=120)
    assert result[w] == pytest.approx(hand_step(0.0)) and result["w"] == pytest.approx(hand_step(0.0))


def test_round_trip_in_one_process_is_the_same_symbol():
    W = symopt.Variable("W", 3.0, shape=(2, 1))
    copy = pickle.loads(pickle.dumps(W))
    assert copy == W and hash(copy) == hash(W) and np.array_equal(copy.init, W.init)


def _rebuilt_model(shape):
    X = symopt.Placeholder("X", (None, shape))
    W = symopt.Variable("W", 0.0, shape=(shape, 1))
    y = symopt.Placeholder("y", (None, 1))
    return symopt.ops.mean(symopt.ops.square(X @ W - y)), W


def test_a_rebuilt_model_hits_the_disk_cache_and_another_misses(tmp_path):
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o700)
    before = dict(disk_cache.STATS)
    for _ in range(3):
        symopt.compile(*_rebuilt_model(3), cache_dir=directory)
    assert disk_cache.STATS["hits"] - before["hits"] == 2 and disk_cache.STATS["writes"] - before["writes"] == 1
    symopt.compile(*_rebuilt_model(4), cache_dir=directory)
    assert disk_cache.STATS["writes"] - before["writes"] == 2
    assert len(list(directory.iterdir())) == 2
