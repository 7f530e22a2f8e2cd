"""probe16 Z12: a network derivation's remarks (softmax and log cancel to A - Y for one-hot labels; the penalty's
gradient is added to dW₁; a scalar bias sums every entry; the compiled gradient is not finite) were in the text form
only: .latex() / _repr_latex_ (what a notebook shows) and .markdown() dropped them.  They are now rows of their own
in LaTeX and a list in Markdown, and the LaTeX compiles (checked with `latex` where it is installed)."""

import shutil
import subprocess

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.display.remarks import escaped, remark

X = symopt.Placeholder("X", (None, 3))
Y = symopt.Placeholder("Y", (None, 3))
W1, b1 = symopt.Variable("W1", 0.0, shape=(3, 4)), symopt.Variable("b1", 0.0, shape=(1, 4))
W2, b2 = symopt.Variable("W2", 0.0, shape=(4, 3)), symopt.Variable("b2", 0.0, shape=(1, 3))
SOFTMAX_NET = (ops.softmax_cross_entropy(ops.bias_add(ops.relu(ops.bias_add(X @ W1, b1)) @ W2, b2), Y)
               + 0.1 * ops.l2_penalty(W1))
def unwrapped(latex: str) -> str:
    r"""The LaTeX with each remark on one row again: a long remark continues on further ``&\qquad \text{...}`` rows
    (probe59 P59-3)."""
    return latex.replace("} \\\\\n&\\qquad \\text{", " ")


ENTRIES = r"$L$ has one entry per output and example (3 per example), so the cost line's $\sum_{i,j}$ sums every entry of $L$ (np.sum without axis)"
ONE_HOT = r"$Y$ is one-hot (each example's labels sum to 1), so softmax and log cancel to $A_{2} - Y$"
PENALTY = r"the penalty's gradient is added to $dW_{1}$ (dZ does not read the penalty)"


def _compiles(latex: str, folder) -> None:
    """``latex`` typeset by LaTeX (amsmath), where a LaTeX is installed."""
    if shutil.which("latex") is None:
        pytest.skip("no latex installed: the rows are checked as exact strings above")
    source = folder / "remarks.tex"
    source.write_text("\\documentclass{article}\\usepackage{amsmath}\\begin{document}\n" + latex
                      + "\n\\end{document}\n", encoding="utf-8")
    run = subprocess.run(["latex", "-interaction=nonstopmode", "-halt-on-error", source.name], cwd=folder,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]


def test_softmax_and_penalty_remarks_in_every_form(tmp_path):
    derivation = symopt.derive(SOFTMAX_NET, [W1, b1, W2, b2])
    text = str(derivation).splitlines()
    assert text[7] == ("backward (dZ = m·∂J/∂Z, the gradient of each example's loss (the sum of its row of L); "
                       "Σ sums over the examples, axis 0, dimensions kept; L has one entry per output and example (3 "
                       "per example), so the cost line's Σᵢⱼ sums every entry of L (np.sum without axis); Y is one-hot (each example's labels sum to 1), so softmax and log "
                       "cancel to A₂ - Y; the penalty's gradient is added to dW₁ (dZ does not read the penalty))")
    rows = unwrapped(derivation.latex()).split(" \\\\\n")
    backward = next(i for i, row in enumerate(rows) if row.startswith(r"&\text{backward}"))
    assert rows[backward + 1:backward + 3] == [  # the header in the text's words (final43d F43d-9)
        r"&\quad \text{the gradient of each example's loss (the sum of its row of $L$)},",
        r"&\quad \textstyle\sum\text{ sums over the examples, axis 0},\; \text{dimensions kept}"]
    assert rows[backward + 3:backward + 6] == [rf"&\quad \text{{{ENTRIES}}}", rf"&\quad \text{{{ONE_HOT}}}",
                                               rf"&\quad \text{{{PENALTY}}}"]
    assert derivation._repr_latex_() == f"$${derivation.latex()}$$"
    markdown = derivation.markdown()
    assert (r"(each example's labels sum to 1), \textstyle\sum\text{ sums over the examples, axis 0}"
            not in markdown)
    assert f"\\text{{dimensions kept}}$)\n\n- {ENTRIES}\n- {ONE_HOT}\n- {PENALTY}\n\n$$\n\\begin{{aligned}}\n" in markdown
    _compiles(f"\\[{derivation.latex()}\\]\n\n{ONE_HOT}\n\n{PENALTY}", tmp_path)


