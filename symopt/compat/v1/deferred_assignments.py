"""An assignment of a value that reads a placeholder without a shape (``total.assign_add(tf.reduce_sum(x))`` of a
``tf.placeholder(tf.float32)``), until a session rebuilds it with the fed shape: like the
:class:`~symopt.compat.v1.assignments.Assignment` it stands for, also a tensor of the variable's shape and dtype,
so ``update_total / steps``, ``tf.identity(upd)`` and ``tf.summary.scalar("total", upd)`` are deferred tensors of
the updated variable (probe28 P28-6: they were a bare ``TypeError`` / ``AttributeError`` on an ``Operation``)."""

from __future__ import annotations

from typing import Callable

from .assignments import RefTensor
from .default_graph import unnamed
from .deferred_results import deferred_result
from .operations import Operation
from .recording import substitute
from .tensors import Tensor

__all__ = ["DeferredAssignment"]


class DeferredAssignment(RefTensor, Operation):
    """A deferred ``tf.assign`` / ``assign_add`` / ``assign_sub`` / ``scatter_update``: running it runs the rebuilt
    assignment; as an op's input it is :meth:`as_input`, the variable read after the assignment, deferred too."""

    deferred = True

    def __init__(self, name: str, ref, run: Callable, *, exact_name: bool = False, op_type: str | None = None):
        super().__init__(name, run, returns_value=True, type=op_type or name.rsplit("/", 1)[-1].split("_")[0],
                         exact_name=exact_name)
        self.ref = ref
        self.shape, self.dtype = ref.shape, ref.dtype
        with unnamed():  # the assignment's own output, no op of the program's
            value = Tensor(None, ref.shape, ref.dtype, self.op_name, exact_name=True)
        value.deferred = True
        value.recipe = (_value_after, (self,), {})
        value.run_first = value.reads_after = (self,)  # a run that computes it runs the assignment first
        self.graph.has_run_steps = True  # (control_dependencies.run_steps), as the rebuilt value's own
        self._value = value

    def as_input(self) -> Tensor:
        """The variable's value after the assignment, as the input of an op: a deferred tensor of its shape."""
        return self._value

    def make_deferred(self, op: Callable, args: tuple, kwargs: dict, returns: str, inputs: list):
        """The deferred result of an op that reads this assignment: built on :meth:`as_input`."""
        replaced = {id(self): self._value}
        return deferred_result(op, substitute(args, replaced), substitute(kwargs, replaced), returns,
                               [replaced.get(id(node), node) for node in inputs])

    def _after(self, build) -> Tensor:
        """``build`` of the variable's value after the assignment: a deferred tensor (``update_total / steps``)."""
        return build(self._value)


def _value_after(assignment) -> Tensor:
    """The rebuilt assignment's value as an op's input (the variable read after it)."""
    return assignment.as_input()
