"""Scalar Variables and Placeholders survive pickle, copy and deepcopy as the matrix ones do: the copy is equal to the
original with the same hash and keeps its attributes, so ``result[w]`` works after a process pool, a pickled Result or a
deep-copied cost (probe P11: a copy was a new symbol without serial or attributes)."""

import copy
import multiprocessing
import pickle
import subprocess
import sys

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


FORK_POOL = """
import multiprocessing, symopt
w = symopt.Variable("w", 0.0)

def fit(rate):
    return symopt.minimize((w - 3) ** 2, w, steps=4, optimizer=symopt.GradientDescent(rate))

if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = pool.map(fit, [0.01, 0.1])
    print([r[w] for r in results] == [fit(0.01)[w], fit(0.1)[w]], results[0][w] != results[1][w])
"""


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork start method here")
def test_results_from_a_process_pool_index_by_the_symbol():
    """In a process of its own: forking this one, where other tests may have started JAX's threads, can deadlock."""
    shown = subprocess.run([sys.executable, "-c", FORK_POOL], capture_output=True, text=True, check=True, timeout=120)
    assert shown.stdout.split() == ["True", "True"]


def test_a_result_pickled_to_disk_loads_in_a_fresh_process(tmp_path):
    """No copy of the symbols is alive there: the pickle itself carries their attributes."""
    path = tmp_path / "result.pkl"
    result = symopt.minimize(symopt.ops.sum(symopt.ops.square(W)) + (w - 3) ** 2, [W, w], steps=2)
    path.write_bytes(pickle.dumps((W, w, result)))
    script = ("import pickle, sys, numpy as np, symopt\n"
              "V = symopt.Variable('V', np.full((3, 1), 7.0))\n"  # made first: a serial of its own in this process
              f"W, w, result = pickle.loads(open({str(path)!r}, 'rb').read())\n"
              "print(result[W].ravel().tolist(), float(result[w]), W.init.ravel().tolist(), W.array_shape, w.dtype,\n"
              "      V.init.ravel().tolist(), symopt.minimize(symopt.ops.sum(W), W, steps=1)[W].shape)\n")
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == (f"{result[W].ravel().tolist()} {float(result[w])} [1.0, 2.0] (2, 1) float32 "
                             "[7.0, 7.0, 7.0] (2, 1)")
