"""TF1's operations: what ``Session.run`` executes for its effect (an assignment, a group, a training step), and
what running a ``tensor.op`` runs."""

from __future__ import annotations

import weakref

from typing import Any, Callable

from ...errors import UnsupportedOperationError
from .uncopyable import NotCopied
from .default_graph import NodeDef, get_default_graph
from .default_session import session_for
from .recording import inputs_of
from .tensors import OpHandle, Tensor

__all__ = ["Operation", "run_target"]


def run_target(item):
    """What running ``item`` runs: for a ``tensor.op`` (:class:`OpHandle`) its tensor, or the assignment of
    ``tf.assign(...).op``, or what the handle ``runs`` (a variable's ``v/Assign``); anything else as it is."""
    if isinstance(item, OpHandle):
        if item.runs is not None:  # a variable's own "v/Assign"
            return item.runs
        if not item.outputs:
            raise UnsupportedOperationError(f"running the operation {item.name!r} ({item.type}) by itself is not "
                                            "supported by symopt.compat.v1; run the tensor or operation that uses it")
        return item.outputs[0]
    return item


class Operation(NotCopied):
    """Something ``Session.run`` executes for its effect; fetching it returns ``None`` (an assignment returns
    the new value, as TF1's ``assign`` does)."""

    recipe = None
    deferred = False
    tf1_kind = "Operation"
    device = ""  # TF1's placement string (no tf.device: empty)
    run_first = ()  # what a run runs before this one (tf.control_dependencies)
    branches = ()  # ((pred, taken), ...): made inside tf.cond branches, it runs only where each is taken

    def __init__(self, name: str, run: Callable[[Any, dict], Any], returns_value: bool = False, type: str = "NoOp",  # noqa: A002
                 *, exact_name: bool = False):
        graph = get_default_graph()
        graph.check_not_finalized()
        self.name = name if exact_name else graph.unique_name(name)
        self.type = type
        self._run = run
        self.returns_value = returns_value
        self.graph = graph
        graph.operations.append(self)
        if graph.cond_stack:  # made inside tf.cond branch functions: runs only where each is taken
            self.branches = graph.cond_stack
        if not graph.rebuilding:
            graph.nodes.append(self)
            if graph.control_scope:  # inside tf.control_dependencies (control_dependencies.py)
                self.run_first = graph.control_scope
        elif graph.helper_scope:  # an intermediate op of an op made inside the block (default_graph.unnamed)
            self.run_first = graph.helper_scope

    @property
    def op(self) -> "Operation":
        return self

    def execute(self, session, feed: dict):
        """Run the operation's effect in ``session`` with ``feed`` by symbol (what ``Session.run`` does), unless it
        was made inside a ``tf.cond`` branch that this run does not take (then nothing, and ``None``).  Once per
        ``Session.run``, as TF1 runs each operation: a second call in the same run (two Python operators on one
        assignment, ``inc % 2`` and ``inc // 2``, each reading the value after it) returns the first's outcome
        (final39c F39c-1: the assignment ran once per operator)."""
        run = getattr(session, "run_number", None)
        ran = self.__dict__.get("_ran")
        if run is not None and ran is not None and ran[0]() is session and ran[1] == run:
            return ran[2]
        outcome = self._run(session, feed) if self.runs_in(session, feed) else None
        if run is not None:
            self._ran = (weakref.ref(session), run, outcome)
        return outcome

    def runs_in(self, session, feed: dict) -> bool:
        """Whether a run with ``feed`` (by symbol) takes every ``tf.cond`` branch this operation was made in
        (TF1 runs a branch's operations only when that branch is taken)."""
        return all(session.truth(pred, feed) == taken for pred, taken in self.branches)

    @property
    def outputs(self) -> list:
        """TF1's ``op.outputs``: an operation that returns a value (an assignment) is its own output; others none."""
        return [self] if self.returns_value else []

    def values(self) -> tuple:
        return tuple(self.outputs)

    @property
    def inputs(self) -> list:
        """TF1's ``op.inputs``: the tensors this operation was built from (none for a group or a no-op, whose
        operations are control inputs)."""
        return [i for i in inputs_of(*self.recipe[1:]) if isinstance(i, Tensor)] if self.recipe is not None else []

    @property
    def control_inputs(self) -> list:
        """TF1's ``op.control_inputs``: the operations a run runs before this one, each once, in order: the
        ``tf.control_dependencies`` block's, then a group's members or an initializer's variable assignments
        (``w/Assign``); a tensor's as its ``tensor.op``.  A training step lists only its block's (TF1 lists its
        update ops, which symopt does not make)."""
        items = getattr(self, "node_inputs", None)
        operations = [item if isinstance(item, OpHandle) else item.op
                      for item in (self.run_first if items is None else items)]
        return list({op.name: op for op in operations}.values())

    def adopt(self, original: "Operation") -> None:
        """A copy rebuilt for a run (a session specialising its fetches) keeps the original's ``tf.cond`` branches."""
        self.branches = original.branches

    def run(self, feed_dict=None, session=None):
        session_for(session, "run").run(self, feed_dict=feed_dict)

    def control_input_names(self) -> list:
        """TF1's ``^name`` inputs of a ``NoOp`` (a group, ``tf.no_op``): the ``tf.control_dependencies`` block's, then
        a group's members, in order, each once; a training step's then name what it reads (its loss and gradients,
        where TF1 names its update ops, which symopt does not make), so a drawn graph stays connected."""
        items = getattr(self, "node_inputs", None)
        items = [*(self.run_first if items is None else items),
                 *(i for i in (inputs_of(*self.recipe[1:]) if self.recipe is not None else []) if isinstance(i, Tensor))]
        return [f"^{name}" for name in dict.fromkeys(getattr(i, "op_name", None) or i.name for i in items)]

    def __repr__(self) -> str:
        return f"<tf.Operation '{self.name}' type={self.type}>"

    def __str__(self) -> str:
        """TF1's text of the op's NodeDef for a ``NoOp`` (``name: "group_deps"``, ``op: "NoOp"``, ``input: "^Assign"``);
        the repr for others, whose NodeDef attributes symopt does not keep."""
        if self.type != "NoOp":
            return repr(self)
        return str(NodeDef(self.name, self.type, self.control_input_names()))
