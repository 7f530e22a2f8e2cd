r"""What a training step computes on an empty mini-batch, as TF1 does.

TF1 feeds a mean's gradient :math:`\partial J/\partial L = 1/m` into a tensor of the batch's shape; with
:math:`m = 0` that tensor is empty, and every product that sums over the batch (:math:`X^\top \delta`,
:math:`\mathbb 1^\top \delta`) is a sum of no terms: 0.  The :math:`1/m` never multiplies anything.  So the
gradient a step applies is the gradient with every sum over the batch replaced by 0: a regularizer's gradient
stays, the data's vanish, and the optimizer updates as usual (Adam still moves by its momentum); the cost itself
is a mean of nothing, ``nan``.  symopt's expressions write the mean as ``(1/m)·(sum over the batch)``, whose
``1/0`` raises; :func:`without_batch_sums` rewrites a gradient the TF1 way.
"""

from __future__ import annotations

import sympy

from ...compiler import free_inputs
from ...nodes import ElementSum
from ...symbols import BATCH

__all__ = ["without_batch_sums", "reads_batch"]


def reads_batch(expr) -> bool:
    """Whether ``expr`` reads the batch: the batch size :math:`m` or an input with a batch dimension."""
    return BATCH in getattr(expr, "free_symbols", ()) or \
        any(BATCH in getattr(s, "shape", ()) for s in free_inputs([expr]))


def _sums_over_batch(node) -> bool:
    """A product that contracts the batch dimension, or a sum of all entries of a matrix with a batch dimension."""
    if isinstance(node, sympy.MatMul):
        factors = [f for f in node.args if getattr(f, "is_Matrix", False)]
        return any(left.shape[1] == BATCH for left in factors[:-1])
    return isinstance(node, ElementSum) and BATCH in node.matrix.shape


def without_batch_sums(expr):
    """``expr`` with every sum over the batch replaced by 0 (see the module); None when what is left still reads
    the batch (then the step has no TF1 value symopt can give, and the caller refuses it)."""
    memo: dict = {}

    def rewrite(node):
        if node in memo:
            return memo[node]
        if not isinstance(node, sympy.Basic) or not node.args or not reads_batch(node):
            result = node
        elif _sums_over_batch(node):
            result = sympy.ZeroMatrix(*node.shape) if node.is_Matrix else sympy.S.Zero
        else:
            args = [rewrite(a) for a in node.args]
            result = node if all(a is b for a, b in zip(args, node.args)) else _rebuilt(node, args)
        memo[node] = result
        return result

    result = rewrite(expr)
    return None if reads_batch(result) else result


def _rebuilt(node, args):
    """``node`` with new ``args``; sums and products fold their zeros (``1/m · 0 = 0``)."""
    if isinstance(node, (sympy.MatMul, sympy.MatAdd, sympy.Add, sympy.Mul)):
        rebuilt = node.func(*args)
        return rebuilt.doit(deep=False) if rebuilt.is_Matrix else rebuilt
    return node.func(*args)
