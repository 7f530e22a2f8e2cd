r"""Training a variable that a loss reads only through ``tf.gather``: TF1 applies *sparse* updates.

TF1's gradient of ``tf.gather(W, ids)`` with respect to ``W`` is an ``IndexedSlices`` (the gathered rows), and
its optimizers update only those rows.  For gradient descent, Adam (TF1's ``_apply_sparse`` decays every row's
moments) and Adagrad that equals the dense update with zero rows, which is what symopt computes.  Momentum,
RMSProp, Adadelta, Ftrl and the proximal optimizers leave the other rows' state alone (their momentum does not
decay, the variable does not move), which a dense update does not reproduce: a session refuses to run such a
step (:func:`check_sparse_updates`) rather than give other numbers, unless the loss also reads the variable densely
(an L2 penalty), where TF1's update is dense too.
"""

from __future__ import annotations

import sympy

from ...compiler import free_inputs
from ...errors import UnsupportedOperationError
from .recording import reachable

__all__ = ["note_gathered", "check_sparse_updates", "reads_densely", "note_clipped", "clipped_gathers",
           "DENSE_EQUIVALENT_RULES"]

#: symopt's update rules whose dense update equals TF1's sparse one (the zero rows of the gradient change
#: nothing, or change exactly what TF1's sparse kernel changes).
DENSE_EQUIVALENT_RULES = frozenset({"gd", "adam", "adagrad"})


def note_gathered(graph, params, picked) -> None:
    """Note that the one-hot rows ``picked`` gather from the variable ``params`` (a :class:`Tensor`)."""
    graph.__dict__.setdefault("gathered", {}).setdefault(params.expr, []).append(picked)


def note_clipped(graph, result, inputs: list) -> None:
    """Note that ``result`` clips ``inputs`` (``clip_by_value``, ``clip_by_norm``, ``global_norm``): where an input is
    the gradient of a gathered variable, TF1 clips each looked-up row's slice of it separately (an
    ``IndexedSlices``), before the optimizer adds the slices of a repeated id; :func:`clipped_gathers` finds them."""
    gathered = graph.__dict__.get("gathered")
    if not gathered:
        return
    picks = {pick for node in reachable(inputs, lambda node: True).values()
             for pick in gathered.get(getattr(getattr(node, "gradient_of", None), "expr", None), ())}
    if picks:
        graph.__dict__.setdefault("clipped", {})[id(result)] = (result, picks)


def clipped_gathers(graph, gradients: list) -> list:
    """The one-hot selections (gathers) whose gradient slices reach ``gradients`` through a clip noted by
    :func:`note_clipped`: a batch that repeats an id there would clip otherwise than TF1."""
    clipped = graph.__dict__.get("clipped")
    if not clipped:
        return []
    reached = reachable(gradients, lambda node: True)
    return sorted({pick for key, (_, picks) in clipped.items() if key in reached for pick in picks}, key=str)


def _gathers(node, picks: set) -> bool:
    """Whether ``node`` is a product with one of the one-hot selections ``picks`` (or its transpose): a gather."""
    if not isinstance(node, sympy.MatMul):
        return False
    return any(arg in picks or isinstance(arg, sympy.Transpose) and arg.arg in picks for arg in node.args)


def reads_densely(loss, variable, picks) -> bool:
    """Whether ``loss`` (a tensor, or None: not known) reads ``variable`` outside the gathers ``picks`` (an L2
    penalty on an embedding): TF1 then adds the gathered rows' gradient into a dense one and updates every row,
    as symopt does."""
    if loss is None or loss.expr is None:
        return False
    picks = set(picks)
    rest = loss.expr.replace(lambda node: _gathers(node, picks), lambda node: sympy.ZeroMatrix(*node.shape))
    return variable.expr in free_inputs([rest])


def _operations(operations):
    for operation in operations:
        yield operation
        yield from _operations(getattr(operation, "grouped", None) or ())


def check_sparse_updates(graph, operations, checked: set) -> None:
    """Raise for a training operation among ``operations`` (groups opened) whose optimizer TF1 would apply
    sparsely, with other numbers, to a variable its gradient reads through ``tf.gather``; ``checked`` holds the
    ids of operations already checked."""
    gathered = graph.__dict__.get("gathered")
    if not gathered:
        return
    for operation in _operations(operations):
        if id(operation) in checked or getattr(operation, "pairs", None) is None:
            continue
        rule = operation.optimizer.rule
        if rule.name not in DENSE_EQUIVALENT_RULES:
            loss = getattr(operation, "loss", None)
            for gradient, variable in operation.pairs:
                nodes = gathered.get(variable.expr, ())
                if nodes and gradient.expr is not None and gradient.expr.has(*nodes) \
                        and not reads_densely(loss, variable, nodes):
                    raise UnsupportedOperationError(
                        f"{operation.optimizer.name} trains {variable.name}, which the loss reads with tf.gather "
                        f"(tf.nn.embedding_lookup): TF1 updates only the gathered rows there (the other rows' "
                        f"{rule.name} state does not decay), which symopt.compat.v1 does not reproduce; use "
                        "GradientDescentOptimizer, AdamOptimizer or AdagradOptimizer (their sparse updates are "
                        "reproduced exactly), or read the matrix densely: tf.matmul(tf.one_hot(ids, rows), W)")
        checked.add(id(operation))
