"""The operations of one ``session.run`` (a fetch list, or ``tf.group``): each runs once, and what they compute they
compute from the variables' values at the start of the run, as TF1 does in practice (every input of the run's
updates is computed before any update lands), and the updates are stored when all have been computed:

* several training operations (``sess.run([d_train, g_train])``, ``tf.group(ta, tb)``): each computes its gradients
  from the start values;
* assignments (``sess.run([tf.assign(w, w - lr * gw), tf.assign(b, b - lr * gb)])``, manual gradient descent):
  their values are computed together, by one program (one gradient computation feeds every update), before any
  is stored; beside a training operation, before its step (``[train, tf.assign(last, loss)]`` keeps the loss
  the step started from).

An assignment whose value is a variable itself (``tf.assign(a, c)``) reads it when it runs, after the run's
earlier assignments, as TF1 (which forwards ``c``'s buffer) does: ``[tf.assign(a, c), tf.assign(c, a)]`` sets both
to ``c``.  When a run writes one variable twice (``[tf.assign_add(a, 1), tf.assign_add(a, 1)]``) the operations run
one after the other, in the fetch order; a fetched assignment then gives the variable's value at the end of the run,
as TF1's (whose ``assign`` returns the variable itself) does.
"""

from __future__ import annotations

from .feeds import to_tf
from .graph import Tensor

__all__ = ["run_operations"]


def _flattened(operations) -> list:
    """The operations, groups opened (``tf.group``'s ``grouped``), each once, in order."""
    found: dict = {}
    for operation in operations:
        inner = getattr(operation, "grouped", None)
        for item in (_flattened(inner) if inner is not None else [operation]):
            found.setdefault(id(item), item)
    return list(found.values())


def _is_training(operation) -> bool:
    return hasattr(operation, "apply") and hasattr(operation, "parameters")


def _is_assignment(operation) -> bool:
    return getattr(operation, "stores_together", False)


def _writes(operation) -> list:
    """The symbols of the variables ``operation`` sets (a training operation: its parameters and global step)."""
    if _is_training(operation):
        step = getattr(operation, "global_step", None)
        return [*operation.parameters, *([step.expr] if step is not None else [])]
    return list(getattr(operation, "writes", ()))


def _writes_one_variable_twice(operations: list) -> bool:
    written = [symbol for operation in operations for symbol in _writes(operation)]
    return len(written) != len(set(written))


def run_operations(session, operations, feed: dict) -> dict:
    """Run ``operations`` in ``session`` with ``feed`` (by symbol); ``{id(operation): outcome}``."""
    flat = _flattened(operations)
    assignments = [operation for operation in flat if _is_assignment(operation)]
    if not assignments or _writes_one_variable_twice(flat):
        outcomes = _in_turn(session, flat, feed)
        for assignment in assignments:  # TF1's assign returns the variable: its value when the run ends
            if outcomes.get(id(assignment)) is not None:
                outcomes[id(assignment)] = to_tf(assignment.ref, session.values[assignment.ref.expr])
        return outcomes
    taken = [a for a in assignments if a.runs_in(session, feed)]
    early = [a for a in taken if isinstance(a.value, Tensor) and not a.reads_storage]
    computed = session.evaluate([a.value for a in early], feed) if early else []
    stored = {id(a): a.as_stored(value) for a, value in zip(early, computed)}
    outcomes = _in_turn(session, [op for op in flat if _is_training(op)], feed)  # before any is stored
    for operation in flat:
        if id(operation) in outcomes:
            continue
        if not _is_assignment(operation):
            outcomes[id(operation)] = operation.execute(session, feed)
        elif any(operation is a for a in taken):
            value = stored.get(id(operation))
            outcomes[id(operation)] = session.assign(operation.ref, value if value is not None
                                                     else operation.computed(session, feed))
        else:
            outcomes[id(operation)] = None  # made in a tf.cond branch this run does not take
    return outcomes


def _in_turn(session, flat: list, feed: dict) -> dict:
    """Run the operations of ``flat`` one after the other, except that several training operations each compute
    their gradients from the values before any of them (their updates are stored when all have run);
    ``{id(operation): outcome}``."""
    if sum(map(_is_training, flat)) < 2:
        return {id(operation): operation.execute(session, feed) for operation in flat}
    values = session.values
    outcomes, updates = {}, {}
    try:
        for operation in flat:
            if not _is_training(operation) or not operation.runs_in(session, feed):
                outcomes[id(operation)] = operation.execute(session, feed)
                continue
            start = {p: values[p] for p in operation.parameters if p in values}
            for parameter, value in start.items():  # a NumPy step updates its arrays in place: give it copies
                values[parameter] = value.copy() if hasattr(value, "copy") else value
            try:
                outcomes[id(operation)] = operation.execute(session, feed)
                updates.update((p, values[p]) for p in operation.parameters if p in values)
            finally:
                values.update(start)  # the next operation reads the values at the start of the run
    finally:
        values.update(updates)  # the updates of the operations that ran
    return outcomes
