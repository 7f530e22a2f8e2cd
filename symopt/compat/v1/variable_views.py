"""Which tensors show a variable's storage: TF1 reads a fetched variable, or a view of it (``tf.identity(w)``,
``w[:]``), when the run returns, after the run's updates, while anything computed from it is read before."""

from __future__ import annotations

import sympy

from .graph import Tensor

__all__ = ["view", "reads_after_run"]


def view(result: Tensor, source: Tensor) -> Tensor:
    """Mark ``result`` as showing ``source``'s storage unchanged (``tf.identity``, ``tf.reshape``,
    ``tf.stop_gradient``, a cast to the same dtype): fetched with an update of a variable it shows, TF1 reads it
    when the run returns, after the update (it forwards the variable's buffer), while anything computed from the
    variable (``w * 1.0``, ``w[0]``, ``tf.transpose(W)``) is read before."""
    result.view_of = source.view_of
    return result


def reads_after_run(tensor: Tensor, variables: set) -> bool:
    """Whether a fetched ``tensor`` shows a variable's storage, which TF1 reads when the run returns (after its
    updates): a variable or a :func:`view` of one, or a slice of all of one (``v[:]``, ``W[:]``: TF1's strided slice
    forwards the buffer; a part of it, ``v[1:]``, is a copy read before the updates).  ``variables``: the symbols
    of the graph's variables."""
    if tensor.view_of is not None:
        return True
    if tensor.op_type not in ("StridedSlice", "Slice"):
        return False
    expr = tensor.expr
    if isinstance(expr, sympy.MatrixSlice) and expr.shape == expr.parent.shape:
        expr = expr.parent
    return expr in variables
