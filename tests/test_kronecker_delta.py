"""``KroneckerDelta`` of data (probe8 R8): SymPy prints ``(1 if a == b else 0)``, which no array can run (NumPy's
"truth value of an array is ambiguous" at every call, JAX's TracerBoolConversionError); symopt prints a ``where``
in the program's dtype."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops

w = symopt.Variable("w", 0.0)
C = symopt.Placeholder("C", (None, 1))
c = sympy.Symbol("c")
COUNTS = np.array([[1.0], [2.0], [1.0]])
COST = (w - 2) ** 2 * ops.sum(C.applyfunc(lambda t: sympy.KroneckerDelta(t, 1)))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_count_of_entries_equal_to_one(dtype):
    value, gradient = symopt.compile(COST, w, dtype=dtype)(w=0.5, C=COUNTS.astype(dtype))
    assert (float(value), float(gradient)) == (4.5, -6.0)  # 2 entries equal 1: 2 (w - 2)^2, 4 (w - 2)
    assert np.asarray(value).dtype == dtype


def test_minimize_and_evaluate():
    assert symopt.evaluate(ops.sum(C.applyfunc(lambda t: sympy.KroneckerDelta(t, 1))), {C: COUNTS}) == 2.0
    assert symopt.minimize(COST, w, data={C: COUNTS}, method="newton")[w] == pytest.approx(2.0)


@pytest.mark.parametrize("backend", ["numpy", "jax"])
def test_scalar_data(backend):
    if backend == "jax":
        pytest.importorskip("jax")
    f = symopt.compile(w * sympy.KroneckerDelta(c, 1), w, backend=backend)
    assert [float(x) for x in f(w=0.5, c=1.0)] == [0.5, 1.0]
    assert [float(x) for x in f(w=0.5, c=2.0)] == [0.0, 0.0]


def test_jax_counts_a_batch():
    pytest.importorskip("jax")
    value, gradient = symopt.compile(COST, w, backend="jax")(w=0.5, C=COUNTS)
    assert (float(value), float(gradient)) == (4.5, -6.0)
