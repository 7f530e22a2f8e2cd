"""probe8 R7: a user's ``sympy.Symbol("m", integer=True, positive=True)`` (a count, a hyperparameter) was equal to
``symopt.BATCH``: unfed it silently took the batch size, fed by name it was "unknown input 'm'".  It is data of its
own now.  Oracle: NumPy written here (and the same cost with a plain ``Symbol("m")``)."""

import copy
import pickle

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.errors import FeedError

X, y, w = symopt.Placeholder("X", (None, 1)), symopt.Placeholder("y", (None, 1)), symopt.Variable("w", 0.0)
RNG = np.random.default_rng(0)
XV = RNG.normal(size=(6, 1))
YV = 3 * XV + 1 + 0.1 * RNG.normal(size=(6, 1))


def test_a_count_named_m_is_fed_by_name_and_never_the_batch_size():
    k = sympy.Symbol("m", integer=True, positive=True)
    f = symopt.compile(ops.mean(ops.square(w * X - y)) + k * w**2, w)
    value, slope = f(w=1.0, X=XV, y=YV, m=10.0)
    assert np.isclose(value, np.mean((XV - YV) ** 2) + 10.0)
    assert np.isclose(slope, np.mean(2 * (XV - YV) * XV) + 20.0)
    with pytest.raises(FeedError, match=r"missing inputs \['m'\]"):
        f(w=1.0, X=XV, y=YV)
    plain = symopt.compile(ops.mean(ops.square(w * X - y)) + sympy.Symbol("m") * w**2, w)
    assert plain(w=1.0, X=XV, y=YV, m=10.0) == (value, slope)


def test_the_batch_size_is_one_symbol_through_pickle_and_copy():
    assert pickle.loads(pickle.dumps(symopt.BATCH)) == symopt.BATCH
    assert copy.deepcopy(symopt.BATCH) == symopt.BATCH
    assert symopt.BATCH != sympy.Symbol("m", integer=True, positive=True)
    assert symopt.evaluate(ops.sum(X) / symopt.BATCH, {X: XV}) == pytest.approx(XV.mean())
