"""probe72 P72-4: a compiled function called again with the keys of a call already checked reuses where each key goes
and passes values already in its form (float scalars, arrays of its dtype and shape) unconverted; every other value
is checked as before.  Numbers are checked against hand NumPy gradients."""

from __future__ import annotations

import functools
import importlib

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import FeedError, ShapeError

compiler = importlib.import_module("symopt.compiler")
N = 10
TARGETS = np.linspace(-1.0, 1.0, N)


@functools.cache
def _scalar_model():
    """:math:`J = \\sum_i (w_i - c_i)^2 + \\sum_i \\sin(w_i w_{i+1})` over ``N`` scalar Variables."""
    ws = [symopt.Variable(f"w{i}", 0.0) for i in range(N)]
    cost = sum((w - c) ** 2 for w, c in zip(ws, TARGETS)) + sum(sympy.sin(a * b) for a, b in zip(ws, ws[1:]))
    return symopt.compile(cost, ws), ws


def _hand(w: np.ndarray):
    """The value and gradient of :func:`_scalar_model`'s cost, by hand."""
    value = np.sum((w - TARGETS) ** 2) + np.sum(np.sin(w[:-1] * w[1:]))
    grad = 2 * (w - TARGETS)
    products = np.cos(w[:-1] * w[1:])
    grad[:-1] += products * w[1:]
    grad[1:] += products * w[:-1]
    return value, grad


def _counting(monkeypatch, name: str) -> list:
    calls, real = [], getattr(compiler, name)
    monkeypatch.setattr(compiler, name, lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    return calls


@pytest.mark.parametrize("call", ["dict by symbol", "dict by name", "keywords", "positions"])
def test_a_second_call_of_one_signature_converts_nothing_and_resolves_no_key(call, monkeypatch):
    f, ws = _scalar_model()
    rng = np.random.default_rng(0)
    for repeat in range(3):
        w = rng.standard_normal(N)
        conversions, resolutions = _counting(monkeypatch, "as_value"), _counting(monkeypatch, "resolve_feed")
        if call == "dict by symbol":
            value, grads = f(dict(zip(ws, map(float, w))))
        elif call == "dict by name":
            value, grads = f({str(s): float(x) for s, x in zip(ws, w)})
        elif call == "keywords":
            value, grads = f(**{str(s): x for s, x in zip(ws, w)})  # numpy.float64 scalars
        else:
            value, grads = f(*map(float, w))
        if repeat:
            assert conversions == [] and resolutions == []  # main: N conversions and one resolution per call
        hand_value, hand_grad = _hand(w)
        np.testing.assert_allclose(value, hand_value, rtol=1e-14)
        np.testing.assert_allclose(grads, hand_grad, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("bad, error, words", [
    ("0.5", FeedError, "expected numbers"),
    (None, FeedError, "None"),
    (1 + 2j, FeedError, "complex"),
    (np.ones(3), ShapeError, "expected a scalar"),
])
def test_a_value_not_in_the_functions_form_is_still_refused_after_a_checked_call(bad, error, words):
    f, ws = _scalar_model()
    feed = dict(zip(ws, TARGETS.tolist()))
    f(feed)
    f(feed)
    with pytest.raises(error, match=words):
        f({**feed, ws[3]: bad})
    assert f(feed)[0] == pytest.approx(_hand(TARGETS)[0], rel=1e-14)


def test_arrays_of_another_shape_dtype_or_range_are_checked_on_every_call():
    X = symopt.Placeholder("X", (None, 3))
    w = symopt.Variable("w", 0.0, shape=(3,))  # rank-1: its value is a (3,) vector, its gradient too
    f = symopt.compile(symopt.ops.sum(symopt.ops.square(X @ w)), w, dtype="float32")
    rng = np.random.default_rng(1)
    data, point = rng.standard_normal((5, 3)).astype(np.float32), rng.standard_normal(3).astype(np.float32)
    for _ in range(2):
        value, grad = f({X: data, w: point})
        residual = data.astype(np.float64) @ point.astype(np.float64)  # hand, in float64
        np.testing.assert_allclose(value, residual @ residual, rtol=1e-5)
        np.testing.assert_allclose(grad, 2 * data.T.astype(np.float64) @ residual, rtol=1e-5)
        assert grad.shape == (3,)
    with pytest.raises(ShapeError, match="expected shape"):
        f({X: data.T.copy(), w: point})
    with pytest.raises(FeedError, match="float32 would make infinite"):
        f({X: np.full((5, 3), 1e40), w: point})  # float64 data past float32's range: narrowed, refused
    with pytest.raises(ShapeError, match="expected shape"):
        f({X: data, w: point[:2]})


def test_a_promise_is_checked_on_every_call():
    w, s = symopt.Variable("w", 0.0), sympy.Symbol("s", positive=True)
    f = symopt.compile(sympy.sqrt(s ** 2) * w ** 2 + w, w)  # SymPy: s*w**2 + w
    for _ in range(2):
        assert f({w: 1.0, s: 2.0}) == (3.0, 5.0)  # by hand: s + 1, 2*s*w + 1
    with pytest.raises(FeedError, match="positive"):
        f({w: 1.0, s: -2.0})
