"""final44a F44a-1: an elementwise product of scaled factors is computed as written (P72-1's power-of-two
cancellation is reverted): ``(A/2)*(2*B)`` is nan where ``2*B`` overflows and ``A`` has a zero, as NumPy gives it.

Oracles: hand NumPy computing the product as the user wrote it, and the parent's gradient ``((1/2)*M)*(2*t0)``,
bit for bit, in float32 and float64, on NumPy and (where installed) JAX."""

import numpy as np
import pytest

import symopt
from symopt import ops

A, B = symopt.Placeholder("A", (2, 2)), symopt.Placeholder("B", (2, 2))
w = symopt.Variable("w", 1.0)


def _near_overflow(dtype):
    big = np.finfo(dtype).max * 0.75
    return np.array([[1.0, 2.0], [0.0, 1.0]], dtype), np.array([[big, 1.0], [big, 3.0]], dtype)


@pytest.mark.parametrize("backend", ["numpy", "jax"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_a_product_of_scaled_factors_is_the_product_written(dtype, backend):
    if backend == "jax":
        pytest.importorskip("jax")
    f = symopt.compile(ops.sum(ops.hadamard(A / 2, 2 * B)) * w, [w], dtype=dtype, backend=backend)
    Av, Bv = _near_overflow(dtype)
    with np.errstate(all="ignore"):
        value, (gradient,) = f({w: 1.0, A: Av, B: Bv})
        written = ((Av / 2) * (2 * Bv)).sum()  # hand NumPy as written: inf*0 is nan
    assert np.isnan(written)
    np.testing.assert_array_equal(value, written)
    np.testing.assert_array_equal(gradient, written)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_a_halved_masked_sum_of_squares_keeps_its_gradient_bits(dtype):
    """The gradient of sum(M o (U V^T - R)^2)/2 is ``((1/2)*M)*(2*t0)``, as the parent computed it (exact only while
    neither copy over- or underflows, so it is not rewritten)."""
    m, n, r = 5, 4, 2
    R, M = symopt.Placeholder("R", (m, n)), symopt.Placeholder("M", (m, n))
    U, V = symopt.Variable("U", 0.0, shape=(m, r)), symopt.Variable("V", 0.0, shape=(n, r))
    f = symopt.compile(ops.sum(ops.hadamard(M, ops.square(U @ V.T - R))) / 2, [U, V], dtype=dtype)
    rng = np.random.default_rng(2)
    Rv, Uv, Vv = (rng.normal(size=s).astype(dtype) for s in ((m, n), (m, r), (n, r)))
    Mv = np.full((m, n), np.finfo(dtype).smallest_subnormal, dtype)
    Uv[0, 0] = np.finfo(dtype).max * 0.75 / (abs(Vv[0, 0]) + 1)  # t0[0, 0] huge: 2*t0 overflows, (1/2)*M underflows
    with np.errstate(all="ignore"):
        _, (gU, gV) = f({U: Uv, V: Vv, M: Mv, R: Rv})
        t0 = Uv @ Vv.T - Rv
        t1 = (0.5 * Mv) * (2 * t0)  # the parent's ((1/2)*M)*(2*t0)
    np.testing.assert_array_equal(gU, t1 @ Vv)
    np.testing.assert_array_equal(gV, t1.T @ Uv)
