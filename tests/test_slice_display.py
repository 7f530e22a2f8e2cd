"""Slices in the displays: ``derive`` keeps a slice's bounds inside the slice (``(0, m, 1)`` is no intermediate
value), and the graph by operations labels a slice by its bounds."""

import numpy as np

import symopt
from symopt import ops

X = symopt.Placeholder("X", (None, 3))
y = symopt.Placeholder("y", (None, 1))
W = symopt.Variable("W", np.ones((3, 2)), shape=(3, 2))


def test_derive_through_a_slice_of_a_batch_matrix():
    lines = [line.strip() for line in str(symopt.derive(ops.mean(ops.square((X @ W)[:, :1] - y)), W)).splitlines()]
    assert lines[1:3] == ["u = XW", "v = u[:, :1]"]  # the bounds stay in the slice (they were named v, w)
    assert "du = dv·I[:, :1]ᵀ" in lines and lines[-1] == "dJ/dW = (2/m)Xᵀ((XW)[:, :1] - y)·I[:, :1]ᵀ"


def test_the_graph_by_operations_labels_slices_by_their_bounds():
    cost = ops.mean(ops.square(X @ W[:, :1] - y)) + ops.sum(ops.square(W[1:, ::2]))
    assert str(symopt.graph(cost, style="ops")).splitlines() == [
        "m", "W", "X", "y", "u: [1:, ::2]  ← W", "v: square  ← u", "p: sum  ← v", "q: [:, :1]  ← W",
        "r: matmul  ← X, q", "s: −  ← r, y", "t: square  ← s", "u₁: sum  ← t", "u₂: ÷  ← u₁, m",
        "J: +  ← p, u₂"]  # no step w beside W (probe20 P20-14)


def test_an_entry_of_a_compound_matrix_prints_its_parent_in_parentheses():
    """``(A - B)[1, 2]``: generated code and the displays parenthesize the parent (``A - B[1, 2]`` read as
    ``A - (B[1, 2])`` gave a matrix for an entry); the entry's adjoint prints on one line."""
    from sympy.matrices.expressions.matexpr import MatrixElement
    A = symopt.Variable("A", np.arange(6.0).reshape(2, 3), shape=(2, 3))
    B = symopt.Variable("B", np.ones((2, 3)), shape=(2, 3))
    entry = MatrixElement(A - B, 1, 2)
    assert symopt.evaluate(entry, {}) == 4.0
    lines = [line.strip() for line in str(symopt.derive(ops.sum(A) * entry, A)).splitlines()]
    assert "du = [[0, 0, 0], [0, 0, dv]]" in lines
    assert lines[-1] == "dJ/dA = (A - B)[1,2]·𝟙 + [[0, 0, 0], [0, 0, sum(A)]]"
    assert "v: [1, 2]  ← u" in str(symopt.graph(ops.sum(A) * entry, style="ops")).splitlines()
