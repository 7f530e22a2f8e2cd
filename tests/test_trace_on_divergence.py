"""probe16 Z21: with ``trace=True`` a run that ends in ``DivergenceError`` / ``DomainError`` carried
``error.result.trace = None``: the per-step record of HOW it diverged (the lecture's "too large a learning rate"
demonstration) was dropped.  Oracle: gradient descent on w² at lr 1.5 is w_k = (1 - 2·1.5)^k = (-2)^k, by hand."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt.errors import DivergenceError, DomainError


def test_a_diverged_first_order_run_keeps_its_trace_to_the_non_finite_step():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(w ** 2, w, optimizer=symopt.GradientDescent(np.float64(1.5)), steps=2000, trace=True)
    result = caught.value.result
    trace = result.trace
    assert trace is not None and len(trace) == len(result.history)
    steps = trace.column("step")
    assert steps == list(range(len(steps)))
    np.testing.assert_array_equal(trace.column("w")[:10], [(-2.0) ** k for k in range(10)])
    np.testing.assert_array_equal(trace.column("dJ/dw")[:10], [2 * (-2.0) ** k for k in range(10)])
    assert np.isinf(trace.column("cost")[-1]) and np.all(np.isfinite(trace.column("cost")[:-1]))


def test_a_domain_error_keeps_the_trace():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(DomainError) as caught:
        symopt.minimize(w - 3 * sympy.log(w) + 0.5 * w ** 2, w, optimizer=symopt.GradientDescent(1.9), steps=50,
                        trace=True)
    trace = caught.value.result.trace
    assert trace is not None and np.isnan(trace.column("cost")[-1])
    assert trace.column("w")[-1] < 0  # the row where w left log's domain
    w0, g0 = trace.column("w")[0], trace.column("dJ/dw")[0]
    assert g0 == pytest.approx(1 - 3 / w0 + w0)


def test_a_diverged_method_run_keeps_the_trace():
    w = symopt.Variable("w", 1.0)
    with pytest.raises(DivergenceError) as caught:
        symopt.minimize(-w ** 2, w, method="lbfgs", trace=True)
    trace = caught.value.result.trace
    assert trace is not None and len(trace) == len(caught.value.result.history)
    assert trace.column("cost")[-1] == -np.inf
    np.testing.assert_allclose(trace.column("dJ/dw")[:-1], [-2 * v for v in trace.column("w")[:-1]])


def test_newtons_refusal_of_an_indefinite_hessian_keeps_the_trace():
    x, y = symopt.Variable("x", 0.5), symopt.Variable("y", 0.3)
    with pytest.raises(symopt.errors.IndefiniteHessianError) as caught:
        symopt.minimize(x ** 2 - y ** 2, [x, y], method="newton", trace=True)
    trace = caught.value.result.trace
    assert trace is not None and trace.column("x") == [0.5] and trace.column("dJ/dy") == [-0.6]
