"""Folding reductions of constant matrices keeps singular determinants finite, NumPy's digits and linear work
(final41d F41d-1, F41d-7, F41d-9).

Oracles: sympy.diff of the determinant written out (``.doit()``), and hand NumPy (``numpy.linalg.det``)."""

import numpy as np
import sympy

import symopt
from symopt import ops

w, b = sympy.symbols("w b", real=True)


def test_gradient_of_a_determinant_is_finite_where_the_explicit_matrix_is_singular():
    cases = [(sympy.Determinant(sympy.ImmutableMatrix([[w, b], [b, w]])), [w, b], {w: 1.0, b: 1.0}),
             (sympy.Determinant(w * sympy.ImmutableMatrix([[1, 2], [3, 4]])), [w], {w: 0.0, b: 0.0}),
             (sympy.Determinant(sympy.ImmutableMatrix([[w, 2 * w], [b, 4 * b]])), [w, b], {w: 1.0, b: 1.0})]
    for cost, wrt, at in cases:
        value, gradient = symopt.compile(cost, wrt)(**{str(s): v for s, v in at.items() if s in wrt})
        expected = [float(sympy.diff(cost.doit(), s).subs(at)) for s in wrt]
        assert np.allclose(gradient, expected, rtol=0, atol=1e-12), (cost, gradient, expected)


def test_determinant_of_a_float_matrix_is_numpys():
    rng = np.random.default_rng(1)
    numbers = rng.normal(size=(24, 24))
    cost = w * sympy.Determinant(sympy.ImmutableMatrix(numbers.tolist())) + w ** 2
    value, (gradient,) = symopt.compile(cost, [w])(w=1.0)
    assert gradient == np.linalg.det(numbers) + 2.0  # d/dw (w det C + w^2) at w = 1, by NumPy's LU


def test_determinant_of_an_exact_matrix_is_still_folded():
    cost = w * sympy.Determinant(sympy.ImmutableMatrix([[1, 2], [3, 4]])) + w ** 2
    assert symopt.grad(cost, w) == sympy.diff(-2 * w + w ** 2, w)


def test_many_constant_reductions_are_folded_without_comparing_each_pair(monkeypatch):
    count = 400
    symbols = sympy.symbols(f"v0:{count}")
    cost = ops.sum(sympy.ImmutableMatrix([symbol ** 2 for symbol in symbols]))
    comparisons = [0]
    unequal = sympy.Basic.__ne__

    def counted(self, other):
        comparisons[0] += 1
        return unequal(self, other)

    monkeypatch.setattr(sympy.Basic, "__ne__", counted)
    gradients = symopt.grad(cost, list(symbols))
    monkeypatch.undo()
    assert list(gradients) == [sympy.diff(symbol ** 2, symbol) for symbol in symbols]
    assert comparisons[0] < 10 * count  # copying the folded values per entry compared ~count**2 / 2 pairs
