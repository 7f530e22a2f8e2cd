"""``clip_norm=`` when the squares of the gradients overflow (probe12 V12): the norm was ``inf``, the scale
``c/inf = 0``, and every step a silent zero step reported as success.  The norm is now taken again as
``s*||g/s||`` with ``s = max|g|``: the clipped gradient is the mathematically clipped one."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_an_overflowing_gradient_is_clipped_to_the_limit_not_to_zero(backend):
    if backend == "jax":
        pytest.importorskip("jax")
    w = symopt.Variable("w", 1.0, dtype="float32")
    v = symopt.Variable("v", 1.0, dtype="float32")
    # gradient (1e20, 2v): its squares overflow float32; clipped to norm 1 it is (1, ~2e-20)
    result = symopt.minimize(1e20 * w + v ** 2, [w, v], optimizer=symopt.GradientDescent(0.1), steps=100,
                             clip_norm=1.0, backend=backend)
    assert result[w] == pytest.approx(1.0 - 100 * 0.1, rel=1e-5) and result[v] == 1.0


def test_float64_and_a_matrix_with_adam():
    w = symopt.Variable("w", 1.0)
    result = symopt.minimize(1e160 * w, w, optimizer=symopt.GradientDescent(0.125), steps=8, clip_norm=1.0)
    assert result[w] == 0.0  # eight steps of 0.125 times the unit gradient, exactly
    W = symopt.Variable("W", np.ones((2, 1)), shape=(2, 1), dtype="float32")
    moved = symopt.minimize(ops.sum(W) * 3e19, W, optimizer=symopt.Adam(0.1), steps=10, clip_norm=1.0)[W]
    plain = symopt.minimize(ops.sum(W) * 3.0, W, optimizer=symopt.Adam(0.1), steps=10, clip_norm=1.0)[W]
    np.testing.assert_allclose(moved, plain, rtol=1e-6)  # the same unit direction, whatever its length was
    assert abs(moved[0, 0]) < 1e-4  # Adam moved each entry by about 0.1 a step, from 1 to 0


def test_an_infinite_gradient_is_still_reported():
    """sqrt at 0: the gradient is inf, so is the norm's largest entry; the step is not finite and the run says so."""
    w = symopt.Variable("w", 0.0)
    with pytest.raises(symopt.errors.DivergenceError):
        symopt.minimize(sympy.sqrt(w) + w, w, optimizer=symopt.GradientDescent(0.1), steps=5, clip_norm=1.0)
