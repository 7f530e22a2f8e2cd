"""The operations of one ``session.run`` (a fetch list, or ``tf.group``): each runs once, and when several training
operations run together (``sess.run([d_train, g_train])``, ``tf.group(ta, tb)``), every one computes its gradients
from the variables' values at the start of the run, as TF1 does in practice (both gradient computations read the
variables before either update), and the updates are stored when all have been computed."""

from __future__ import annotations

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


def run_operations(session, operations, feed: dict) -> dict:
    """Run ``operations`` in ``session`` with ``feed`` (by symbol); ``{id(operation): outcome}``."""
    flat = _flattened(operations)
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
