"""The operations that set variables to their initial values: ``tf.global_variables_initializer()``,
``tf.local_variables_initializer()``, ``tf.variables_initializer(var_list)`` (and TF1's older name
``initialize_all_variables``)."""

from __future__ import annotations

from .graph import Operation, get_default_graph
from .initializer_ops import initialize_from
from .variable_collections import local_variables

__all__ = ["global_variables_initializer", "variables_initializer", "local_variables_initializer",
           "initialize_all_variables"]


class Initializer(Operation):
    """An operation that sets ``variables`` to their initial values (a slot variable of ``opt.variables()`` to its
    own) and resets the optimizer state of the training operations ``train_steps``.  A run that feeds a variable's
    initial value (``{W.initial_value: [9., 9.]}``) sets the fed value, as TF1 (probe15 Y7): the run rebuilds it from
    :attr:`control_recipe` with the fed tensors, which only a rebuild reads."""

    def __init__(self, name: str, variables: list, train_steps=(), values=None):
        self.variables, self.train_steps = list(variables), list(train_steps)
        self.values = values  # the initial-value tensors of a rebuilt copy (None: every variable's own)
        super().__init__(name, self._run, exact_name=values is not None)
        assignments = [v.initializer for v in self.variables if hasattr(v, "initializer")]  # TF1's w/Assign ops
        self.node_inputs = (*self.run_first, *assignments)  # (op.control_inputs, print(init))

    @property
    def initializes(self) -> list:
        """The variables it sets (a run that feeds one of them is TF1's ``InvalidArgumentError``: feeding.py)."""
        return [v for v in self.variables if hasattr(v, "expr")]

    @property
    def control_recipe(self) -> tuple:
        """What recording.rebuild replays: the same variables with their initial-value tensors (made now)."""
        return (Initializer, (self.name, self.variables, self.train_steps, [v.initial_value for v in self.variables]),
                {})

    def _run(self, session, feed) -> None:
        initialize_from(session, feed, self.variables, self.values or [None] * len(self.variables))
        for key in self.train_steps:
            session.optimizer_state.pop(key, None)
            session.started_states.pop(key, None)
            for slot in getattr(key, "shared_slots", ()):  # the beta powers, also in a later minimize's state of
                slot.reset(session)  # the same optimizer object (final46a2 46a2-1: its bias correction went on)
        session.initialized_steps.update(self.train_steps)


def global_variables_initializer() -> Operation:
    """An operation that sets every variable of the default graph to its initial value, and the optimizer slots
    of the training operations made before it (TF1's slot variables are global variables) to theirs."""
    graph = get_default_graph()
    return Initializer("init", graph.variables, graph.train_steps)


def variables_initializer(var_list, name="init") -> Operation:
    return Initializer(name, var_list)


def local_variables_initializer() -> Operation:
    """An operation that sets the default graph's local variables (``tf.metrics``' totals and counts) to their
    initial values; ``global_variables_initializer`` leaves them alone, as in TF1."""
    return Initializer("init", local_variables())


def initialize_all_variables() -> Operation:
    """TF1's older name of :func:`global_variables_initializer`."""
    return global_variables_initializer()
