"""probe42 P42-3: a fractional power under ``log`` keeps NumPy's real semantics on the JAX backend.

XLA's algebraic simplifier rewrites ``log(b**p)`` as ``p*log(|b|)`` under ``jax.jit``: ``log(v**(3/2))`` at
``v = -0.5`` was -1.04 on ``backend="jax"``, NaN on NumPy (``(-0.5)**1.5`` has no real value), and a JAX run trained
through it.  The oracle is the NumPy backend (and ``math``: a negative base under a non-integer power has no real value).
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt import ops  # noqa: E402
from symopt.errors import DomainError  # noqa: E402

R = sympy.Rational
v = symopt.Variable("v_p42_3", 1.0)


def _both(cost, wrt, **values):
    """``(value, gradients)`` on NumPy and on JAX (float32, JAX's default), as NumPy arrays."""
    out = []
    for backend in ("numpy", "jax"):
        with np.errstate(all="ignore"):
            value, gradients = symopt.compile(cost, wrt, backend=backend, dtype="float32")(**values)
        out.append((np.asarray(value, dtype=float), np.asarray(gradients[0] if isinstance(gradients, tuple)
                                                                  else gradients, dtype=float)))
    return out


@pytest.mark.parametrize("cost", [sympy.log(v**R(3, 2)), sympy.log(v**R(1, 3)), sympy.log(v**R(-3, 2)),
                                  sympy.log(v**R(5, 2)), v*sympy.log(v**R(3, 2)), sympy.log(v**v)],
                         ids=str)
@pytest.mark.parametrize("at", [-0.5, -1.0, -1.5, 2.0, 0.75])
def test_a_fractional_power_under_log_is_nan_where_numpy_is(cost, at):
    (value_np, slope_np), (value_jax, slope_jax) = _both(cost, v, **{v.name: at})
    if at < 0:
        assert np.isnan(value_np) and np.isnan(value_jax), (value_np, value_jax)
    np.testing.assert_allclose(value_jax, value_np, rtol=1e-6, equal_nan=True)
    np.testing.assert_allclose(slope_jax, slope_np, rtol=1e-6, equal_nan=True)


def test_the_matrix_form():
    W = symopt.Variable("W_p42_3", 0.0, shape=(2, 1))
    cost = ops.sum(ops.log(ops.power(W, R(3, 2))))
    (value_np, slope_np), (value_jax, slope_jax) = _both(cost, W, **{W.name: np.array([[-0.5], [2.0]])})
    assert np.isnan(value_np) and np.isnan(value_jax)
    np.testing.assert_allclose(slope_jax, slope_np, rtol=1e-6, equal_nan=True)


def test_the_guard_keeps_values_at_zero_infinity_and_integer_exponents():
    """``real_power`` changes nothing where the power has a real value: ``0``, ``-0.0``, ``inf``, an exponent that is an
    integer at run time (``(-2)**3``), and a positive base (printed without the guard)."""
    from symopt.jax_printer import real_power
    jnp = jax.numpy
    base = jnp.asarray([0.0, -0.0, np.inf, 2.0, -2.0, np.nan], dtype="float32")
    with np.errstate(all="ignore"):
        expected = np.asarray(base) ** 1.5
    np.testing.assert_array_equal(np.asarray(real_power(base, 1.5)), expected)
    np.testing.assert_array_equal(np.asarray(jax.jit(lambda b: real_power(b, b))(base)),
                                  np.asarray(base) ** np.asarray(base))
    for cost in ((v**2 + 1)**R(3, 2), sympy.Abs(v)**R(3, 2) + v, (sympy.exp(v) + 1)**R(1, 3)):  # bases known
        assert "real_power" not in symopt.compile(cost, v, backend="jax").source  # nonnegative, as temporaries too
    assert "real_power" not in symopt.compile(v**2 + sympy.sqrt(v), v, backend="jax").source


def test_a_jax_run_refuses_the_starting_point_as_numpy_does():
    messages = []
    for backend in ("numpy", "jax"):
        with pytest.raises(DomainError) as caught, np.errstate(all="ignore"):
            symopt.minimize(sympy.log(v**R(3, 2)), {v: -0.5}, steps=3, backend=backend, dtype="float32")
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "has no real value" in messages[1]
