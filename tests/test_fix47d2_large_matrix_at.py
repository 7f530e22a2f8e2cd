"""47d-7: derive(at=) of a cost of a scalar and a matrix of more than 40 numbers printed the matrix's summary,
``(7×7 matrix, entries from -2.325 to 1.9603)``, and latex_of_printed split it at the "e" of "entries": str, LaTeX
and markdown raised ValueError."""

import numpy as np
import sympy

import symopt
from symopt import ops
from symopt.latex_numbers import latex_of_printed


def _derivation():
    W = sympy.MatrixSymbol("W", 7, 7)
    s = sympy.Symbol("s", real=True)
    A = np.random.default_rng(0).normal(size=(7, 7))
    return symopt.derive(ops.sum(W) * s, [W, s], at={W: A, s: 0.5}), A


def test_derive_at_a_large_matrix_and_a_scalar_prints_in_every_form():
    derivation, A = _derivation()
    text = str(derivation)
    assert "7×7 matrix, entries from" in text
    assert f"dJ/ds = sum(W) = {float(np.sum(A)):.6g}" in text  # hand NumPy: dJ/ds = sum of W's entries
    assert r"\text{(7}\times\text{7 matrix, entries from" in derivation.latex()
    markdown = derivation.markdown()
    note = markdown.splitlines()[0]  # the forward header's inline math holds no $ of its own
    assert note.startswith("**Forward** ($") and note.count("$") == 2 and r"7}\times\text{7 matrix" in note


def test_latex_of_printed_keeps_numbers_and_passes_text_through():
    assert latex_of_printed("2.5e-07") == r"2.5 \cdot 10^{-7}"
    assert latex_of_printed("-1e+20") == "-10^{20}"
    assert latex_of_printed("(3×100 matrix, entries from -0.5 to 1e-05)") == \
        r"\text{(3}\times\text{100 matrix, entries from -0.5 to 1e-05)}"
    assert latex_of_printed("free") == r"\text{free}"
