"""A user's real SymPy symbol named like a temporary (``Symbol("t0", real=True)``, an initial time) is data, never
one of the program's temporaries (probe14 X4): SymPy symbols are equal by name and assumptions, so the temporary
``t0`` was the user's ``t0`` and every compile raised an internal ProgramError."""

import numpy as np
import pytest
import sympy

import symopt

w = symopt.Variable("w", 0.5)
t0, t1 = sympy.Symbol("t0", real=True), sympy.Symbol("t1", real=True)
COST = sympy.exp(w * t0) + (w - 2) ** 2 * t0 + symopt.sigmoid(w) + t1 * w ** 3
POINT = {w: 0.5, t0: 2.0, t1: 0.5}


def test_compile_gives_sympys_value_and_gradient():
    value, (slope,) = symopt.compile(COST, [w])(w=0.5, t0=2.0, t1=0.5)
    assert value == pytest.approx(float(COST.subs(POINT)), rel=1e-14)
    assert slope == pytest.approx(float(sympy.diff(COST, w).subs(POINT)), rel=1e-14)


@pytest.mark.parametrize("options", [{}, {"method": "lbfgs"}, {"method": "newton"}])
def test_minimize_runs_with_the_data_bound(options):
    result = symopt.minimize(COST, w, data={t0: 2.0, t1: 0.5}, steps=3, **options)
    assert np.isfinite(result[w]) and result[w] != 0.5


def test_the_temporaries_take_other_names():
    source = symopt.compile(COST, [w]).source
    assert "t0 =" not in source and "t1 =" not in source and "t2 =" in source
