"""Found by core11 while testing probe16 Z4: ``method="newton"`` on a per-observation mean written with
``applyfunc`` (the Gaussian negative log-likelihood in its mean, ``mean((x - mu)**2 / 2)``) died with "the
expression needs the size m ... no input of the program has a dimension m": its Hessian ``sum(1/m · 1)`` reads m
but no data.  Oracle: the minimum is the sample mean, and the Hessian is 1, by hand."""

from __future__ import annotations

import numpy as np
import pytest

import symopt
from symopt import ops
from symopt.second_order import hessian_eigenvalues


def test_newton_on_a_mean_whose_hessian_reads_only_m():
    x = symopt.Placeholder("x", (None, 1))
    mu = symopt.Variable("mu", 0.0)
    data = {x: np.array([[1.0], [2.0], [4.0]])}
    cost = ops.mean(x.applyfunc(lambda s: (s - mu) ** 2 / 2))
    result = symopt.minimize(cost, mu, data=data, method="newton")
    assert result[mu] == pytest.approx(7 / 3) and result.steps == 1  # a quadratic: one Newton step
    assert hessian_eigenvalues(cost, mu, {**data, mu: 0.0}) == pytest.approx([1.0])
