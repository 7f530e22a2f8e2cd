"""Equal elementwise maps are one node of the program, computed once (probe16 Z16): each map's bound variable is
symopt's own for its name and assumptions, so ``ops.exp(w*x)`` built twice, or ``x.applyfunc(f)`` written twice,
compare equal (fresh dummies made each a node of its own, and the generated code computed it twice)."""

import numpy as np
import sympy as sp

import symopt
from symopt import ops

x = symopt.Placeholder("x", (None, 1))
w = symopt.Variable("w", 0.3)
X = np.linspace(-2.0, 3.0, 7).reshape(-1, 1)


def _hand(w):
    """The statistician's per-observation term exp(wx) log(1 + exp(wx)), its mean and d/dw, by hand."""
    e = np.exp(w * X)
    value = np.mean(e * np.log1p(e))
    grad = np.mean((e / (1 + e) + np.log1p(e)) * X * e)
    return value, grad


def test_two_equal_maps_built_apart_are_one_node():
    assert ops.exp(w * x) == ops.exp(w * x)
    assert x.applyfunc(lambda s: sp.exp(w * s)) == x.applyfunc(lambda t: sp.exp(w * t))
    assert x.applyfunc(sp.Lambda(sp.Symbol("s"), sp.exp(w * sp.Symbol("s")))) == x.applyfunc(lambda s: sp.exp(w * s))


def test_the_ops_form_computes_the_exponential_once():
    cost = ops.mean(ops.hadamard(ops.log(sp.OneMatrix(*x.shape) + ops.exp(w * x)), ops.exp(w * x)))
    f = symopt.compile(cost, w)
    assert f.source.count("numpy.exp(") == 1
    value, grad = f({x: X, w: 0.3})
    np.testing.assert_allclose([value, grad], _hand(0.3), rtol=1e-13)


def test_maps_written_twice_with_applyfunc_are_computed_once():
    first = x.applyfunc(lambda s: sp.exp(w * s))
    second = x.applyfunc(lambda t: sp.exp(w * t))
    cost = ops.mean(ops.hadamard(ops.log(sp.OneMatrix(*x.shape) + first), second))
    f = symopt.compile(cost, w)
    value_text = f.source.split("return ")[1].split(", (")[0]
    assert f.source.count("numpy.exp(x*w)") == 2 and "exp" not in value_text  # one temporary read twice
    # (the gradient's map d/dw exp(w s) = s exp(w s) is a body of its own, which computes exp(x*w) again)
    value, grad = f({x: X, w: 0.3})
    np.testing.assert_allclose([value, grad], _hand(0.3), rtol=1e-13)
