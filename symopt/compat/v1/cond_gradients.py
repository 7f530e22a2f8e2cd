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
from ...nodes import ElementSum, hadamard, matadd, matmul, zero_like
from ...stable import Select
from ...symbols import is_matrix
from ...traversal import arguments, holds_kind, postorder, sharing_rebuilt_nodes, substitute, unique_nodes
from .comparison_ops import holds_elementwise_function, scalar_select
from .kernel_functions import tf1_rules

__all__ = ["note_merge", "merge_expression", "branch_adjoints", "reads_conds"]


def merge_expression(pred, chosen, other):
    r""":math:`\operatorname{select}(p, f, g)` of the boolean scalar expression ``pred`` (1.0 or 0.0 when the graph
    runs): a ``Piecewise`` for scalars (on :math:`p = 1`, so it is never equal to a scalar ``tf.where``'s, on
    :math:`p \ne 0`, whose gradient mixes both sides), :class:`~symopt.stable.Select` of ``pred`` spread to the shape
    otherwise."""
    if not is_matrix(chosen):
        if holds_elementwise_function(pred, chosen, other) or holds_kind(pred, sympy.Piecewise):  # SymPy would fold a
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


def reads_conds(expr, graph) -> bool:
    """Does ``expr`` read a ``tf.cond`` merge of ``graph`` (a recorded one)?"""
    merges = graph.__dict__.get("cond_merges")
    return bool(merges) and bool(_merges_in(expr, merges))


def _taken(expr, pred, merges: dict, side: int, table: dict):
    """``expr`` with every recorded merge of ``pred`` replaced by its branch ``side`` (1: true, 2: false), nested
    ones included; rebuilt over the shared DAG (``xreplace`` walks it as a tree: exponential in the depth of an
    unrolled loop of conds whose branches read the previous merge twice)."""
    while True:
        replacements = {m: merges[m][side] for m in _merges_in(expr, merges) if merges[m][0] == pred}
        if not replacements:
            return expr
        expr, = substitute([expr], replacements, table)


#: Conds up to which a gradient is split into one cond-free cost per predicate value (each side's gradient is the
#: sweep TF1 runs on the branch it takes, so the digits are TF1's); past it, :func:`_per_merge`.  A split rewrites the
#: conds of one predicate that the cost reads outside other conds: one split per cond in a loop, doubling with each
#: (ten conds took 37 s).
SPLIT_CONDS = 4


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
    if len(every) > SPLIT_CONDS:
        return _per_merge(cost, leaves, graph, every, table)
    pred = merges[found[0]][0]
    on = branch_adjoints(_taken(cost, pred, merges, 1, table), leaves, graph)
    off = branch_adjoints(_taken(cost, pred, merges, 2, table), leaves, graph)
    # ``is``: both sides' adjoints come from one table of shared nodes, so equal ones are one object; ``==`` walked
    # them as trees (exponential in an unrolled loop, then a RecursionError: review C39-4, C39-5)
    return {leaf: on[leaf] if on[leaf] is off[leaf] else _noted(graph, pred, on[leaf], off[leaf]) for leaf in leaves}


def _noted(graph, pred, chosen, other):
    """:func:`merge_expression` of a gradient's two sides, recorded as a merge (:func:`note_merge`): differentiating
    the gradient again (``tf.gradients`` of ``tf.gradients``, ``tf.hessians``) takes the taken side's derivative only,
    as TF1's gradient of a cond is itself a cond."""
    merged = merge_expression(pred, chosen, other)
    note_merge(graph, merged, pred, chosen, other)
    return merged


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


