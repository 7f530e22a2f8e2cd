"""final43a F43a-11: the text derivation keeps the parentheses of a product the user grouped, as the LaTeX one and
the generated code do: ``dJ/dv = (2/m)WᵀXᵀX(Wv)`` for mean(square(X @ (W @ v))), where the ungrouped X @ W @ v
prints no such group.  Oracle: the derivation's own LaTeX, ``X^{T} X \\left(W v\\right)``."""

import symopt
from symopt import ops


def _slope_line(cost, v):
    return [line.strip() for line in str(symopt.derive(cost, v)).splitlines() if line.strip().startswith("dJ/dv")][-1]


def test_a_grouped_product_keeps_its_parentheses_in_text():
    X, W = symopt.Placeholder("X", shape=(None, 2)), symopt.Placeholder("W", shape=(2, 2))
    v = symopt.Variable("v", 0.0, shape=(2, 1))
    grouped = symopt.derive(ops.mean(ops.square(X @ (W @ v))), v)
    assert r"\left(W v\right)" in grouped._repr_latex_()  # the oracle: LaTeX shows the group
    assert _slope_line(ops.mean(ops.square(X @ (W @ v))), v) == "dJ/dv = (2/m)WᵀXᵀX(Wv)"
    assert "(Wv)" not in _slope_line(ops.mean(ops.square(X @ W @ v)), v)  # (2/m)·(XW)ᵀ·XWv
