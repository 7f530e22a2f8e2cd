"""final43d F43d-9: the softmax (several outputs per example) course header gives each sum one glyph, in text and
LaTeX alike: ``Σ`` sums over the examples (axis 0, dimensions kept: the ``db`` line), ``Σᵢⱼ`` / ``\\sum_{i,j}`` every
entry of ``L`` (the cost line), and each example's loss is the sum of its row of ``L``; the LaTeX header said only
``Σ = sum over the examples``.  Oracle: the numbers printed against NumPy computing each stated sum."""

import ast

import numpy as np

import symopt
from symopt import ops
from symopt.display import derive

XS = np.array([[1.0, 0.5], [2.0, -1.0]])
YS = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
WS = np.array([[0.1, 0.3, 0.0], [0.2, -0.1, 0.5]])


def _derivation():
    X, Y = symopt.Placeholder("X", (None, 2)), symopt.Placeholder("Y", (None, 3))
    W, b = symopt.Variable("W", 0.0, shape=(2, 3)), symopt.Variable("b", 0.0, shape=(1, 3))
    cost = ops.softmax_cross_entropy(ops.bias_add(ops.matmul(X, W), b), Y, axis=1)
    return derive(cost, [W, b], at={X: XS, Y: YS, W: WS})


def test_the_latex_header_says_what_the_text_header_says():
    derivation = _derivation()
    text, latex = str(derivation), derivation.latex()
    header = next(line for line in text.splitlines() if line.startswith("backward"))
    assert header.startswith("backward (dZ = m·∂J/∂Z, the gradient of each example's loss (the sum of its row of L); "
                             "Σ sums over the examples, axis 0, dimensions kept; ")
    assert (r"&\text{backward} \quad dZ = m \, \partial J / \partial Z, \\" "\n"
            r"&\quad \text{the gradient of each example's loss (the sum of its row of $L$)}, \\" "\n"
            r"&\quad \textstyle\sum\text{ sums over the examples, axis 0},\; \text{dimensions kept} \\") in latex
    assert r"J &= \frac{1}{m} \sum_{i,j} L = 0.8594" in latex and "  J = (1/m) Σᵢⱼ L = 0.8594" in text
    assert r"{db} &= \frac{1}{m} \sum \underset" in latex and "  db (1×3) = (1/m) Σ dZ (m×3) = " in text


def test_each_stated_sum_gives_the_printed_numbers():
    text = str(_derivation())
    logits = XS @ WS
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    each_example = -(YS * np.log(probabilities)).sum(axis=1)  # the sum of each row of L
    assert f"  J = (1/m) Σᵢⱼ L = {each_example.mean():.4f}" in text.splitlines()
    column_sums = (probabilities - YS).sum(axis=0, keepdims=True) / len(XS)  # Σ over the examples, kept
    shown = text.split("  db (1×3) = (1/m) Σ dZ (m×3) = ")[1].splitlines()[0]
    assert np.allclose(np.array(ast.literal_eval(shown)), column_sums, atol=5e-5) and column_sums.shape == (1, 3)
