"""Which tensors show a variable's storage: TF1 reads a fetched variable, or a view of it (``tf.identity(w)``,
``w[:]``, a ``tf.cond`` that returns it), when the run returns, after the run's updates, while anything computed from
it is read before."""

from __future__ import annotations

import sympy

from .graph import Tensor

__all__ = ["view", "reads_after_run", "forwards", "passes_through", "shows_variables", "partly_shows_variables"]


def view(result: Tensor, source: Tensor) -> Tensor:
    """Mark ``result`` as showing ``source``'s storage unchanged (``tf.identity``, ``tf.reshape``,
    ``tf.stop_gradient``, a cast to the same dtype): fetched with an update of a variable it shows, TF1 reads it
    when the run returns, after the update (it forwards the variable's buffer), while anything computed from the
    variable (``w * 1.0``, ``w[0]``, ``tf.transpose(W)``) is read before."""
    result.view_of = source.view_of
    return result


def forwards(result: Tensor, predicate: Tensor, *branches: Tensor) -> Tensor:
    """Mark ``result`` (a ``tf.cond``'s ``Merge``) as passing on the storage of whichever of ``branches`` the run
    takes, as TF1's ``Switch``/``Merge`` forward their input's buffer: a branch that returns a variable
    (``tf.cond(p, lambda: ema.average(w), lambda: w)``) is read as the variable is, after the run's updates; a
    computed branch (``w * 0.0``, the loss) as computed tensors are (probe48 P48-4).  A ``predicate`` that is a
    variable as it is (``tf.cond(flag, ...)``) is read with the run's other reads, before its updates, so such a
    cond is computed as a whole, as before."""
    if predicate.view_of is None and getattr(predicate, "forwarded", None) is None:
        result.forwarded = branches
    return result


def passes_through(tensor) -> bool:
    """Whether ``tensor`` computes nothing of its own: a :func:`view` of a variable, or a ``tf.cond`` output
    (:func:`forwards`), whose value a run reads from what it shows when it reads it."""
    return getattr(tensor, "view_of", None) is not None or getattr(tensor, "forwarded", None) is not None


def shows_variables(tensor) -> bool:
    """Whether ``tensor`` shows a variable's storage whichever way a run goes: a :func:`view`, or a ``tf.cond`` whose
    every branch shows one (``tf.cond(p, lambda: ema.average(w), lambda: w)``)."""
    if tensor.view_of is not None:
        return True
    branches = getattr(tensor, "forwarded", None)
    return branches is not None and all(shows_variables(branch) for branch in branches)


def partly_shows_variables(tensor) -> bool:
    """Whether ``tensor`` is a ``tf.cond`` that shows a variable in some branches and computes its value in others
    (``tf.cond(p, lambda: w, lambda: w * 2.0)``): a run reads it after its updates with the computed branches'
    values from before them (:func:`~symopt.compat.v1.control_dependencies.computed_before`)."""
    branches = getattr(tensor, "forwarded", None)
    return branches is not None and not shows_variables(tensor) and any(
        shows_variables(branch) or partly_shows_variables(branch) for branch in branches)


def reads_after_run(tensor: Tensor, variables: set) -> bool:
    """Whether a fetched ``tensor`` shows a variable's storage, which TF1 reads when the run returns (after its
    updates): a variable or a :func:`view` of one (a ``tf.cond`` of them: :func:`shows_variables`), or a slice of all of one (``v[:]``, ``W[:]``: TF1's strided slice
    forwards the buffer; a part of it, ``v[1:]``, is a copy read before the updates).  ``variables``: the symbols
    of the graph's variables."""
    if shows_variables(tensor) or partly_shows_variables(tensor):
        return True
    if tensor.op_type not in ("StridedSlice", "Slice"):
        return False
    expr = tensor.expr
    if isinstance(expr, sympy.MatrixSlice) and expr.shape == expr.parent.shape:
        expr = expr.parent
    return expr in variables
