"""TF1's assignment op, which is also a tensor: ``Assignment`` (``tf.assign``'s result: running it sets the
variable and returns the new value; as an op's input it is the variable read after it) and ``ValueAfter`` (``f(z)``
of an assignment ``z``: the assignment first, then ``f`` of the new value)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .default_graph import unnamed
from .default_session import session_for
from .graph import OpHandle, Operation, Tensor, get_default_graph
from .stand_ins import stand_in_for
from .tensors import not_iterable

if TYPE_CHECKING:
    from .variables import Variable

__all__ = ["Assignment", "ValueAfter", "RefTensor"]


class RefTensor:
    """An operation that is also TF1's reference tensor of a variable (an assignment's output): named ``Assign:0``,
    printed ``Tensor("Assign:0", shape=(), dtype=float32_ref)``."""

    #: TF1's index of the tensor among its op's outputs (an assignment's value is its only one).
    value_index = 0
    tf1_kind = "Tensor"  # what a copy's refusal names (uncopyable.NotCopied)

    def __copy__(self):
        """The assignment itself: TF1's ``copy.copy`` of an assignment's tensor is a shallow copy of it."""
        return self

    @property
    def name(self) -> str:
        """The tensor's name, TF1's ``Assign:0``; the operation's is :attr:`op_name` (``Assign``, ``a.op.name``)."""
        return f"{self.op_name}:0"

    @name.setter
    def name(self, value: str) -> None:
        self.op_name = value

    def __str__(self) -> str:
        return f'Tensor("{self.name}", shape={self.shape}, dtype={self.dtype.name}_ref)'

    def __repr__(self) -> str:
        return f"<tf.Tensor '{self.name}' shape={self.shape} dtype={self.dtype.name}_ref>"

    @property
    def op(self) -> OpHandle:
        """TF1's ``a.op``: the assignment as an operation (``Assign``), which a run runs and fetches as ``None``."""
        handle = self.__dict__.get("_op")
        if handle is None:
            handle = self._op = OpHandle(self.op_name, self.type, self)
        return handle

    def eval(self, feed_dict=None, session=None):
        """Run the assignment in ``session`` or the default session and return the new value (TF1's
        ``W.assign(W + 1).eval()``)."""
        return session_for(session).run(self, feed_dict=feed_dict)

    def _after(self, build):
        """``build`` of the assigned value, computed after the assignment runs (Python's operators below)."""
        raise NotImplementedError

    def __add__(self, other): return self._after(lambda t: t + other)
    def __radd__(self, other): return self._after(lambda t: other + t)
    def __sub__(self, other): return self._after(lambda t: t - other)
    def __rsub__(self, other): return self._after(lambda t: other - t)
    def __mul__(self, other): return self._after(lambda t: t * other)
    def __rmul__(self, other): return self._after(lambda t: other * t)
    def __truediv__(self, other): return self._after(lambda t: t / other)
    def __rtruediv__(self, other): return self._after(lambda t: other / t)
    def __pow__(self, other): return self._after(lambda t: t ** other)
    def __rpow__(self, other): return self._after(lambda t: other ** t)
    def __floordiv__(self, other): return self._after(lambda t: t // other)
    def __rfloordiv__(self, other): return self._after(lambda t: other // t)
    def __mod__(self, other): return self._after(lambda t: t % other)
    def __rmod__(self, other): return self._after(lambda t: other % t)
    def __matmul__(self, other): return self._after(lambda t: t @ other)
    def __rmatmul__(self, other): return self._after(lambda t: other @ t)
    def __neg__(self): return self._after(lambda t: -t)
    def __abs__(self): return self._after(abs)
    # comparisons build TF1's ops (tf.greater, ...); == and != stay Python's identity, as TF1's tensors
    def __gt__(self, other): return self._after(lambda t: t > other)
    def __lt__(self, other): return self._after(lambda t: t < other)
    def __ge__(self, other): return self._after(lambda t: t >= other)
    def __le__(self, other): return self._after(lambda t: t <= other)
    def __and__(self, other): return self._after(lambda t: t & other)
    def __rand__(self, other): return self._after(lambda t: other & t)
    def __or__(self, other): return self._after(lambda t: t | other)
    def __ror__(self, other): return self._after(lambda t: other | t)
    def __xor__(self, other): return self._after(lambda t: t ^ other)
    def __rxor__(self, other): return self._after(lambda t: other ^ t)
    def __invert__(self): return self._after(lambda t: ~t)

    def __getitem__(self, index):
        """TF1's ``z[0, 1]`` of an assignment: the part of the value after it (the assignment runs first)."""
        return self._after(lambda t: t[index])

    def get_shape(self):
        """TF1's ``get_shape()``: the variable's static shape."""
        return self.shape

    def __iter__(self):
        """The parts of the value after the assignment along its first dimension (one run of the assignment each),
        as a tensor iterates; a scalar is TF1's ``TypeError``."""
        if not self.shape or self.shape.as_list()[0] is None:
            raise not_iterable(f"the assignment {self.name}", self.shape)
        return iter([self[i] for i in range(self.shape.as_list()[0])])


class Assignment(RefTensor, Operation):
    """TF1's ``assign`` op: running it sets the variable and returns the new value.  In TF1 it is also a tensor
    (``Tensor("Assign:0", shape=(), dtype=float32_ref)``), so Python's arithmetic operators take it: ``z + 1``
    is a :class:`ValueAfter` that runs the assignment first, as TF1 runs an op's inputs.  ``early``: ``(tensor,
    store)`` when the value it stores is computed from ``tensor`` (``store(session, value of tensor)`` completes it),
    which a run with several updates computes at its start."""

    early = None

    def __init__(self, name: str, run, ref: Variable, *, op_type: str | None = None, exact_name: bool = False):
        super().__init__(name, run, returns_value=True, type=op_type or name.rsplit("/", 1)[-1].split("_")[0],
                         exact_name=exact_name)
        self.shape, self.dtype = ref.shape, ref.dtype
        self.ref = ref
        self._stand_in = None
        self._input = None

    def as_input(self) -> Tensor:
        """The assignment as the input of an op (``w - 0.05 * update_v``, ``tf.sqrt(upd)``): the variable's value
        read after the assignment, which runs first in every run that computes it (TF1: the ``Assign`` op's output
        is the updated variable)."""
        if self._input is None:
            self._input = _after_assignment(self, self.ref.expr)
        return self._input

    @property
    def assignment(self) -> "Assignment":
        return self

    @property
    def stand_in(self) -> Tensor:
        """A placeholder for the assigned value inside the expressions built from it."""
        if self._stand_in is None:
            self._stand_in = stand_in_for(self, tuple(self.shape), "value", get_default_graph())
        return self._stand_in

    @property
    def value_tensor(self) -> Tensor:
        return self.stand_in

    def _after(self, build) -> "ValueAfter":
        return ValueAfter(self.assignment, build(self.value_tensor))


def _after_assignment(assignment: "Assignment", expr, needed: tuple = ()) -> Tensor:
    """A tensor of ``expr`` (which reads the assigned variable) computed after ``assignment`` runs (and the
    operations ``needed``)."""
    graph = get_default_graph()
    with unnamed():  # not one of the program's nodes: its name is the assignment's own
        tensor = Tensor(expr, tuple(assignment.shape), assignment.dtype, assignment.op_name, exact_name=True)
    tensor.run_first = tensor.reads_after = (assignment.assignment, *needed)  # reads their values: data
    graph.has_run_steps = True  # a run walks the control inputs (control_dependencies.run_steps)
    return tensor


class ValueAfter(Assignment):
    """``f(z)`` of an assignment ``z``: running it runs the assignment, then computes ``f`` of the new value
    (Python's arithmetic operators); as the input of another op it is ``f`` of the updated variable
    (:meth:`as_input`)."""

    def __init__(self, assignment: Assignment, tensor: Tensor):
        Operation.__init__(self, tensor.op_name, self._compute, returns_value=True, type=tensor.op.type,
                           exact_name=True)
        self.shape, self.dtype = tensor.shape, tensor.dtype
        self._assignment, self._tensor = assignment, tensor
        tensor.output_of = self  # graph.get_tensor_by_name("mul:0") is this node, not its computation alone

    def __str__(self) -> str:
        return str(self._tensor)

    def __repr__(self) -> str:
        return repr(self._tensor)

    @property
    def assignment(self) -> Assignment:
        return self._assignment

    def as_input(self) -> Tensor:
        """``f`` of the updated variable as the input of an op, computed after the assignment runs."""
        if self.__dict__.get("_input") is None:
            from .control_dependencies import run_steps
            stand_in = self._assignment.stand_in
            needed = tuple(node for kind, node in run_steps(self._tensor.graph, [self._tensor]) if kind == "run")
            expr = self._tensor.expr.xreplace({stand_in.expr: self._assignment.ref.expr})
            self._input = _after_assignment(self, expr, needed)  # what f reads runs first too: m / (1 - 0.9 ** t)
        return self._input

    @property
    def value_tensor(self) -> Tensor:
        return self._tensor

    def _compute(self, session, feed):
        value = np.asarray(self._assignment.execute(session, feed))
        bound = dict(feed)
        bound[self._assignment.stand_in.expr] = value.astype("float64") if not self.dtype.is_floating else value
        (result,) = session.evaluate([self._tensor], bound)
        return result
