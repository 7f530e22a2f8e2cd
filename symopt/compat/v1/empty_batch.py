r"""What a training step computes on an empty mini-batch, as TF1 does.

TF1 feeds a mean's gradient :math:`\partial J/\partial L = 1/m` into a tensor of the batch's shape; with
:math:`m = 0` that tensor is empty, and every product that sums over the batch (:math:`X^\top \delta`,
:math:`\mathbb 1^\top \delta`) is a sum of no terms: 0.  The :math:`1/m` never multiplies anything.  So the
gradient a step applies is the gradient with every sum over the batch replaced by 0: a regularizer's gradient
stays, the data's vanish, and the optimizer updates as usual (Adam still moves by its momentum); the cost itself
is a mean of nothing, ``nan``.  symopt's expressions write the mean as ``(1/m)·(sum over the batch)``, whose
``1/0`` raises; :func:`without_batch_sums` rewrites a gradient the TF1 way.

A fetched extremum over the batch is TF1's value of a reduction of nothing (:func:`empty_extrema`): the maximum
:math:`-\infty` (a minimum, :math:`-\max(-x)`, :math:`+\infty`; a log-sum-exp :math:`\log 0 = -\infty`), where
NumPy has no identity for its maximum and raises; an index of one (``tf.argmax(x, 0)``) is TF1's
``InvalidArgumentError``.

A fetched gradient (``tf.gradients``, ``compute_gradients``), and a tensor that reads the batch only through
gradients (``tf.global_norm`` of them, a clipped gradient), is TF1's value too (:func:`empty_fetch`): its sums over
the batch are 0 (a global norm 0.0, a gradient with respect to the batch's rows an empty array); a tensor that
reads the batch directly as well keeps the mean's ``nan``.
"""

from __future__ import annotations

import numpy as np
import sympy

from ...compiler import free_inputs
from ...nodes import ElementSum, LogSumExp
from ...stable import LogSoftmax, Softmax
from ...reductions import ArgMax, ReduceMax
from ...symbols import BATCH
from .constants import bound_constant
from .default_graph import unnamed
from .errors import InvalidArgumentError
from .gathered_rows import ScatteredRows
from .recording import reachable

__all__ = ["without_batch_sums", "reads_batch", "empty_extrema", "empty_fetch"]


def reads_batch(expr) -> bool:
    """Whether ``expr`` reads the batch: the batch size :math:`m` or an input with a batch dimension."""
    return BATCH in getattr(expr, "free_symbols", ()) or \
        any(BATCH in getattr(s, "shape", ()) for s in free_inputs([expr]))


def _sums_over_batch(node) -> bool:
    """A product that contracts the batch dimension, a sum of all entries of a matrix with a batch dimension, or a
    scatter-add of the batch's rows (the gradient of ``tf.gather`` / ``embedding_lookup`` with fed ids)."""
    if isinstance(node, sympy.MatMul):
        factors = [f for f in node.args if getattr(f, "is_Matrix", False)]
        return any(left.shape[1] == BATCH for left in factors[:-1])
    if isinstance(node, ScatteredRows):  # a gather's gradient adds the batch's rows into the looked-up rows
        return BATCH in node.rows.shape
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


def empty_fetch(tensor):
    """The expression of a fetched ``tensor`` for a run fed an empty batch (see the module): each gradient it
    reads with its sums over the batch 0 (:func:`without_batch_sums`; one of the batch's shape: an empty array of
    zeros); the whole tensor so where it reads the batch only through gradients (a clipped gradient, whose scale
    multiplies into the gradient's product).  ``tensor.expr`` itself where it reads no gradient."""
    reached = reachable([tensor], _not_gradient).values()
    gradients = [node for node in reached if _is_gradient(node)]
    if not gradients:
        return tensor.expr
    emptied = {}
    for gradient in gradients:
        zeroed = without_batch_sums(gradient.expr)
        if zeroed is None and BATCH in gradient.expr.shape:
            zeroed = sympy.ZeroMatrix(*gradient.expr.shape)
        if zeroed is not None:
            emptied[gradient.expr] = zeroed
    expr = tensor.expr.xreplace(emptied)
    if not any(_batch_input(node) for node in reached if not _is_gradient(node)):
        whole = without_batch_sums(expr)
        return expr if whole is None else whole
    return expr


def _is_gradient(node) -> bool:
    return getattr(node, "gradient_of", None) is not None


def _not_gradient(node) -> bool:
    return not _is_gradient(node)


def _batch_input(node) -> bool:
    """A leaf of the recorded graph (a placeholder, a variable) whose value has a batch dimension."""
    return node.recipe is None and BATCH in getattr(getattr(node, "expr", None), "shape", ())


def _rebuilt(node, args):
    """``node`` with new ``args``; sums and products fold their zeros (``1/m · 0 = 0``)."""
    if isinstance(node, (sympy.MatMul, sympy.MatAdd, sympy.Add, sympy.Mul)):
        rebuilt = node.func(*args)
        return rebuilt.doit(deep=False) if rebuilt.is_Matrix else rebuilt
    return node.func(*args)


def _reduced_axes(node) -> tuple:
    """The axes an extremum, log-sum-exp or index of one reduces (``ReduceMax`` has several, the others one)."""
    return node.axes if isinstance(node, ReduceMax) else (node.axis,)


def _over_batch(node) -> bool:
    return isinstance(node, (ReduceMax, LogSumExp, ArgMax, Softmax, LogSoftmax)) and \
        any(node.matrix.shape[axis] == BATCH for axis in _reduced_axes(node))


def empty_extrema(expr, dtype, graph):
    r"""``expr``, the value of a tensor of ``dtype``, for a run fed an empty batch: each maximum and log-sum-exp
    over the batch dimension :math:`-\infty` (TF1's reduction of nothing; of an integer dtype its lowest value, and
    in a minimum, :math:`-\max(-x)`, minus its highest); an index of the largest entry over it TF1's
    ``InvalidArgumentError``.  ``expr`` itself when it has none."""
    found = [node for node in sympy.preorder_traversal(expr) if _over_batch(node)]
    if not found:
        return expr
    for node in found:
        if isinstance(node, ArgMax):
            rows, cols = node.matrix.shape
            shape = "0" if cols == 1 else f"0,{cols}" if rows == BATCH else f"{rows},0"
            raise InvalidArgumentError(f"Reduction axis {node.axis} is empty in shape [{shape}] (tf.argmax / "
                                       "tf.argmin over the batch of a run fed no rows)")
    return expr.xreplace({node: sympy.ZeroMatrix(*node.shape) if BATCH in node.shape else _lowest(node, dtype, graph)
                          for node in found})


def _lowest(node, dtype, graph):
    """The constant matrix of ``node``'s shape that a reduction of nothing gives (see :func:`empty_extrema`); of an
    integer dtype bound to a symbol of ``graph`` (a program's constant matrices are floats, and int64's bounds are
    not float64 numbers)."""
    rows, cols = (int(size) for size in node.shape)
    if not dtype.is_integer:
        value = sympy.S.NegativeInfinity
    else:
        bounds = np.iinfo(dtype.name)
        value = -int(bounds.max) if node.matrix.could_extract_minus_sign() else int(bounds.min)
    if not dtype.is_integer or bounds.bits < 64:  # integers of at most 32 bits are extrema in float64, exactly
        return sympy.ImmutableMatrix(rows, cols, [value] * (rows * cols))
    with graph.as_default(), unnamed():  # made while a session runs: no op of the program's, as a rebuild's
        return bound_constant(np.full((rows, cols), value, dtype.name), dtype, "empty_extremum").expr
