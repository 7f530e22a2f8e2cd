r"""Gradients through ``tf.cond``: only the taken branch is differentiated, as in TF1.

TF1's ``cond`` routes values through ``Switch`` and ``Merge``: the branch not taken does not run, forwards or
backwards, so its derivative never enters the gradient, even where it is infinite or NaN (``tf.sqrt(x)`` at
:math:`x = 0`).  symopt merges a cond's outputs into :math:`\operatorname{select}(p, f, g)`; differentiating that
node multiplies the untaken branch's chain by 0 (:math:`0 \cdot \infty = \mathrm{NaN}`).  So a gradient is taken
per predicate value instead: for a cost :math:`c` that reads the merges of predicate :math:`p`,

.. math:: \nabla c = \operatorname{select}\bigl(p,\ \nabla c|_{\text{merges} \to f},\ \nabla c|_{\text{merges} \to g}\bigr)

(each side again split on the next predicate it reads), an exact choice: the side not chosen cannot leak in.
``tf.where`` is TF1's ``Select`` op, whose gradient does mix both sides; it is left as it is.
"""

from __future__ import annotations

import sympy

from ...calculus import adjoints
from ...traversal import sharing_rebuilt_nodes
from ...nodes import ElementSum, matmul
from ...stable import Select
from ...symbols import is_matrix
from ...traversal import arguments, unique_nodes
from .comparison_ops import holds_elementwise_function, scalar_select
from .kernel_functions import tf1_rules

__all__ = ["note_merge", "merge_expression", "branch_adjoints"]


def merge_expression(pred, chosen, other):
    r""":math:`\operatorname{select}(p, f, g)` of the boolean scalar expression ``pred`` (1.0 or 0.0 when the graph
    runs): a ``Piecewise`` for scalars (on :math:`p = 1`, so it is never equal to a scalar ``tf.where``'s, on
    :math:`p \ne 0`, whose gradient mixes both sides), :class:`~symopt.stable.Select` of ``pred`` spread to the shape
    otherwise."""
    if not is_matrix(chosen):
        if holds_elementwise_function(pred, chosen, other) or pred.has(sympy.Piecewise):  # SymPy would fold a
            return scalar_select(pred, chosen, other)  # Lambda's Piecewise into Eq(pred, 1), or recurse on a predicate
            # holding one (a tf.where's): the 1 x 1 Select
        return sympy.Piecewise((chosen, sympy.Eq(pred, 1)), (other, True))
    return Select(matmul(pred, sympy.OneMatrix(*chosen.shape)), chosen, other)


def note_merge(graph, merged, pred, chosen, other) -> None:
    """Record that the expression ``merged`` is a ``tf.cond`` merge of ``chosen`` (where ``pred``) and ``other``."""
    if isinstance(merged, (sympy.Piecewise, Select)) or isinstance(merged, ElementSum) and \
            isinstance(merged.args[0], Select):  # SymPy may have folded it (equal branches)
        graph.__dict__.setdefault("cond_merges", {})[merged] = (pred, chosen, other)


def _merges_in(expr, merges: dict) -> list:
    """The recorded merges ``expr`` reads (outermost first)."""
    return [node for node in unique_nodes([expr], lambda node: () if node in merges else arguments(node))
            if node in merges]


def _taken(expr, pred, merges: dict, side: int):
    """``expr`` with every recorded merge of ``pred`` replaced by its branch ``side`` (1: true, 2: false), nested
    ones included."""
    while True:
        replacements = {m: merges[m][side] for m in _merges_in(expr, merges) if merges[m][0] == pred}
        if not replacements:
            return expr
        expr = expr.xreplace(replacements)


def branch_adjoints(cost, leaves: list, graph) -> dict:
    r""":func:`symopt.calculus.adjoints` of ``cost`` for ``leaves``, each ``tf.cond`` merge in ``cost``
    differentiated along its taken branch only (a selection of the two branches' gradients)."""
    merges = graph.__dict__.get("cond_merges")
    found = _merges_in(cost, merges) if merges else []
    if not found:
        # TF1's FloorMod, SqrtGrad, PowGrad, EluGrad, SeluGrad, SigmoidGrad ... (kernel_functions.py); one table of
        # rebuilt nodes per graph: tf.gradients and minimize of one loss give the same objects (probe43 P43-2)
        with tf1_rules(), sharing_rebuilt_nodes(graph.__dict__.setdefault("rebuilt_nodes", {})):
            return adjoints(cost, leaves)
    pred = merges[found[0]][0]
    on = branch_adjoints(_taken(cost, pred, merges, 1), leaves, graph)
    off = branch_adjoints(_taken(cost, pred, merges, 2), leaves, graph)
    return {leaf: merge_expression(pred, on[leaf], off[leaf]) if on[leaf] != off[leaf] else on[leaf]
            for leaf in leaves}
