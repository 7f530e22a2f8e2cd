"""Equal elementwise maps are one object (probe16 Z16, review5 R5-1): computed once, and two builds of a deep
network share their maps, so comparing them (SymPy's cache, symopt's caches) stops at the first map."""

import numpy as np
import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

import symopt
from symopt import ops
from symopt.nodes import Elementwise


def _x_w():
    return symopt.Placeholder("x", (None, 1)), symopt.Variable("w", 0.3)


def test_an_elementwise_map_written_twice_is_computed_once():
    x, w = _x_w()
    cost = ops.mean(ops.hadamard(ops.log(sympy.OneMatrix(*x.shape) + ops.exp(w * x)), ops.exp(w * x)))
    f = symopt.compile(cost, w)
    assert f.source.count("numpy.exp(") == 1
    data = np.linspace(-1.0, 2.0, 7).reshape(-1, 1)
    value, gradient = f(w=0.3, x=data)
    hand = lambda v: float(np.mean(np.log(1 + np.exp(v * data)) * np.exp(v * data)))  # noqa: E731
    assert np.isclose(value, hand(0.3), rtol=1e-14)
    assert np.isclose(gradient, (hand(0.3 + 1e-6) - hand(0.3 - 1e-6)) / 2e-6, rtol=1e-7)


def test_applyfunc_with_differently_named_variables_is_one_node():
    x, w = _x_w()
    first = x.applyfunc(lambda s: sympy.exp(w * s))
    second = x.applyfunc(sympy.Lambda(sympy.Symbol("u"), sympy.exp(w * sympy.Symbol("u"))))
    assert isinstance(first, ElementwiseApplyFunction) and first is second
    assert ops.exp(w * x) is ops.exp(w * x)


def test_a_map_inside_a_map_keeps_its_own_variable():
    x, w = symopt.Placeholder("x", (3, 1)), symopt.Variable("w", 0.5)
    t = sympy.Dummy("t", real=True)
    outer = Elementwise(sympy.Lambda(t, t * ops.sum(ops.exp(w * x))), x)
    assert str(outer) == "x*sum(exp(w*x))"


def test_a_deep_network_built_twice_compiles_and_adds():
    x = symopt.Placeholder("X", (None, 3))
    weights = [symopt.Variable(f"W{i}", 0.1, shape=(3, 3)) for i in range(180)]

    def build():
        h = x
        for W in weights:
            h = ops.tanh(h @ W)
        return ops.sum(h)
    first = build()
    symopt.compile(first, weights[-2:])
    second = build()
    assert second is first or second == first
    f = symopt.compile(second, weights[-2:])
    assert (first + second) == 2 * first
    value, _ = f({**{W: np.full((3, 3), 0.1) for W in weights}, x: np.ones((2, 3))})
    assert np.isfinite(value)
