"""Equal elementwise maps are computed once (probe16 Z16): symopt.map_sharing, applied when a program is made.
Two builds of a deep network stay apart (review5 R5-1, review7 R7-2: the shared-variable attempts broke them)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops


def _x_w():
    return symopt.Placeholder("x", (None, 1)), symopt.Variable("w", 0.3)


def _hand(data):
    return lambda v: float(np.mean(np.log(1 + np.exp(v * data)) * np.exp(v * data)))


def test_an_elementwise_map_written_twice_is_computed_once():
    x, w = _x_w()
    cost = ops.mean(ops.hadamard(ops.log(sympy.OneMatrix(*x.shape) + ops.exp(w * x)), ops.exp(w * x)))
    f = symopt.compile(cost, w)
    assert f.source.count("numpy.exp(") == 1, f.source
    data = np.linspace(-1.0, 2.0, 7).reshape(-1, 1)
    value, gradient = f(w=0.3, x=data)
    hand = _hand(data)
    assert np.isclose(value, hand(0.3), rtol=1e-14)
    assert np.isclose(gradient, (hand(0.3 + 1e-6) - hand(0.3 - 1e-6)) / 2e-6, rtol=1e-7)


def test_applyfunc_maps_with_differently_named_variables_are_computed_once():
    x, w = _x_w()
    u = sympy.Symbol("u")
    cost = ops.mean(ops.hadamard(x.applyfunc(lambda s: sympy.exp(w * s)),
                                 x.applyfunc(sympy.Lambda(u, sympy.exp(w * u)))))
    f = symopt.compile(cost, w)
    # the two maps are one temporary; the gradient's map x*exp(x*w) is a body of its own (no CSE inside a body)
    assert f.source.count("numpy.exp(") == 2 and "(t1*t1).sum()" in f.source, f.source
    data = np.array([[0.5], [-1.0], [2.0]])
    value, gradient = f(w=0.3, x=data)
    assert np.isclose(value, np.mean(np.exp(0.6 * data)), rtol=1e-14)
    assert np.isclose(gradient, np.mean(2 * data * np.exp(0.6 * data)), rtol=1e-13)


def test_the_users_expressions_keep_their_maps():
    x, w = _x_w()
    first, second = ops.exp(w * x), ops.exp(w * x)
    symopt.compile(ops.mean(ops.hadamard(first, second)), w)
    assert first is not second and first != second  # each keeps its own bound variable: builds stay apart


def _deep(layer, depth: int):
    x = symopt.Placeholder("X", (None, 3))
    weights = [symopt.Variable(f"W{i}", 0.1, shape=(3, 3)) for i in range(depth)]

    def build():
        h = x
        for W in weights:
            h = layer(h @ W)
        return ops.sum(h)
    values = {**{W: np.full((3, 3), 0.1) for W in weights}, x: np.ones((2, 3))}
    return build, weights, values


def test_deep_networks_built_twice_compile_alike():
    for layer, depth in ((ops.tanh, 180), (lambda z: ops.hadamard(z, ops.sigmoid(z)), 200)):
        build, weights, values = _deep(layer, depth)
        results = [symopt.compile(build(), weights[-2:])(values) for _ in range(2)]
        assert results[0][0] == results[1][0] and np.isfinite(results[0][0])
        for a, b in zip(results[0][1], results[1][1]):
            assert np.array_equal(a, b)


def test_an_ops_map_and_the_equal_applyfunc_are_computed_once():
    """ops.exp binds a real variable, applyfunc a plain one (review7): the two are one temporary."""
    x, w = _x_w()
    cost = ops.mean(ops.hadamard(ops.exp(w * x), (w * x).applyfunc(sympy.exp)))
    f = symopt.compile(cost, w)
    assert f.source.count("numpy.exp(") == 1, f.source
    data = np.array([[0.5], [-1.0], [2.0]])
    value, gradient = f(w=0.3, x=data)
    assert np.isclose(value, np.mean(np.exp(0.6 * data)), rtol=1e-14)
    assert np.isclose(gradient, np.mean(2 * data * np.exp(0.6 * data)), rtol=1e-13)


def test_a_map_whose_body_reads_no_entry_is_that_constant_in_every_entry():
    """probe19 P19-9 (a silent wrong number): X.applyfunc(lambda z: s) printed as the bare scalar s, so the sum of
    it lost its factor m (the Gaussian NLL's n·log σ term) while the gradient kept it."""
    import sympy as sp
    from symopt import ops
    X = symopt.Placeholder("x", (None, 1))
    mu, s, a = symopt.Variable("mu", 0.0), symopt.Variable("s", 0.0), symopt.Variable("a", 0.7)
    data = np.random.default_rng(0).normal(2.0, 1.5, size=(100, 1))
    nll = ops.sum(X.applyfunc(lambda z: (z - mu) ** 2 / (2 * sp.exp(2 * s)))) + ops.sum(X.applyfunc(lambda z: s))
    value, (d_mu, d_s) = symopt.compile(nll, [mu, s])(0.5, 0.1, data)
    assert value == pytest.approx(np.sum((data - 0.5) ** 2 / (2 * np.exp(0.2)) + 0.1), rel=1e-14)
    assert d_s == pytest.approx(np.sum(-(data - 0.5) ** 2 * np.exp(-0.2) + 1), rel=1e-14)
    assert symopt.compile(ops.mean(X.applyfunc(lambda v: a ** 2)), a)(0.7, np.ones((4, 1)))[0] == pytest.approx(0.49)
    ones = np.ones((5, 1))
    assert symopt.evaluate(X.applyfunc(lambda z: s), {X: ones, s: 0.1}).tolist() == [[0.1]] * 5
    assert symopt.evaluate(ops.sum(X.applyfunc(lambda z: sp.exp(s))), {X: ones, s: 0.1}) == pytest.approx(5 * np.exp(0.1))
    assert symopt.evaluate(ops.sum(X.applyfunc(lambda z: sp.Integer(2))), {X: ones}) == 10.0  # was '2.sum()'
