"""final41b F41b-2, F41b-4: Newton-CG's verdict under ``tol=``.

F41b-2: a ``tol`` below the rounding floor of the gradient ended on SciPy's bare "precision loss" failure (or "but the
largest |gradient| is ... > tol") at the exact fit, where L-BFGS-B says "converged to rounding".  F41b-4: a saddle
start said "converged: ... ; but ... not a minimum" in one sentence."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

pytest.importorskip("scipy")

RNG = np.random.default_rng(1)
FEATURES = RNG.normal(size=(100, 3)) * np.array([1e3, 1, 1e-2])  # the gradient cannot get below ~1e-11 at the fit
# with noise, so no point fits exactly: targets computed as FEATURES @ w were fitted to a zero gradient once the
# Hessian-vector product stopped forming the Gram matrix (probe60 P60-9)
TARGETS = FEATURES @ np.array([1e-3, 2, 300]) + np.random.default_rng(5).normal(size=100) * 1e-3


@pytest.mark.parametrize("scale, tol", [(1.0, 1e-12), (1e6, 1e-6)])
def test_newton_cg_below_the_rounding_floor_converges_to_rounding(scale, tol):
    """The oracle is numpy.linalg.lstsq; the gradient 2·scale·Xᵀ(Xw - y) is written by hand and is above tol."""
    X, y = symopt.Placeholder("X", (None, 3)), symopt.Placeholder("y", (None,))
    weights = symopt.Variable("w", np.zeros(3))
    cost = scale * ops.sum(ops.square(X @ weights - y))
    result = symopt.minimize(cost, weights, data={X: FEATURES, y: TARGETS}, method="newton-cg", tol=tol, steps=200)
    fitted = np.asarray(result[weights], dtype=float)
    exact = np.linalg.lstsq(FEATURES, TARGETS, rcond=None)[0]
    gradient = 2 * scale * FEATURES.T @ (FEATURES @ fitted - TARGETS)
    assert np.max(np.abs(fitted - exact)) < 1e-9
    assert np.max(np.abs(gradient)) > tol  # the floor: no method gets below it
    assert result.success, result.message
    assert "converged to rounding" in result.message and "precision loss" not in result.message


def test_newton_cg_with_tol_from_a_saddle_does_not_say_converged():
    """(w² - 1)² + (v² - 1)² at (0, 0): gradient 0, Hessian diag(-4, -4) by sympy.hessian: a maximum."""
    w, v = sympy.symbols("w v")
    cost = (w**2 - 1)**2 + (v**2 - 1)**2
    hessian = sympy.hessian(cost, (w, v)).subs({w: 0, v: 0})
    assert max(hessian.eigenvals()) < 0
    result = symopt.minimize(cost, {w: 0.0, v: 0.0}, method="newton-cg", tol=1e-6)
    assert not result.success
    assert "converged" not in result.message and "curves down" in result.message


def test_newton_cg_with_tol_stuck_where_the_cost_has_no_curvature_says_why():
    """w**4/4 - w at w = 0: gradient -1 (by hand), second derivative 0: Newton-CG cannot move."""
    w = sympy.Symbol("w")
    result = symopt.minimize(w**4 / 4 - w, {w: 0.0}, method="newton-cg", tol=1e-6)
    assert not result.success
    assert "stopped where it started" in result.message
