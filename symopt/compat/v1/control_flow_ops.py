"""``tf.group`` and ``tf.no_op``: operations that run other operations, or nothing; ``tf.device``: a placement
scope that places nothing."""

from __future__ import annotations

import contextlib

from ...errors import UnsupportedOperationError
from .graph import Operation
from .run_together import run_operations

__all__ = ["group", "no_op", "device"]


def group(*inputs, name=None) -> Operation:
    """``tf.group(op1, op2, ...)``: one operation that runs each given operation (tensors among the inputs are
    computed by TF1 and discarded; here they need no work); running it returns ``None``."""
    operations = [item for item in inputs if isinstance(item, Operation)]
    if any(operation.deferred for operation in operations):
        raise UnsupportedOperationError("tf.group of an operation that reads a placeholder without a shape is not "
                                        "supported yet by symopt.compat.v1; run the operations themselves")

    def run(session, feed):
        run_operations(session, operations, feed)  # several training operations: all from the run's start values
    grouped = Operation(name or "group_deps", run)
    grouped.grouped = operations  # Session.run opens the group (run_together.py)
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
