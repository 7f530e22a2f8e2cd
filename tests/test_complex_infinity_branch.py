"""A Piecewise branch that is SymPy's complex infinity (probe9 S11, found through the TF1 layer): the gradient of
``log(Piecewise((w, w > 0), (0, True)))`` is ``Piecewise((1/w, w > 0), (zoo, True))`` (``1/0`` in the branch not
taken where w > 0); printing it called ``float(zoo)`` and raised "Cannot convert complex to float" for every w.
It prints as NaN: no real value where that branch is taken.  (The TF1 programs of S11 now build a Select and are
tested in tests/test_compat_z7_scalar_selects.py.)"""

from __future__ import annotations

import math

import pytest
import sympy

import symopt

w = symopt.Variable("w", 1.0)
COST = sympy.log(sympy.Piecewise((w, w > 0), (0, True)))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_gradient_where_the_branch_is_taken(dtype):
    f = symopt.compile(COST, w, dtype=dtype)
    assert [float(v) for v in f(w=1.0)] == [0.0, 1.0]
    assert [float(v) for v in f(w=4.0)] == pytest.approx([math.log(4.0), 0.25], rel=1e-7)


def test_no_real_gradient_where_the_complex_infinity_branch_is_taken():
    value, gradient = symopt.compile(COST, w)(w=-1.0)
    assert value == -math.inf and math.isnan(gradient)
