r"""``tf.group`` and ``tf.no_op``: operations that run other operations, or nothing; ``tf.device``: a placement
scope that places nothing; ``tf.cond``: one of two branches, chosen by a boolean scalar when the graph runs.

``tf.cond(p, f, g)`` builds both branches, as TF1 does, and merges their outputs into
:math:`\operatorname{select}(p, f, g)` (a ``Piecewise`` for scalars, :class:`~symopt.stable.Select` otherwise): the
value is exactly the taken branch's, and the gradient is the taken branch's alone (each branch is differentiated
and the gradients chosen between: :mod:`~symopt.compat.v1.cond_gradients`).  The operations a branch makes (an
update under ``tf.control_dependencies`` inside it: the batch-norm idiom's moving averages), its prints and its
gathers' index checks run only in the runs that take that branch, as in TF1; symopt refuses branches that *return*
operations.
"""

from __future__ import annotations

import contextlib

from ...errors import UnsupportedOperationError
from . import dtypes
from .cond_gradients import merge_expression, note_merge
from .default_graph import get_default_graph
from .graph import Operation, Tensor, as_tensor, name_scope, run_target
from .recording import recorded
from .run_together import run_operations
from .tensor_shape import shape_text
from .variable_views import forwards

__all__ = ["group", "no_op", "device", "cond", "while_loop"]


def _members(inputs) -> list:
    """The operations and tensors among ``inputs`` (lists and tuples opened, as TF1's ``tf.group([a, b])``)."""
    found = []
    for item in inputs:
        found.extend(_members(item) if isinstance(item, (list, tuple)) else [run_target(item)])
    return found


def group(*inputs, name=None, exact_name: bool = False) -> Operation:
    """``tf.group(op1, op2, ...)`` (or ``tf.group([op1, op2])``): one operation that runs each given operation;
    tensors among the inputs are computed first for their effects (a streaming metric's update, a ``tf.Print``), as
    TF1's control inputs of the group; running it returns ``None``.  ``exact_name``: ``name`` is already unique (a
    name scope's own, as TF1's ``ExponentialMovingAverage.apply`` names its group)."""
    members = _members(inputs)
    operations = [item for item in members if isinstance(item, Operation)]
    if any(operation.deferred for operation in operations):
        raise UnsupportedOperationError("tf.group of an operation that reads a placeholder without a shape is not "
                                        "supported yet by symopt.compat.v1; run the operations themselves")

    def run(session, feed):
        run_operations(session, operations, feed)  # several training operations: all from the run's start values
    grouped = Operation(name or "group_deps", run, exact_name=exact_name)
    grouped.grouped = operations  # Session.run opens the group (run_together.py)
    grouped.node_inputs = (*grouped.run_first, *members)  # TF1's control inputs: the block's, then the members
    tensors = tuple(item for item in members if isinstance(item, Tensor))
    if tensors:  # computed before the group's operations, for what they do (a metric's update, a tf.Print)
        grouped.run_first = tuple(getattr(grouped, "run_first", ())) + tensors
        get_default_graph().has_run_steps = True
    # rebuilt for a run that feeds what its members read (ema.apply([b]) run with {b: 4.0} averages the fed b, as
    # TF1; probe13 W11): a recipe for recording.rebuild alone, since the members are control inputs, not data
    grouped.control_recipe = (group, (members,), {"name": grouped.name, "exact_name": True})
    return grouped


def no_op(name=None) -> Operation:
    """``tf.no_op()``: an operation that does nothing."""
    return Operation(name or "NoOp", lambda session, feed: None)


@contextlib.contextmanager
def device(device_name_or_function):
    """``with tf.device("/cpu:0"):``: accepted and ignored. A NumPy session computes on the CPU and a JAX session
    (``ConfigProto(backend="jax")``) on JAX's default device, whatever the scope says; the graph is the same."""
    if device_name_or_function is not None and not isinstance(device_name_or_function, str) \
            and not callable(device_name_or_function):
        raise TypeError(f"tf.device: expected a device name such as '/cpu:0', a function or None; given "
                        f"{device_name_or_function!r}")
    yield


