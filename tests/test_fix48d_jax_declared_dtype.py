"""probe94 P94-3: with 64-bit JAX on, ``backend="jax"`` computes in the dtype the Variables declare, as the NumPy
backend does; a Variable declared float64 was run in float32 with no warning.

Skipped where JAX is not installed (an optional extra).  64-bit JAX stays off in this process; it is switched on
inside ``jax.enable_x64(True)`` only.  The oracle is Python's own float arithmetic (IEEE double) and NumPy float32.
"""

from __future__ import annotations

import numpy as np
import pytest

jax = pytest.importorskip("jax")

import symopt  # noqa: E402
from symopt.jax_printer import jax_dtype  # noqa: E402

#: J(w) = (w - 1e-9)**2 + 1 at w = 1 in IEEE double, and its gradient 2 (w - 1e-9): float32 rounds both to 2.
VALUE_64, GRADIENT_64 = (1.0 - 1e-9) ** 2 + 1.0, 2 * (1.0 - 1e-9)


def test_a_float64_variable_compiles_in_float64_on_64_bit_jax():
    w = symopt.Variable("w", 0.0, dtype="float64")
    with jax.enable_x64(True):
        f = symopt.compile((w - 1e-9) ** 2 + 1.0, w, backend="jax")
        value, gradient = f(w=1.0)
    assert f.dtype == "float64" and value.dtype == np.float64 and gradient.dtype == np.float64
    assert float(value) == VALUE_64 and float(gradient) == GRADIENT_64  # float32 gives 2.0 and 2.0


def test_a_float32_variable_stays_float32_on_64_bit_jax():
    w = symopt.Variable("w", 0.0, dtype="float32")
    with jax.enable_x64(True):
        f = symopt.compile((w - 1e-9) ** 2 + 1.0, w, backend="jax")
        value, gradient = f(w=1.0)
    assert f.dtype == "float32" and value.dtype == np.float32
    assert float(value) == float(np.float32(2.0)) and float(gradient) == float(np.float32(2.0))


def test_data_declared_float32_makes_the_run_float32_as_on_numpy():
    w, x = symopt.Variable("w", 0.0), symopt.Placeholder("x", dtype="float32")
    with jax.enable_x64(True):
        f = symopt.compile((w - x) ** 2, w, backend="jax")
    assert f.dtype == symopt.compile((w - x) ** 2, w).dtype == "float32"


def test_an_explicit_dtype_still_wins():
    w = symopt.Variable("w", 0.0, dtype="float64")
    with jax.enable_x64(True):
        assert symopt.compile(w ** 2, w, backend="jax", dtype="float32").dtype == "float32"
        assert jax_dtype("float32", [w]) == "float32"


def test_without_64_bit_jax_the_run_is_float32_as_documented():
    """A Variable's dtype defaults to float64, so with 64-bit JAX off it cannot be told from a declared one: the run is
    float32 (docs/scale.md), and dtype='float64' asked for explicitly is refused."""
    w = symopt.Variable("w", 0.0)
    assert not jax.config.jax_enable_x64
    assert symopt.compile(w ** 2, w, backend="jax").dtype == "float32"
    assert jax_dtype(None, [w]) == "float32"
    with pytest.raises(symopt.errors.BackendError, match="jax_enable_x64"):
        jax_dtype("float64", [w])
