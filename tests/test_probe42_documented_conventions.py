"""probe42 P42-4, P42-5, P42-6: conventions docs/numerics.md and docs/functions.md state, pinned.

P42-4: outside a function's real domain the value is NaN and the gradient is the derivative's formula as written
(``1/w`` of ``log``), as ``jax.grad`` and TF1 give it.  P42-5: one program gives the same inf/nan on the ``math`` and
NumPy paths; a scalar cost and its body mapped over a placeholder are two programs.  P42-6: SymPy's identities
(``sqrt(w)**2`` is ``w``) are taken as written.  Oracles: the formulas by hand, the NumPy version of the same program.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

import symopt

w = symopt.Variable("w_p42_4", 1.0)
a = sympy.Symbol("a_p42_4", real=True)


@pytest.mark.parametrize("cost, at, slope", [(sympy.log(w), -30.0, 1 / -30.0), (sympy.atanh(w), 2.0, 1 / (1 - 4.0)),
                                             (sympy.acosh(w), 0.5, math.nan), (sympy.sqrt(w), -4.0, math.nan)],
                         ids=str)
def test_outside_the_domain_the_value_is_nan_and_the_slope_its_formula(cost, at, slope):
    with np.errstate(all="ignore"):
        value, gradient = symopt.compile(cost, w)(**{w.name: at})
    assert math.isnan(value)
    assert (math.isnan(gradient) and math.isnan(slope)) or gradient == pytest.approx(slope, rel=1e-15)


@pytest.mark.parametrize("at", [(0.0, 5e-324), (-1e308, 710.0), (1e308, math.inf)])
def test_one_program_gives_the_same_inf_and_nan_on_math_and_numpy(at):
    cost = (w / a) * (w + w)
    feed = {w.name: at[0], a.name: at[1]}
    compiled = symopt.compile(cost, w)
    assert compiled.module == "math" and compiled.numpy_version is not None
    with np.errstate(all="ignore"):
        on_math = compiled(**feed)
        on_numpy = compiled.numpy_version()(**{name: np.float64(value) for name, value in feed.items()})
    np.testing.assert_array_equal(np.asarray(on_math[0], dtype=float), np.asarray(on_numpy[0], dtype=float))
    np.testing.assert_array_equal(np.asarray(on_math[1], dtype=float), np.asarray(on_numpy[1], dtype=float))


def test_sympy_identities_are_taken_as_written():
    assert sympy.sqrt(w) ** 2 == w and sympy.exp(sympy.log(w)) == w
    assert symopt.compile(sympy.sqrt(w) ** 2, w)(**{w.name: -2.0}) == (-2.0, 1.0)
