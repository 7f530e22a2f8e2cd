"""probe74 P74-1: JAX's own derivatives through a JAX-compiled fractional power are finite.

``real_power`` (symopt.jax_printer) masked a base not known to be nonnegative as ``b + sqrt(min(b, 0))``; JAX
differentiates ``sqrt`` at 0 (slope ``inf``) times the slope of ``min(b, 0)`` (0), so ``jax.grad``, ``jax.jvp`` and
``jax.jacfwd`` of the compiled value or gradient were NaN at every point.  The oracle is JAX differentiating the same
function written by hand in ``jnp``.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

jax = pytest.importorskip("jax")
jnp = jax.numpy

import symopt  # noqa: E402
from symopt import ops  # noqa: E402

R = sympy.Rational
w = symopt.Variable("w_fix45g_1", 2.0)

COSTS = {  # symopt cost, the same function by hand in jnp
    "w**1.5 + cbrt(w)": (w**1.5 + sympy.cbrt(w), lambda a: a**1.5 + jnp.cbrt(a)),
    "w**0.5": (w**0.5, lambda a: a**0.5),
    "(w - 1)**1.5": ((w - 1)**1.5, lambda a: (a - 1)**1.5),
    "w**(3/2) + w**(-1/3)": (w**R(3, 2) + w**R(-1, 3), lambda a: a**1.5 + a**(-1 / 3)),
}


@pytest.mark.parametrize("name", COSTS)
def test_jax_derivatives_of_the_compiled_value_and_gradient(name):
    cost, by_hand = COSTS[name]
    compiled = symopt.compile(cost, [w], backend="jax", dtype="float32")

    def value(a):
        return compiled({w.name: a})[0]

    def slope(a):
        return compiled({w.name: a})[1][0]

    for at in (1.5, 2.0, 3.7):
        at = jnp.float32(at)
        expected_slope = jax.grad(by_hand)(at)
        expected_curvature = jax.hessian(by_hand)(at)
        np.testing.assert_allclose(jax.grad(value)(at), expected_slope, rtol=1e-5)
        np.testing.assert_allclose(jax.jvp(value, (at,), (jnp.float32(1),))[1], expected_slope, rtol=1e-5)
        np.testing.assert_allclose(jax.jacfwd(slope)(at), expected_curvature, rtol=1e-4)
        np.testing.assert_allclose(jax.hessian(value)(at), expected_curvature, rtol=1e-4)


def test_an_elementwise_power_of_a_matrix():
    A = symopt.Variable("A_fix45g_1", np.ones((2, 2)), shape=(2, 2))
    compiled = symopt.compile(ops.sum(sympy.HadamardPower(A, R(3, 2))), [A], backend="jax", dtype="float32")
    at = jnp.asarray([[2.0, 0.3], [0.1, 1.5]], dtype="float32")
    slope = jax.grad(lambda a: compiled({A.name: a})[0])(at)
    np.testing.assert_allclose(slope, jax.grad(lambda a: (a**1.5).sum())(at), rtol=1e-5)


def test_the_value_stays_nan_where_the_base_is_negative():
    """The derivative fix keeps the value's real semantics: NaN, and a NaN slope, where the power has no real value."""
    compiled = symopt.compile(w**1.5, [w], backend="jax", dtype="float32")
    value, (slope,) = compiled({w.name: -2.0})
    assert np.isnan(value) and np.isnan(slope)
    assert np.isnan(jax.grad(lambda a: compiled({w.name: a})[0])(jnp.float32(-2.0)))
