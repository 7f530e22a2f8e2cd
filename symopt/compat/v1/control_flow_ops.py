"""``tf.group`` and ``tf.no_op``: operations that run other operations, or nothing."""

from __future__ import annotations

from ...errors import UnsupportedOperationError
from .graph import Operation

__all__ = ["group", "no_op"]


def group(*inputs, name=None) -> Operation:
    """``tf.group(op1, op2, ...)``: one operation that runs each given operation (tensors among the inputs are
    computed by TF1 and discarded; here they need no work); running it returns ``None``."""
    operations = [item for item in inputs if isinstance(item, Operation)]
    if any(operation.deferred for operation in operations):
        raise UnsupportedOperationError("tf.group of an operation that reads a placeholder without a shape is not "
                                        "supported yet by symopt.compat.v1; run the operations themselves")

    def run(session, feed):
        for operation in operations:
            operation.execute(session, feed)
    return Operation(name or "group_deps", run)


def no_op(name=None) -> Operation:
    """``tf.no_op()``: an operation that does nothing."""
    return Operation(name or "NoOp", lambda session, feed: None)
