"""core8 1d: a float32 scalar Piecewise output was a 0-d array (numpy.where of scalars) where every other float32
scalar output is numpy.float32; compile and evaluate now return the NumPy scalar (float64: Python floats)."""

import numpy as np
import pytest
import sympy

import symopt

w = symopt.Variable("w", 2.0, dtype="float32")
COSTS = {"Piecewise": sympy.Piecewise((w**2, w > 0), (-w, True)), "Max": sympy.Max(w, 1) ** 2,
         "Max alone": sympy.Max(w, 1), "power": w**2}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", sorted(COSTS))
def test_scalar_outputs_are_numpy_scalars(name, dtype):
    value, gradient = symopt.compile(COSTS[name], w, dtype=dtype)(w=2.0)
    evaluated = symopt.evaluate(COSTS[name], {w: 2.0}, dtype=dtype)
    expected = float if dtype == "float64" else np.float32  # float64 scalar costs run on Python's math
    for number in (value, gradient, evaluated):
        assert type(number) is expected, (name, type(number))
    assert float(value) == float(evaluated) == float(COSTS[name].subs(w, 2))
    assert float(gradient) == float(sympy.diff(COSTS[name], w).subs(w, 2))
