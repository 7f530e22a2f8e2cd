"""A call of a compiled function by keyword whose values are arrays as the generated function takes them (the
function's dtype, 2-D, the declared shapes) passes them as they are: no conversion, the same checks' outcome."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.errors import FeedError, ShapeError

compiler = importlib.import_module("symopt.compiler")


def _softmax_regression(n: int = 4, k: int = 3):
    X, Y = symopt.Placeholder("X", (None, n)), symopt.Placeholder("Y", (None, k))
    W, b = symopt.Variable("W", 0.0, shape=(n, k)), symopt.Variable("b", 0.0, shape=(1, k))
    return symopt.compile(ops.softmax_cross_entropy(ops.bias_add(X @ W, b), Y), [W, b]), (W, b, X, Y)


def _values(m: int = 6, n: int = 4, k: int = 3, dtype=np.float64):
    rng = np.random.default_rng(0)
    return dict(W=(0.1 * rng.standard_normal((n, k))).astype(dtype), b=np.zeros((1, k), dtype),
                X=rng.standard_normal((m, n)).astype(dtype), Y=np.eye(k, dtype=dtype)[rng.integers(0, k, m)])


def _counting_conversions(monkeypatch) -> list:
    calls = []
    real = compiler.as_value
    monkeypatch.setattr(compiler, "as_value", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    return calls


def test_arrays_as_the_function_takes_them_are_passed_unconverted_with_the_same_result(monkeypatch):
    f, symbols = _softmax_regression()
    values = _values()
    checked = f(dict(zip(symbols, values.values())))  # a dict keyed by symbols: the checked path
    calls = _counting_conversions(monkeypatch)
    value, (g_W, g_b) = f(**values)
    assert calls == []
    assert value == checked[0] and np.array_equal(g_W, checked[1][0]) and np.array_equal(g_b, checked[1][1])


@pytest.mark.parametrize("change", [
    lambda v: {**v, "X": v["X"].astype(np.float32)},  # another dtype: converted
    lambda v: {**v, "X": v["X"].tolist()},  # nested lists
    lambda v: {**v, "b": v["b"].ravel()},  # a vector for a (1, k) row
])
def test_other_values_take_the_checked_path(change, monkeypatch):
    f, _ = _softmax_regression()
    values = _values()
    expected = f(**values)
    calls = _counting_conversions(monkeypatch)
    try:
        got = f(**change(values))
    except (FeedError, ShapeError):
        got = None
    assert calls  # converted or refused by the checked path, as before
    if got is not None:
        np.testing.assert_allclose(got[0], expected[0], rtol=1e-6)


def test_a_wrong_shape_or_batch_is_refused_as_before():
    f, _ = _softmax_regression()
    values = _values()
    with pytest.raises(ShapeError, match="expected shape"):
        f(**{**values, "X": values["X"].T.copy()})
    with pytest.raises(ShapeError, match="disagree on the batch size m: X: 6, Y: 5"):
        f(**{**values, "Y": values["Y"][:5]})
    with pytest.raises(FeedError, match="no examples"):
        f(**{**values, "X": values["X"][:0], "Y": values["Y"][:0]})


def test_inputs_sharing_a_name_never_take_the_short_path():
    X1, X2 = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("X", (None, 2))
    W = symopt.Variable("W", 0.0, shape=(2, 1))
    f = symopt.compile(ops.sum(X1 @ W) + ops.sum(X2 @ W), W)
    with pytest.raises(FeedError, match="ambiguous"):
        f(W=np.ones((2, 1)), X=np.ones((3, 2)))
