r"""final39b F39b-9: LaTeX joined names of several letters with ``\cdot`` in scalar products only; a matrix product
(``inp weight``, the ones product ``\mathbb{1} bias``) stayed juxtaposed and typeset as one italic run.  The same
rule now joins a MatMul's factors, as the text form's ``·`` does."""

from __future__ import annotations

import sympy

import symopt
from symopt import ops
from symopt.display.notation import latex, text

inp = symopt.Placeholder("inp", (None, 3))
weight = symopt.Variable("weight", 0.0, shape=(3, 1))
X, W = symopt.Placeholder("X", (None, 3)), symopt.Variable("W", 0.0, shape=(3, 1))
bias, b = symopt.Variable("bias", 0.0), symopt.Variable("b", 0.0)
ONES = sympy.OneMatrix(symopt.BATCH, 1)


def test_a_matrix_product_of_words_is_joined_by_cdot():
    assert latex(inp @ weight) == r"inp \cdot weight" and text(inp @ weight) == "inp·weight"
    assert latex(ops.sum(inp @ weight) * sympy.Symbol("inp")) == \
        r"inp \cdot \sum_{i,j} \left(inp \cdot weight\right)_{ij}"
    assert latex(X @ W + ONES * bias) == r"bias \cdot \mathbb{1} + X W" and text(X @ W + ONES * bias) == "bias·𝟙 + XW"


def test_one_letter_factors_stay_juxtaposed():
    assert latex(X @ W) == "X W" and latex(-(X @ W)) == "- X W"
    assert latex(X @ W + b * ONES) == r"b \mathbb{1} + X W"
