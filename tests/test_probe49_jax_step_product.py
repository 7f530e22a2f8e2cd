"""probe49 P49-4: the slope of ``relu(w)**(1/p)`` at ``w = -1`` was NaN on NumPy (``(1/p)*0**(1/p - 1)*step(w)``,
``inf*0``, the documented ``0*inf`` class) and 0 on JAX: XLA rewrote the product with ``step``'s converted comparison
as a select.  Both backends now give NumPy's NaN (docs/numerics.md); the oracle is the NumPy backend and IEEE's
``inf*0``."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt.jax_printer import heaviside  # noqa: E402

w = symopt.Variable("w_p49_4", 1.0)
p = symopt.Variable("p_p49_4", 2.0)


@pytest.mark.parametrize("point", [-1.0, 0.0])
def test_the_slope_of_a_power_of_relu_with_a_parameter_exponent_agrees(point):
    cost = symopt.relu(w) ** (1 / p)
    results = []
    for backend in ("numpy", "jax"):
        with np.errstate(all="ignore"):
            program = symopt.compile(cost, [w, p], backend=backend, dtype="float32")
            value, (dw, dp) = program(w_p49_4=point, p_p49_4=2.0)
        results.append((float(value), float(dw), float(dp)))
    (numpy_value, numpy_dw, numpy_dp), (jax_value, jax_dw, jax_dp) = results
    assert numpy_value == jax_value == 0.0
    assert np.isnan(numpy_dw) and np.isnan(jax_dw)  # inf*0, as sqrt(relu(w)) on both
    assert numpy_dp == jax_dp == 0.0


def test_step_times_inf_is_nan_under_jit_and_step_of_nan_is_zero():
    product = jax.jit(lambda a, x: a * heaviside(x))
    assert np.isnan(float(product(np.float32(np.inf), np.float32(-1.0))))
    assert float(product(np.float32(3.0), np.float32(2.0))) == 3.0
    assert float(jax.jit(heaviside)(np.float32(np.nan))) == 0.0
    assert float(jax.jit(heaviside)(np.float32(0.0))) == 0.0
    assert jax.jit(heaviside)(np.zeros(2, np.float32)).dtype == np.float32


def test_a_relu_network_slope_is_unchanged():
    x = sympy.Symbol("x_p49_4", real=True)
    cost = symopt.relu(w * x - 1) ** 2
    for point in (2.0, 0.2):
        value, (dw,) = symopt.compile(cost, [w], backend="jax")(w_p49_4=point, x_p49_4=3.0)
        assert float(dw) == pytest.approx(2 * max(3 * point - 1, 0.0) * 3.0)
