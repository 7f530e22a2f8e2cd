"""final42b F42b-11, F42b-7, F42b-13: the gradient-square check before SciPy squares the projected gradient (what
L-BFGS-B squares), says which quantity is past float64's range, and reuses the gradient of an iterate it already had.
Oracles: scipy.optimize.minimize called directly; NumPy's float64 products."""

import collections

import numpy as np
import pytest
import scipy.optimize
import sympy

import symopt
import symopt.second_order
from symopt.errors import DivergenceError


def test_a_bounded_start_at_its_box_minimum_with_a_huge_outward_gradient_keeps_its_success():
    def cost(z):
        return np.exp(-z[0]) + (z[1] - 2) ** 2, np.array([-np.exp(-z[0]), 2 * (z[1] - 2)])
    oracle = scipy.optimize.minimize(cost, [-400.0, 2.0], jac=True, method="L-BFGS-B", bounds=[(None, -400.0),
                                                                                              (None, None)])
    assert oracle.success and np.allclose(oracle.x, [-400.0, 2.0])  # SciPy's own verdict: the box minimum
    w, v = symopt.Variable("w", -400.0), symopt.Variable("v", 2.0)
    result = symopt.minimize(sympy.exp(-w) + (v - 2) ** 2, {w: -400.0, v: 2.0}, method="lbfgs",
                             bounds={w: (None, -400.0)})
    assert result.success and float(result[w]) == -400.0 and float(result[v]) == 2.0


def test_a_sum_of_squares_past_float64_names_the_norm_not_an_entry():
    gradient = np.array([1e154, 1e154])  # 5e153 * (w**2 + v**2) at (1, 1)
    assert np.all(gradient < np.sqrt(np.finfo(float).max))  # each entry's square is finite ...
    with np.errstate(over="ignore"):
        assert np.isinf(gradient @ gradient)  # ... their sum is not
    w, v = symopt.Variable("w", 1.0), symopt.Variable("v", 1.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(5e153 * (w ** 2 + v ** 2), {w: 1.0, v: 1.0}, method="lbfgs")
    message = str(caught.value)
    assert "above 1.34e+154 whose square" not in message
    assert "each |gradient| entry is at most 1e+154" in message and "‖∇J‖ = 1.41e+154" in message


def test_trust_ncg_evaluates_no_iterate_twice(monkeypatch):
    seen = collections.Counter()
    original = symopt.second_order.Problem.value_and_grad

    def counting(self, x):
        seen[tuple(np.asarray(x, dtype=float).ravel())] += 1
        return original(self, x)
    monkeypatch.setattr(symopt.second_order.Problem, "value_and_grad", counting)
    a, b = symopt.Variable("a", -1.2), symopt.Variable("b", 1.0)
    result = symopt.minimize((1 - a) ** 2 + 100 * (b - a ** 2) ** 2, {a: -1.2, b: 1.0}, method="trust-ncg")
    assert result.success
    ends = {(-1.2, 1.0), (float(result[a]), float(result[b]))}  # the start and the returned point: checked again
    assert [point for point, count in seen.items() if count > 1 and point not in ends] == []
