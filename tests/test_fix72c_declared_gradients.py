"""final44c F44c-4: which gradients ``f(feed)`` returns reshaped is :func:`~symopt.symbols.declared_value`'s rule,
asked once per parameter when compiling, not a second copy of it in the call path."""

from __future__ import annotations

import importlib

import numpy as np

import symopt
from symopt import ops
from symopt.symbols import declared_value

compiler = importlib.import_module("symopt.compiler")


def _model():
    v, m, s = symopt.Variable("v", 0.0, shape=(3,)), symopt.Variable("m", 0.0, shape=(3, 1)), symopt.Variable("s", 0.0)
    return ops.sum(ops.square(v)) + ops.sum(ops.square(m)) + s ** 2, [v, m, s]


def test_gradients_come_in_the_shapes_declared_value_gives():
    cost, params = _model()
    f = symopt.compile(cost, params)
    values = [np.arange(3.0), np.ones((3, 1)), 2.0]
    _, grads = f(dict(zip(params, values)))
    for symbol, grad, value in zip(params, grads, values):
        expected = declared_value(symbol, 2 * np.reshape(value, (-1, 1)) if np.ndim(value) else 2 * value)
        assert np.shape(grad) == np.shape(expected) and np.array_equal(grad, expected)


def test_the_call_path_follows_declared_value(monkeypatch):
    monkeypatch.setattr(compiler, "declared_value", lambda symbol, value: value)  # main: no declared_value there
    cost, params = _model()
    _, grads = symopt.compile(cost, params)(dict(zip(params, [np.arange(3.0), np.ones((3, 1)), 2.0])))
    assert grads[0].shape == (3, 1)  # the rule changed in one place changes the call's output
