"""probe85 P85-3: ``ops.power(B, E)`` with a matrix exponent of the base's shape (entry by entry) differentiates in
the base and in the exponent.  Oracle: jax.value_and_grad(lambda b, e: jnp.sum(b**e), argnums=(0, 1)) in float64
(JAX_ENABLE_X64=1) at B = [[1.5], [2.0]], E = [[0.5], [-1.2]]: 1.66002015, dB = [[0.40824829], [-0.26116517]],
dE = [[0.49659131], [0.30170983]]."""

import numpy as np
import pytest

import symopt
from symopt import ops

B0 = np.array([[1.5], [2.0]])
E0 = np.array([[0.5], [-1.2]])
JAX_VALUE = 1.66002015
JAX_SLOPE_BASE = np.array([[0.40824829], [-0.26116517]])
JAX_SLOPE_EXPONENT = np.array([[0.49659131], [0.30170983]])


def test_both_variables():
    B, E = symopt.Variable("B", B0), symopt.Variable("E", E0)
    value, (slope_base, slope_exponent) = symopt.compile(ops.sum(ops.power(B, E)), [B, E])(B=B0, E=E0)
    assert value == pytest.approx(JAX_VALUE, rel=1e-8)
    np.testing.assert_allclose(slope_base, JAX_SLOPE_BASE, rtol=1e-7)
    np.testing.assert_allclose(slope_exponent, JAX_SLOPE_EXPONENT, rtol=1e-7)


def test_data_base_parameter_exponent():
    X, E = symopt.Placeholder("X", (2, 1)), symopt.Variable("E", E0)
    _, slope = symopt.compile(ops.sum(ops.power(X, E)), E)(E=E0, X=B0)
    np.testing.assert_allclose(slope, JAX_SLOPE_EXPONENT, rtol=1e-7)


def test_parameter_base_data_exponent():
    B, D = symopt.Variable("B", B0), symopt.Placeholder("D", (2, 1))
    _, slope = symopt.compile(ops.sum(ops.power(B, D)), B)(B=B0, D=E0)
    np.testing.assert_allclose(slope, JAX_SLOPE_BASE, rtol=1e-7)


def test_base_of_the_exponent_itself():
    E = symopt.Variable("E", E0)
    _, slope = symopt.compile(ops.sum(ops.power(ops.exp(E), E)), E)(E=E0)
    np.testing.assert_allclose(slope, 2 * E0 * np.exp(E0**2), rtol=1e-12)  # by hand: d/dE exp(E**2)


def test_exponent_slope_at_a_zero_base_entry_is_zero():
    # review final47c 47c-8: jax.grad(lambda e: jnp.sum(x**e))(e) at x = [[0], [2]], e = [[2], [3]] is [[0], [5.545]]
    # (by hand: d/de 0**e = 0 for e > 0; d/de 2**3 = 8 log 2); it was NaN (0 * log 0)
    X, E = symopt.Placeholder("X", (2, 1)), symopt.Variable("E", [[2.0], [3.0]])
    _, slope = symopt.compile(ops.sum(ops.power(X, E)), E)(E=np.array([[2.0], [3.0]]), X=np.array([[0.0], [2.0]]))
    np.testing.assert_allclose(slope, [[0.0], [8 * np.log(2.0)]], rtol=1e-12)
