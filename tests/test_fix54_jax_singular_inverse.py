"""probe54 P54-7: a singular ``Inverse(S)`` on the JAX backend is NaN, as on the NumPy backend (docs/functions.md), so
``minimize`` raises the DomainError naming the singular inverse; ``jnp.linalg.inv`` gave ±inf, a cost of -inf read as
a cost without a lower bound.  Skipped where JAX is not installed."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt.errors import DomainError  # noqa: E402

SINGULAR = np.array([[1.0, 2.0], [2.0, 4.0]])
REGULAR = np.array([[2.0, 1.0], [1.0, 3.0]])


def cost_of(S):
    return sympy.Trace(sympy.Inverse(S)) + sympy.Trace(S * S.T)


def test_the_oracle_calls_the_matrix_singular():
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.inv(SINGULAR)


def test_a_singular_inverse_is_nan_and_a_regular_one_is_numpys():
    S = symopt.Variable("S", np.eye(2))
    compiled = symopt.compile(cost_of(S), S, backend="jax")
    value, gradient = compiled({S: SINGULAR})
    assert np.isnan(float(value)) and np.isnan(np.asarray(gradient)).all()  # one parameter: its gradient
    value, gradient = compiled({S: REGULAR})
    inverse = np.linalg.inv(REGULAR)  # the oracle: d/dS [tr S⁻¹ + tr SSᵀ] = -(S⁻²)ᵀ + 2S
    assert float(value) == pytest.approx(np.trace(inverse) + np.sum(REGULAR**2), rel=1e-6)
    np.testing.assert_allclose(np.asarray(gradient), -(inverse @ inverse).T + 2 * REGULAR, rtol=1e-5)


def test_a_singular_start_is_a_domain_error_naming_the_inverse():
    S = symopt.Variable("S", SINGULAR)
    with pytest.raises(DomainError, match=r"invalid value in inverse \(a singular matrix\)"):
        symopt.minimize(cost_of(S), S, optimizer="adam", steps=3, backend="jax")
