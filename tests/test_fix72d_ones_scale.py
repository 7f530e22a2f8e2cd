"""final44a F44a-9: a scale of an all-ones term that computes (``0.7/m``) is printed as before, in the program's
dtype (``0.7*numpy.ones((m, 1), dtype='float32')/m``), not as Python-float arithmetic; a symbol or a number is still
added as itself (P72-8: ``t1 += b``).

Oracles: hand NumPy computing the expression as written in float32 (``f32(0.7)/f32(m)``), on NumPy and (where
installed) JAX, and the value alone (``symopt.evaluate``)."""

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.symbols import BATCH

X = symopt.Placeholder("X", (None, 3))
W = symopt.Variable("W", 0.0, shape=(3, 1))


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_a_scale_with_a_divisor_divides_in_float32(backend):
    xp = np if backend == "numpy" else pytest.importorskip("jax.numpy")
    z = X @ W + (sympy.Float(0.7) / BATCH) * sympy.OneMatrix(BATCH, 1)
    f = symopt.compile(ops.sum(ops.exp(z)), [W], dtype="float32", backend=backend)
    Xv, Wv = np.zeros((9, 3), "float32"), np.zeros((3, 1), "float32")
    value, _ = f({W: Wv, X: Xv})
    bias = xp.float32(0.7) / xp.float32(9)  # f32 0.07777777, where f32(0.7/9) is 0.07777778
    assert bias != xp.float32(0.7 / 9)
    np.testing.assert_array_equal(value, xp.exp(xp.asarray(Xv) @ xp.asarray(Wv) + bias).sum())
    np.testing.assert_array_equal(np.asarray(symopt.evaluate(z, {W: Wv, X: Xv}, dtype="float32")),
                                  np.full((9, 1), np.float32(0.7) / np.float32(9)))


b = symopt.Variable("b", 0.0)


@pytest.mark.parametrize("scale, number", [(b, 0.25), (-b, -0.25), (sympy.Float(0.7), 0.7), (-sympy.Float(0.7), -0.7),
                                           (sympy.Integer(-255), -255)])
def test_a_symbol_or_a_number_is_still_added_as_itself(scale, number):
    f = symopt.compile(ops.sum(ops.square(X @ W + scale * sympy.OneMatrix(BATCH, 1))), [W], dtype="float32")
    assert "ones" not in f.source, f.source
    rng = np.random.default_rng(0)
    Xv, Wv = rng.normal(size=(9, 3)).astype("float32"), rng.normal(size=(3, 1)).astype("float32")
    value, _ = f({W: Wv, X: Xv, **({b: 0.25} if scale.has(b) else {})})
    t = Xv @ Wv + np.float32(number) * np.ones((9, 1), "float32")  # the parent's c*numpy.ones((m, 1)), bit for bit
    np.testing.assert_array_equal(value, (t**2).sum())
