"""A term of data alone inside an elementwise body needs no derivative rule (probe19 P19-8): the textbook Poisson
log-likelihood, -(y a - e^a - log y!) per observation, was refused for loggamma(y + 1)."""

import math

import numpy as np
import pytest
import sympy as sp

import symopt
from symopt import ops
from symopt.errors import UnsupportedOperationError

X = symopt.Placeholder("x", (None, 1))
A = symopt.Variable("a", 0.5)
POISSON = ops.mean(X.applyfunc(lambda z: -(z * A - sp.exp(A) - sp.loggamma(z + 1))))
COUNTS = np.array([[0.0], [1.0], [3.0], [2.0]])


def test_the_poisson_likelihood_compiles_and_fits():
    value, gradient = symopt.compile(POISSON, A)(0.5, COUNTS)
    expected = np.mean([-(y * 0.5 - math.exp(0.5) - math.lgamma(y + 1)) for y in COUNTS[:, 0]])
    assert value == pytest.approx(expected, rel=1e-14)
    assert gradient == pytest.approx(np.mean(-COUNTS + math.exp(0.5)), rel=1e-14)
    h = 1e-6
    f = symopt.compile(POISSON, A)
    assert gradient == pytest.approx((f(0.5 + h, COUNTS)[0] - f(0.5 - h, COUNTS)[0]) / (2 * h), rel=1e-7)
    fitted = symopt.minimize(POISSON, A, data={X: COUNTS}, optimizer=symopt.Adam(0.1), steps=500)
    assert fitted[A] == pytest.approx(math.log(COUNTS.mean()), abs=1e-9)  # the MLE: log of the mean count


def test_a_map_whose_argument_takes_a_gradient_still_needs_the_rule():
    W = symopt.Variable("w", 1.0)
    with pytest.raises(UnsupportedOperationError, match="no derivative rule for loggamma"):
        symopt.compile(ops.mean((X * W).applyfunc(lambda z: sp.loggamma(z + 1))), W)