def _outputs(result, branch: str) -> list:
    """A branch's outputs as a flat list of tensors (a tensor, or a list or tuple of them)."""
    items = list(result) if isinstance(result, (list, tuple)) else [result]
    items = [_read_after(item) for item in items]
    for item in items:
        if isinstance(item, Operation) or item is None:
            made_inside = getattr(getattr(item, "assignment", None), "branches", ())
            reason = ("an update made inside the branch: TF1 runs it only where the branch is taken, which symopt "
                      "does not reproduce" if made_inside else "an operation, not a tensor")
            raise UnsupportedOperationError(
                f"tf.cond: {branch} returned {item!r}; symopt.compat.v1 merges tensors only ({reason}): return "
                "tensors, and make the update outside the cond, e.g. tf.assign(v, tf.cond(p, lambda: new, "
                "lambda: v)), or inc = tf.assign_add(c, 1.0) before the cond (which then runs at every run of "
                "the cond, as in TF1)")
        if isinstance(item, (list, tuple, dict)):
            raise UnsupportedOperationError(f"tf.cond: {branch} returned a nested structure; symopt.compat.v1 merges "
                                            "a tensor or a flat list or tuple of tensors")
    return [as_tensor(item) for item in items]


def _read_after(item):
    """A branch's output that reads an assignment made outside the cond (``inc = tf.assign_add(c, 1.0)`` before
    it; ``lambda: inc * 1.0``) as the value after the assignment, which runs at every run of the cond whichever
    branch it takes, as TF1 runs an op made outside the branch functions; anything else as it is."""
    assignment = getattr(item, "assignment", None)
    if isinstance(item, Operation) and assignment is not None and not assignment.branches:
        return item.as_input()
    return item


def _check_reads_after(true_result, false_result, chosen: list, other: list) -> None:
    """A typed refusal where one branch returns the value after an assignment made outside the cond and the other
    reads the same variable: symopt reads a variable once per run, and TF1's order of that read and the update is
    not fixed (it gives the value after in one branch and before in the other)."""
    true_items = list(true_result) if isinstance(true_result, (list, tuple)) else [true_result]
    false_items = list(false_result) if isinstance(false_result, (list, tuple)) else [false_result]
    pairs = list(zip(true_items, false_items, chosen, other))
    for raw, raw_theirs, mine, theirs in [*pairs, *((b, a, y, x) for a, b, x, y in pairs)]:
        assignment = getattr(raw, "assignment", None)
        if mine is raw or assignment is None or getattr(raw_theirs, "assignment", None) is assignment:
            continue  # not read after an outside update, or both branches read after the same one
        if assignment.ref.expr in getattr(theirs.expr, "free_symbols", ()):
            raise UnsupportedOperationError(
                f"tf.cond: one branch returns {raw!r}, the value after {assignment.op_name}, and the other reads "
                f"{assignment.ref.op_name}, which it updates: symopt.compat.v1 reads a variable once per run (TF1 "
                "reads it before or after the update, in no fixed order); compute both from one value, e.g. "
                "new = tf.assign_add(c, 1.0) and tf.cond(p, lambda: new, lambda: new * 10.0)")


@recorded
def merge(chosen, other, pred, name=None) -> Tensor:
    """``chosen`` where the boolean scalar ``pred`` is true, else ``other`` (one shape and dtype): TF1's ``Merge``
    of a ``cond``."""
    _same_shapes(chosen, other)
    expr = merge_expression(pred.expr, chosen.expr, other.expr)
    note_merge(pred.graph, expr, pred.expr, chosen.expr, other.expr)  # its gradient: the taken branch's only
    return forwards(Tensor(expr, chosen.shape, chosen.dtype, name or "Merge"), pred, chosen, other)  # TF1's buffer


def _merged_shape(args: tuple, kwargs: dict):
    """TF1's static shape of a ``cond``'s output whose predicate has no known shape (a ``tf.placeholder(tf.bool)``
    without one): the branches' common shape, known before the predicate's (probe11 U2)."""
    chosen, other = (args + (None, None))[:2]
    if isinstance(chosen, Tensor) and isinstance(other, Tensor) and chosen.shape.known_rank and \
            tuple(chosen.shape) == tuple(other.shape):
        return tuple(chosen.shape)
    return None