def test_scalar_bias_remark_in_latex(tmp_path):
    Xc, Yc = symopt.Placeholder("X", (2, None)), symopt.Placeholder("Y", (1, None))
    V1, c1 = symopt.Variable("W1", 0.0, shape=(4, 2)), symopt.Variable("b1", 0.0)
    V2, c2 = symopt.Variable("W2", 0.0, shape=(1, 4)), symopt.Variable("b2", 0.0)
    J = ops.sigmoid_cross_entropy(ops.bias_add(ops.matmul(V2, ops.tanh(ops.bias_add(ops.matmul(V1, Xc), c1))), c2), Yc)
    derivation = symopt.derive(J, [V1, c1, V2, c2])
    assert str(derivation).splitlines()[7].endswith(
        "; b₁ is a number added to every entry of Z₁, so Σ in db₁ sums every entry (np.sum without axis))")
    assert (r"&\quad \text{$b_{1}$ is a number added to every entry of $Z_{1}$, so $\sum$ in $db_{1}$ sums every "
            r"entry (np.sum without axis)}") in unwrapped(derivation.latex()).split(" \\\\\n")
    _compiles(f"\\[{derivation.latex()}\\]", tmp_path)


def test_not_finite_remark_with_numbers(tmp_path):
    Xl, Yl = symopt.Placeholder("X_in", (3, None)), symopt.Placeholder("Y", (1, None))
    w, b = symopt.Variable("w_1", 0.0, shape=(3, 1)), symopt.Variable("b", 0.0)
    A = ops.sigmoid(ops.bias_add(ops.matmul(w.T, Xl), b))
    ones = sympy.OneMatrix(*A.shape)
    J = -ops.sum(ops.hadamard(Yl, ops.log(A)) + ops.hadamard(ones - Yl, ops.log(ones - A))) / Xl.shape[1]
    at = {Xl: np.array([[800.0, 1.0], [0.0, 1.0], [0.0, 1.0]]), Yl: np.array([[0.0, 1.0]]),
          w: np.array([[1.0], [0.0], [0.0]]), b: 0.0}
    derivation = symopt.derive(J, [w, b], at=at)
    assert "; the compiled gradient of the cost as written is not finite for w_1, b here" in str(derivation)
    assert (r"&\quad \text{the compiled gradient of the cost as written is not finite for w\_1, b here (see "
            r"symopt.explain); the lines show the simplified course form}") in unwrapped(derivation.latex()).split(" \\\\\n")
    _compiles(f"\\[{derivation.latex()}\\]", tmp_path)


def test_remark_escapes_words_and_shows_symbols_as_math():
    assert escaped(r"50% of a_b & {c} #1 ~x^2 $ \ ") == (
        r"50\% of a\_b \& \{c\} \#1 \textasciitilde{}x\textasciicircum{}2 \$ \textbackslash{} ")
    shown = remark(W1, " reads 5% of ", X)
    assert (shown.text, shown.latex) == ("W₁ reads 5% of X", r"$W_{1}$ reads 5\% of $X$")


def test_numbers_in_latex_compile(tmp_path):
    """J = ∞ printed as ∞ and a large matrix's summary as (3×50 matrix ...) in LaTeX: LaTeX stops at the
    Unicode characters; now \\infty and $\\times$."""
    Xl, Yl = symopt.Placeholder("X", (3, None)), symopt.Placeholder("Y", (1, None))
    w, b = symopt.Variable("w", 0.0, shape=(3, 1)), symopt.Variable("b", 0.0)
    A = ops.sigmoid(ops.bias_add(ops.matmul(w.T, Xl), b))
    ones = sympy.OneMatrix(*A.shape)
    J = -ops.sum(ops.hadamard(Yl, ops.log(A)) + ops.hadamard(ones - Yl, ops.log(ones - A))) / Xl.shape[1]
    data = np.random.default_rng(0).normal(size=(3, 50))
    data[0, 0] = 800.0
    labels = np.zeros((1, 50))
    derivation = symopt.derive(J, [w, b], at={Xl: data, Yl: labels, w: np.array([[1.0], [0.0], [0.0]]), b: 0.0})
    rows = derivation.latex().split(" \\\\\n")
    assert r"J &= \frac{1}{m} \sum L = \infty" in rows
    assert any(r"\text{(1$\times$50 matrix, entries from " in row for row in rows)
    _compiles(f"\\[{derivation.latex()}\\]", tmp_path)
