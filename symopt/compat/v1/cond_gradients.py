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
from ...nodes import ElementSum, hadamard, matadd, matmul
from ...stable import Select
from ...symbols import is_matrix
from ...traversal import arguments, postorder, substitute, unique_nodes
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


def _taken(expr, pred, merges: dict, side: int, table: dict):
    """``expr`` with every recorded merge of ``pred`` replaced by its branch ``side`` (1: true, 2: false), nested
    ones included; rebuilt over the shared DAG (``xreplace`` walks it as a tree: exponential in the depth of an
    unrolled loop of conds whose branches read the previous merge twice)."""
    while True:
        replacements = {m: merges[m][side] for m in _merges_in(expr, merges) if merges[m][0] == pred}
        if not replacements:
            return expr
        expr, = substitute([expr], replacements, table)


#: Distinct predicates up to which a gradient is split into one cond-free cost per predicate value (each side's
#: gradient is the sweep TF1 runs on the branch it takes, so the digits are TF1's); past it, :func:`_per_merge` (the
#: splits double with each predicate: ten ``tf.cond(h > c, ...)`` of an unrolled loop took 37 s).
SPLIT_PREDICATES = 4


def branch_adjoints(cost, leaves: list, graph) -> dict:
    r""":func:`symopt.calculus.adjoints` of ``cost`` for ``leaves``, each ``tf.cond`` merge in ``cost``
    differentiated along its taken branch only (a selection of the two branches' gradients)."""
    merges = graph.__dict__.get("cond_merges")
    found = _merges_in(cost, merges) if merges else []
    table = graph.__dict__.setdefault("rebuilt_nodes", {})
    if not found:
        # TF1's FloorMod, SqrtGrad, PowGrad, EluGrad, SeluGrad, SigmoidGrad ... (kernel_functions.py); one table of
        # rebuilt nodes per graph: tf.gradients and minimize of one loss give the same objects (probe43 P43-2)
        with tf1_rules(), sharing_rebuilt_nodes(table):
            return adjoints(cost, leaves)
    every = _all_merges(cost, merges)
    if len({merges[m][0] for m in every}) > SPLIT_PREDICATES:
        return _per_merge(cost, leaves, merges, every, table)
    pred = merges[found[0]][0]
    on = branch_adjoints(_taken(cost, pred, merges, 1, table), leaves, graph)
    off = branch_adjoints(_taken(cost, pred, merges, 2, table), leaves, graph)
    return {leaf: merge_expression(pred, on[leaf], off[leaf]) if on[leaf] != off[leaf] else on[leaf]
            for leaf in leaves}


def _all_merges(cost, merges: dict) -> list:
    """Every recorded merge ``cost`` reads, through the branches of others too (not through predicates, which carry
    no gradient), each before the merges its branches read."""
    def children(node):
        return merges[node][1:] if node in merges else arguments(node)
    found = {}
    for node in reversed(postorder([cost], children)):
        if node in merges:
            found.setdefault(node, None)
    return list(found)


def _per_merge(cost, leaves: list, merges: dict, every: list, table: dict) -> dict:
    r"""The adjoints of ``leaves``, linear in the number of merges: each merge :math:`m = \operatorname{select}(p, f,
    g)` stands for a symbol :math:`s_m` while the cost is swept; then, outermost first, its adjoint :math:`\bar m`
    goes into what its branches read as :math:`\operatorname{select}(p,\ \bar m\,\partial f/\partial x,\
    \bar m\,\partial g/\partial x)` (each branch swept alone, with the merges inside it standing for their symbols
    too): the side not taken cannot leak in, as in the split.  Adjoints add up in another order than TF1's sweep,
    so the last digit of a float32 gradient may differ."""
    stand = {m: _stand_in(m, f"merge{i}") for i, m in enumerate(every)}
    targets = [*leaves, *stand.values()]

    def cut(expr):
        return substitute([expr], stand, table)[0]
    with tf1_rules(), sharing_rebuilt_nodes(table):
        total = adjoints(cut(cost), targets, stop_at_targets=True)
        for merge in every:
            pred, chosen, other = merges[merge]
            adjoint = total[stand[merge]]
            if adjoint == 0 or adjoint == _zero_like(merge):
                continue
            seed = _stand_in(merge, "seed")
            on = adjoints(_weighted(seed, cut(chosen)), targets, stop_at_targets=True)
            off = adjoints(_weighted(seed, cut(other)), targets, stop_at_targets=True)
            for target in targets:
                if on[target] != off[target] or on[target] != _zero_like(target):
                    picked = on[target] if on[target] == off[target] else merge_expression(pred, on[target],
                                                                                           off[target])
                    total[target] = _plus(total[target], substitute([picked], {seed: adjoint}, table)[0])
    back = {s: m for m, s in stand.items()}
    return dict(zip(leaves, substitute([total[leaf] for leaf in leaves], back, table)))


def _stand_in(like, name: str):
    """A symbol of ``like``'s shape, equal to no other (a ``Dummy``, or a matrix named by one: a variable of the
    user's could have any name)."""
    return sympy.MatrixSymbol(sympy.Dummy(name), *like.shape) if is_matrix(like) else sympy.Dummy(name, real=True)


def _weighted(seed, expr):
    r""":math:`\langle \text{seed}, \text{expr} \rangle`: the scalar whose gradient is the vector-Jacobian product."""
    return ElementSum(hadamard(seed, expr)) if is_matrix(expr) else seed * expr


def _zero_like(like):
    return sympy.ZeroMatrix(*like.shape) if is_matrix(like) else sympy.S.Zero


def _plus(a, b):
    return matadd(a, b) if is_matrix(a) else a + b