merge.static_shape = _merged_shape


def _same_shapes(a: Tensor, b: Tensor) -> None:
    if tuple(a.shape) != tuple(b.shape) or not a.shape.known_rank:
        raise UnsupportedOperationError(f"tf.cond: the branches give shapes {shape_text(a.shape)} and "
                                        f"{shape_text(b.shape)}; symopt.compat.v1 merges outputs of one shape (TF1's "
                                        "result would have an unknown shape)")


def _predicate(pred) -> Tensor:
    if isinstance(pred, bool):
        raise TypeError("'pred' must not be a Python bool.")
    pred = as_tensor(pred)
    if pred.dtype != dtypes.bool:
        raise TypeError(f"tf.cond: pred must be a tf.bool scalar; given {pred.dtype.name} (compare, e.g. x > 0)")
    if pred.shape.known_rank and pred.ndim != 0:
        raise ValueError(f"Shape must be rank 0 but is rank {pred.ndim} for 'cond/Switch' (op: 'Switch') with input "
                         f"shapes: {shape_text(pred.shape)}, {shape_text(pred.shape)}.")
    return pred


def _branch(function, pred: Tensor, taken: bool):
    """``function()`` with ``(pred, taken)`` on this thread's ``graph.cond_stack``: its operations (an update under
    ``tf.control_dependencies`` inside it), prints, numeric checks and gathers' index checks record the stack when
    made, and run only where ``pred`` is ``taken`` (TF1 runs a branch's operations only when the branch is taken);
    what another thread builds meanwhile is none of them (review final44b F44b-12)."""
    graph = pred.graph
    outer = graph.cond_stack
    graph.cond_stack = (*outer, (pred, taken))
    try:
        return function()
    finally:
        graph.cond_stack = outer


def cond(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None):
    """``tf.cond(pred, true_fn, false_fn)``: the outputs of ``true_fn()`` where the boolean scalar tensor ``pred`` is
    true when the graph runs, else those of ``false_fn()`` (a tensor, or a flat list or tuple of tensors of equal
    dtypes and shapes); the gradient flows into the taken branch only (the other's is zero)."""
    true_fn = true_fn if true_fn is not None else fn1
    false_fn = false_fn if false_fn is not None else fn2
    if not callable(true_fn) or not callable(false_fn):
        raise TypeError("true_fn and false_fn must be callable.")
    pred = _predicate(pred)
    with name_scope(name or "cond"):
        true_result = _branch(true_fn, pred, True)
        false_result = _branch(false_fn, pred, False)
        chosen, other = _outputs(true_result, "true_fn"), _outputs(false_result, "false_fn")
        _check_reads_after(true_result, false_result, chosen, other)
        if len(chosen) != len(other) or isinstance(true_result, (list, tuple)) != isinstance(false_result,
                                                                                             (list, tuple)):
            raise ValueError("The two structures don't have the same nested structure.")
        for a, b in zip(chosen, other):
            if a.dtype != b.dtype:
                raise ValueError(f"Outputs of 'true_fn' and 'false_fn' must have the same type(s). Received "
                                 f"{a.dtype.name} from 'true_fn' and {b.dtype.name} from 'false_fn'.")
            if not (a.deferred or b.deferred):  # a deferred output's shape is checked when the session builds it
                _same_shapes(a, b)
        merged = [merge(a, b, pred, name="Merge" if i == 0 else f"Merge_{i}") for i, (a, b) in
                  enumerate(zip(chosen, other))]
    if not isinstance(true_result, (list, tuple)) or (len(merged) == 1 and not strict):
        return merged[0]
    return type(true_result)(merged)


def while_loop(cond, body, loop_vars, *args, **kwargs):
    """``tf.while_loop``: not supported; says what to do instead."""
    raise UnsupportedOperationError(
        "tf.while_loop is not supported by symopt.compat.v1 (a loop whose number of steps is decided when the graph "
        "runs has no closed-form expression to differentiate); unroll a fixed number of steps in Python (for i in "
        "range(n): x = body(x)), or run the loop in Python around session.run")