def _per_merge(cost, leaves: list, graph, every: list, table: dict) -> dict:
    r"""The adjoints of ``leaves``, linear in the number of merges: each merge :math:`m = \operatorname{select}(p, f,
    g)` stands for a symbol :math:`s_m` while the cost is swept; then, outermost first, its adjoint :math:`\bar m`
    goes into what its branches read as :math:`\operatorname{select}(p,\ \bar m\,\partial f/\partial x,\
    \bar m\,\partial g/\partial x)` (each branch swept alone, with the merges inside it standing for their symbols
    too), kept only where :math:`m` runs: its path, :math:`\ell_m`, is 1 for a merge the cost reads and
    :math:`\ell_{m'} p_{m'}` (or :math:`\ell_{m'} (1 - p_{m'})`) for one read in a branch of :math:`m'` (the largest
    over its readers).  A cond nested in a branch not taken never runs in TF1; its predicate could pick a side whose
    derivative is infinite, and :math:`0 \cdot \infty` would leak in.  Adjoints add up in another order than TF1's
    sweep, so the last digit of a float32 gradient may differ.  The selections are recorded as merges once the
    symbols are replaced by their merges again (:func:`_noted`)."""
    merges = graph.__dict__["cond_merges"]
    stand = {m: _stand_in(m, f"merge{i}") for i, m in enumerate(every)}
    merge_of = {s: m for m, s in stand.items()}
    targets = [*leaves, *stand.values()]

    def cut(expr):
        return substitute([expr], stand, table)[0]

    def read(expr) -> set:
        return {node for node in unique_nodes([expr]) if node in merge_of}
    cut_cost = cut(cost)
    path = dict.fromkeys(read(cut_cost), sympy.S.One)
    selections = []  # (selection, predicate, chosen, other), with the symbols in them
    with tf1_rules(), sharing_rebuilt_nodes(table):
        terms = {target: [part] for target, part in adjoints(cut_cost, targets, stop_at_targets=True).items()}
        for merge in every:
            pred, chosen, other = merges[merge]
            on_branch, off_branch = cut(chosen), cut(other)
            on_reads, off_reads = read(on_branch), read(off_branch)
            live = path.get(stand[merge], sympy.S.Zero)
            for inner in on_reads | off_reads:
                side = sympy.S.One if inner in on_reads and inner in off_reads else \
                    pred if inner in on_reads else 1 - pred
                path[inner] = _either(path.get(inner), _within(live, side))
            adjoint = _sum(terms[stand[merge]])  # complete: every merge that reads this one came first
            if adjoint == 0 or adjoint == zero_like(merge) or live == 0:
                continue
            seed = _stand_in(merge, "seed")
            reached = [*leaves, *on_reads | off_reads]  # the symbols this merge's branches read (linear in all)
            on = adjoints(_weighted(seed, on_branch), reached, stop_at_targets=True)
            off = adjoints(_weighted(seed, off_branch), reached, stop_at_targets=True)
            moved = [target for target in reached
                     if on[target] != zero_like(target) or off[target] != zero_like(target)]
            sides = substitute([side[target] for target in moved for side in (on, off)], {seed: adjoint}, table)
            for target, chosen, other in zip(moved, sides[0::2], sides[1::2]):
                picked = chosen
                if chosen is not other:
                    picked = merge_expression(pred, chosen, other)
                    selections.append((picked, pred, chosen, other))
                if live != 1:
                    gated = merge_expression(live, picked, zero_like(target))
                    selections.append((gated, live, picked, zero_like(target)))
                    picked = gated
                terms[target].append(picked)
    rebuilt = substitute([_sum(terms[leaf]) for leaf in leaves] + [part for parts in selections for part in parts],
                         merge_of, table)
    for at in range(len(leaves), len(rebuilt), 4):
        note_merge(graph, *rebuilt[at:at + 4])
    return dict(zip(leaves, rebuilt[:len(leaves)]))


def _either(path, other):
    """The path of a merge read in two places: 1 where either runs, :math:`a + b - ab` of paths that are 0 or 1, built
    unevaluated (SymPy's ``Max``, even unevaluated, sorts its arguments by walking them as trees: minutes in a loop)."""
    if path is None or other == 1:
        return other
    if path == 1 or path == other:
        return path
    return sympy.Add(path, other, sympy.Mul(-1, path, other, evaluate=False), evaluate=False)


def _within(path, side):
    r"""The path of a merge read in one side of a merge on ``path``: :math:`\ell p` or :math:`\ell (1 - p)`."""
    return side if path == 1 else path if side == 1 else sympy.Mul(path, side, evaluate=False)


def _stand_in(like, name: str):
    """A symbol of ``like``'s shape, equal to no other (a ``Dummy``, or a matrix named by one: a variable of the
    user's could have any name)."""
    return sympy.MatrixSymbol(sympy.Dummy(name), *like.shape) if is_matrix(like) else sympy.Dummy(name, real=True)


def _weighted(seed, expr):
    r""":math:`\langle \text{seed}, \text{expr} \rangle`: the scalar whose gradient is the vector-Jacobian product."""
    return ElementSum(hadamard(seed, expr)) if is_matrix(expr) else seed * expr



def _sum(terms: list):
    """The adjoint of a node from its contributions, added once (adding them one by one re-sorts the growing sum:
    quadratic in the conds that read a weight)."""
    parts = [part for part in terms if part != zero_like(part)] or terms[:1]
    return matadd(*parts) if is_matrix(parts[0]) else sympy.Add(*parts)
