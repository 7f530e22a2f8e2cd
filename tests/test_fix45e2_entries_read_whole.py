"""final45e 45e-7: explain of a scalar cost that reads a placeholder both whole and by entry, √w·tr(xᵀx)·x[0, 0],
at the pole w = 0 raised a bare SympifyError (the array was put in place of x inside x[0, 0]).  Oracle: SymPy's
one-sided limit of the slope, +∞."""

import numpy as np
import sympy

import symopt
from symopt.display.scalar_inputs import scalar_inputs


def test_a_matrix_read_whole_and_by_entry_at_a_pole_is_explained():
    w, x = symopt.Variable("w", 0.0), symopt.Placeholder("x", (3, 1))
    cost = sympy.sqrt(w) * sympy.Trace(x.T * x) * x[0, 0]
    s = sympy.Symbol("s", positive=True)
    assert sympy.limit(sympy.diff(sympy.sqrt(s) * 6 * 2, s), s, 0, "+") == sympy.oo  # tr(xᵀx) = 6, x[0, 0] = 2
    finding = symopt.explain(cost, w, at={x: np.array([[2.0], [1.0], [-1.0]]), w: 0.0}).finding(w)
    assert finding.detail == "not finite: dJ/dw = ∞"


def test_a_matrix_read_whole_is_one_of_the_scalar_inputs():
    x = symopt.Placeholder("x", (3, 1))
    assert scalar_inputs(sympy.Trace(x.T * x) * x[0, 0]) == {x, x[0, 0]}
    assert scalar_inputs(x[0, 0] * x[1, 0]) == {x[0, 0], x[1, 0]}
