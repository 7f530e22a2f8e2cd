"""probe46 P46-1: ``cost.subs(symopt.BATCH, 4)`` rebuilds a ``(None, 3)`` placeholder as ``(4, 3)`` and bakes ``1/4``
into the cost; the feed check read the declaration ``(None, 3)`` and let 8 rows through (sum/4: twice the mean).  The
substituted input now takes exactly the rows its shape says, as ``Placeholder("X", (4, 3))`` does.  Oracle: hand
NumPy."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError, ShapeError

rng = np.random.default_rng(0)
W_VALUE = rng.normal(size=(3, 1))
X8 = rng.normal(size=(8, 3))
Y8 = rng.normal(size=(8, 1))


def _model():
    X = symopt.Placeholder("X", (None, 3))
    y = symopt.Placeholder("y", (None, 1))
    W = symopt.Variable("W", 0.0, shape=(3, 1))
    return X, y, W, ops.mean(ops.square(X @ W - y)).subs(symopt.BATCH, 4)


def test_compile_refuses_more_rows_than_the_substituted_size():
    X, y, W, cost = _model()
    f = symopt.compile(cost, W)
    with pytest.raises(ShapeError, match=r"value for X: expected shape \(4, 3\); given \(8, 3\)"):
        f(W=W_VALUE, X=X8, y=Y8)
    value, _ = f(W=W_VALUE, X=X8[:4], y=Y8[:4])
    assert np.isclose(value, np.mean((X8[:4] @ W_VALUE - Y8[:4]) ** 2), rtol=1e-14)


def test_evaluate_and_minimize_refuse_more_rows():
    X, y, W, cost = _model()
    with pytest.raises(ShapeError, match=r"expected shape \(4, 3\); given \(8, 3\)"):
        symopt.evaluate(cost, {"X": X8, "y": Y8, "W": W_VALUE})
    with pytest.raises(ShapeError, match=r"expected shape \(4, 3\); given \(8, 3\)"):
        symopt.minimize(cost, {W: W_VALUE}, data={"X": X8, "y": Y8}, steps=1)
    history = symopt.minimize(cost, {W: W_VALUE}, data={"X": X8[:4], "y": Y8[:4]}, steps=1).history
    assert np.isclose(history[0], np.mean((X8[:4] @ W_VALUE - Y8[:4]) ** 2), rtol=1e-14)


def test_a_rank_one_placeholder_keeps_its_rank_and_takes_the_new_size():
    y = symopt.Placeholder("y", (None,))
    total = ops.sum(y).subs(symopt.BATCH, 4)
    with pytest.raises(ShapeError, match=r"expected shape \(4,\); given \(8,\)"):
        symopt.evaluate(total, {"y": np.ones(8)})
    assert symopt.evaluate(total, {"y": np.arange(4.0)}) == 6.0


def test_the_original_symbol_as_key_is_explained_as_a_substitution():
    X, y, W, cost = _model()
    with pytest.raises(FeedError) as caught:
        symopt.evaluate(cost, {X: X8[:4], y: Y8[:4], W: W_VALUE})
    message = str(caught.value)
    assert "the expression's X is X with its shape changed by a substitution" in message
    assert "shape (4, 3), where the X given has (None, 3). Bind it by its name 'X'" in message
    assert "cell" not in message
