"""Scalar Variables and Placeholders survive pickle, copy and deepcopy as the matrix ones do: the copy is equal to the
original with the same hash and keeps its attributes, so ``result[w]`` works after a process pool, a pickled Result or a
deep-copied cost (probe P11: a copy was a new symbol without serial or attributes)."""

import copy
import multiprocessing
import pickle

import numpy as np
import pytest

import symopt

w = symopt.Variable("w", 1.5, dtype="float32")
frozen = symopt.Variable("frozen", 2.0, trainable=False)
s = symopt.Placeholder("s")
W = symopt.Variable("W", [[1.0], [2.0]])
COPIES = {"pickle": lambda x: pickle.loads(pickle.dumps(x)), "copy": copy.copy, "deepcopy": copy.deepcopy}


@pytest.mark.parametrize("how", COPIES)
@pytest.mark.parametrize("symbol", [w, frozen, s, W], ids=str)
def test_a_copy_is_the_same_symbol_with_its_attributes(how, symbol):
    copied = COPIES[how](symbol)
    assert copied == symbol and hash(copied) == hash(symbol) and type(copied) is type(symbol)
    assert {copied} & {symbol} and copied.dtype == symbol.dtype and copied.array_shape == symbol.array_shape
    if hasattr(symbol, "init"):
        np.testing.assert_array_equal(copied.init, symbol.init)
        assert copied.trainable == symbol.trainable and copied.init.dtype == symbol.init.dtype


def test_two_variables_of_one_name_stay_apart_through_a_copy():
    twin = symopt.Variable("w", 1.5, dtype="float32")
    assert copy.deepcopy(twin) == twin and copy.deepcopy(twin) != w


def test_a_deep_copied_cost_and_a_pickled_result():
    cost = copy.deepcopy((w - 3) ** 2 + s * w)
    assert cost.has(w) and cost.has(s)
    result = symopt.minimize(cost.subs(s, 0), w, steps=3)
    assert result[w] == result["w"] and isinstance(result[w], np.float32)  # w's float32 dtype survived the copy
    assert pickle.loads(pickle.dumps(result))[w] == result[w]


def fit(rate: float):
    return symopt.minimize((w - 3) ** 2, w, steps=4, optimizer=symopt.GradientDescent(rate))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork start method here")
def test_results_from_a_process_pool_index_by_the_symbol():
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = pool.map(fit, [0.01, 0.1])
    assert [r[w] for r in results] == [fit(0.01)[w], fit(0.1)[w]]
    assert results[0][w] != results[1][w]
