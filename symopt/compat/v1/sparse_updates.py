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
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ...errors import UnsupportedOperationError
from ...functions import step
from ...nodes import lambda_parts
from ...reductions import ArgMax, Equal, OneHot
from ...stable import Select
from ...traversal import unique_nodes
from .gathered_rows import Gathered
from .integer_casts import truncated_int
from .kernel_functions import kernel_round
from .label_checks import LabelChecks
from .math_ops import differentiable_inputs
from .number_tests import ValueTest
from .recording import reachable

__all__ = ["note_gathered", "check_sparse_updates", "reads_densely", "note_clipped", "clipped_gathers",
           "repeat_checks", "check_clipped_repeats", "sparse_gradient", "CLIPPED_REPEATS", "DENSE_EQUIVALENT_RULES"]

#: symopt's update rules whose dense update equals TF1's sparse one (the zero rows of the gradient change
#: nothing, or change exactly what TF1's sparse kernel changes).
DENSE_EQUIVALENT_RULES = frozenset({"gd", "adam", "adagrad"})


def note_gathered(graph, params, picked) -> None:
    """Note that the one-hot rows ``picked`` gather from the variable ``params`` (a :class:`Tensor`)."""
    graph.__dict__.setdefault("gathered", {}).setdefault(params.expr, []).append(picked)


#: Why a clipped gradient (or a global norm) of a gathered variable refuses a batch that repeats an id.
CLIPPED_REPEATS = (
    "TF1 clips and measures (tf.clip_by_value, tf.clip_by_norm, tf.global_norm, tf.clip_by_global_norm) the "
    "gradient of a gathered variable one looked-up row at a time (an IndexedSlices with one slice per occurrence) "
    "and adds a repeated id's slices only when it applies them, which symopt.compat.v1 (whose gradient is the summed "
    "matrix) does not reproduce; feed batches of distinct ids, or clip and measure only the other variables' "
    "gradients")


def note_clipped(graph, result, inputs: list) -> None:
    """Note that ``result`` clips or measures ``inputs`` (``clip_by_value``, ``clip_by_norm``, ``global_norm``):
    where an input is the gradient of a gathered variable that its loss reads only through gathers, TF1 clips each
    looked-up row's slice of it separately (an ``IndexedSlices``, its slices those of every gather of the variable),
    before the optimizer adds the slices of a repeated id; :func:`clipped_gathers` finds them.  A loss that also
    reads the whole variable (an L2 penalty) has TF1's dense gradient, which symopt computes."""
    gathered = graph.__dict__.get("gathered")
    if not gathered:
        return
    groups = set()
    # a gradient made dense (tf.convert_to_tensor) is clipped as the dense matrix, in TF1 too
    for node in reachable(inputs, lambda node: not getattr(node, "densified", False)).values():
        picks = sparse_gradient(graph, node, getattr(node, "gradient_of", None))
        if picks:
            groups.add(tuple(sorted(picks, key=str)))
    if groups:
        graph.__dict__.setdefault("clipped", {})[id(result)] = (result, groups)


def sparse_gradient(graph, gradient, variable) -> list:
    """The gathers of ``variable`` that ``gradient`` (a tensor, the gradient of ``variable`` made by
    ``tf.gradients`` / ``compute_gradients``) reads, when TF1's gradient is an ``IndexedSlices``: its loss reads
    ``variable`` only through them.  Empty when the gradient is dense (also one densified by the user:
    ``tf.convert_to_tensor(g)``)."""
    if getattr(gradient, "densified", False):
        return []
    picks = graph.__dict__.get("gathered", {}).get(getattr(variable, "expr", None), ())
    expr = getattr(gradient, "expr", None)
    picks = [pick for pick in picks if expr is not None and _reads_rows(expr, pick)]
    losses = getattr(gradient, "operands", ())[:-1]
    if not picks or any(reads_densely(loss, variable, picks) for loss in losses):
        return []
    return picks


def _reads_rows(expr, pick) -> bool:
    """Whether ``expr`` holds the one-hot rows ``pick``, itself or as the rows of a gather or its scatter-add
    gradient (:class:`Gathered` nodes hold the rows' arguments)."""
    return expr.has(pick) or any(isinstance(node, Gathered) and node.rows == pick
                                 for node in unique_nodes([expr]))  # the DAG: a tree walk is exponential


