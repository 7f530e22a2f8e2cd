"""probe35 P35-8: derive/graph of det(A) or log det(A) at a singular A raised a false ``IndexingError`` ("[0, 0]: not
an index of the 2 x 2 matrix"): SymPy's inverse of the singular matrix of numbers raised, relabelled.  The displays
now show the numbers compile returns: det's gradient through the adjugate (``[[4, -2], [-2, 1]]``, as JAX), log
det's ``(Aᵀ)⁻¹`` undefined.  Oracle: the cofactor matrix by hand, and the compiled gradient.
"""

from __future__ import annotations

import numpy as np
import sympy

import symopt
from symopt.display.glyphs import latex_of_printed

A = sympy.MatrixSymbol("A", 2, 2)
SINGULAR = np.array([[1.0, 2.0], [2.0, 4.0]])


def test_det_at_a_singular_matrix_shows_the_adjugate_gradient():
    lines = str(symopt.derive(sympy.Determinant(A), A, at={A: SINGULAR})).splitlines()
    assert lines[-1] == "  dJ/dA = det(A)·(Aᵀ)⁻¹ = [[4, -2], [-2, 1]]"
    np.testing.assert_array_equal(symopt.compile(sympy.Determinant(A), [A])({A: SINGULAR})[1][0],
                                  [[4.0, -2.0], [-2.0, 1.0]])  # cofactors of [[1, 2], [2, 4]]
    assert str(symopt.graph(sympy.Determinant(A), at={A: SINGULAR})).splitlines()[0] == \
        "A = [[1, 2], [2, 4]], dJ/dA = [[4, -2], [-2, 1]]"


def test_det_at_a_regular_matrix_is_unchanged():
    regular = np.array([[2.0, 1.0], [0.5, 3.0]])
    lines = str(symopt.derive(sympy.Determinant(A), A, at={A: regular})).splitlines()
    assert lines[-1] == "  dJ/dA = det(A)·(Aᵀ)⁻¹ = [[3, -0.5], [-1, 2]]"


def test_log_det_at_a_singular_matrix_is_undefined():
    shown = symopt.derive(sympy.log(sympy.Determinant(A)), A, at={A: SINGULAR})
    lines = str(shown).splitlines()
    assert lines[2] == "  J = log(u) = -∞" and lines[-1] == "  dJ/dA = (Aᵀ)⁻¹ = undefined"
    assert r"\left(A^{T}\right)^{-1} = \text{undefined}" in shown.latex()


def test_a_printed_matrix_in_latex_entry_by_entry():
    assert latex_of_printed("[[undefined, 2.5e-07], [1e-08, ∞]]") == \
        r"[[\text{undefined}, 2.5 \cdot 10^{-7}], [10^{-8}, \infty]]"