def clipped_gathers(graph, roots: list) -> list:
    """The one-hot selections (gathers) whose gradient slices reach ``roots`` (tensors, operations) through a clip
    noted by :func:`note_clipped`, grouped by gradient: a batch whose ids repeat within a group (the ids of all
    the gathers of one variable) would clip otherwise than TF1."""
    clipped = graph.__dict__.get("clipped")
    if not clipped:
        return []
    reached = reachable(roots, lambda node: True)
    return sorted({group for key, (_, groups) in clipped.items() if key in reached for group in groups}, key=str)


def repeat_checks(graph, roots: list) -> list | None:
    """One :class:`~symopt.compat.v1.label_checks.LabelChecks` per group of :func:`clipped_gathers` (``None`` when
    there is none): ``check_distinct(value_of, CLIPPED_REPEATS)`` of each refuses a batch that repeats an id."""
    groups = clipped_gathers(graph, roots)
    return [LabelChecks(list(group), graph) for group in groups] or None


def check_clipped_repeats(graph, nodes: list, cache: dict, value_of) -> None:
    """Refuse (``UnsupportedOperationError``, before anything runs) a run of ``nodes`` (its fetches and control
    inputs) that computes a clipped gradient or a global norm of a gathered variable for a batch that repeats an
    id (probe15 Y16); ``cache`` (a session's) keeps each fetch list's checks, ``value_of(symbol)`` gives an input's
    value in the run."""
    if not graph.__dict__.get("clipped"):
        return
    key = tuple(map(id, nodes))
    entry = cache.get(key)
    if entry is None:
        entry = cache[key] = (nodes, repeat_checks(graph, nodes))  # the nodes kept alive: their ids stay theirs
    for checks in entry[1] or ():
        checks.check_distinct(value_of, CLIPPED_REPEATS)


def _gathers(node, picks: set) -> bool:
    """Whether ``node`` is a gather by one of the one-hot selections ``picks``: a :class:`Gathered` node, or a
    product with one (or its transpose)."""
    if isinstance(node, Gathered):
        return node.rows in picks
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
    # a read under tf.stop_gradient (G2) or an op TF1 has no gradient for (review6 R6-3) gives TF1 no dense gradient
    return variable.expr in differentiable_inputs([_without_masks(rest)], _no_gradient)


#: The nodes of the ops TF1 registers no gradient for (``tf.floor``, ``tf.ceil``, ``tf.round``, comparisons,
#: ``tf.equal``, ``tf.argmax``, ``tf.one_hot``, ``tf.is_nan``, casts to integers): TF1 drops their ``None``
#: gradient, so a read under one leaves an embedding's update sparse.  (``tf.sign``'s gradient is TF1's dense zeros.)
NO_GRADIENT_NODES = (sympy.floor, sympy.ceiling, kernel_round, step, truncated_int, ArgMax, Equal, OneHot, ValueTest)


def _no_gradient(node) -> bool:
    """Whether ``node`` passes no gradient to its operands in TF1 (a map of such an op too); a choice's mask."""
    if isinstance(node, ElementwiseApplyFunction):
        node = lambda_parts(node.function)[1]
    return isinstance(node, NO_GRADIENT_NODES)


def _without_masks(expr):
    """``expr`` with each choice's mask a zero (``tf.where(E > 0, a, b)`` passes no gradient to ``E > 0``)."""
    return expr.replace(lambda node: isinstance(node, Select),
                        lambda node: Select(sympy.ZeroMatrix(*node.shape), *node.args[1:]))


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
                if nodes and gradient.expr is not None and any(_reads_rows(gradient.expr, node) for node in nodes) \
                        and not getattr(gradient, "densified", False) \
                        and not reads_densely(loss, variable, nodes):
                    raise UnsupportedOperationError(
                        f"{operation.optimizer.name} trains {variable.name}, which the loss reads with tf.gather "
                        f"(tf.nn.embedding_lookup): TF1 updates only the gathered rows there (the other rows' "
                        f"{rule.name} state does not decay), which symopt.compat.v1 does not reproduce; use "
                        "GradientDescentOptimizer, AdamOptimizer or AdagradOptimizer (their sparse updates are "
                        "reproduced exactly), or read the matrix densely: tf.matmul(tf.one_hot(ids, rows), W)")
        checked.add(id(operation))
