"""The operations that set variables to their initial values: ``tf.global_variables_initializer()``,
``tf.local_variables_initializer()``, ``tf.variables_initializer(var_list)`` (and TF1's older name
``initialize_all_variables``)."""

from __future__ import annotations

from .graph import Operation, get_default_graph
from .variable_collections import local_variables

__all__ = ["global_variables_initializer", "variables_initializer", "local_variables_initializer",
           "initialize_all_variables"]


def _initialize(variables, train_steps=()):
    """Set ``variables`` to their initial values (a slot variable of ``opt.variables()`` to its own), and reset the
    optimizer state of the training operations ``train_steps``."""
    def run(session, feed):
        for variable in variables:
            reset = getattr(variable, "reset", None)  # an optimizer's SlotVariable
            if reset is not None:
                reset(session)
            else:
                session.assign(variable, variable.initial_value_in(session))
        for key in train_steps:
            session.optimizer_state.pop(key, None)
        session.initialized_steps.update(train_steps)
    return run


def global_variables_initializer() -> Operation:
    """An operation that sets every variable of the default graph to its initial value, and the optimizer slots
    of the training operations made before it (TF1's slot variables are global variables) to theirs."""
    graph = get_default_graph()
    return Operation("init", _initialize(list(graph.variables), list(graph.train_steps)))


def variables_initializer(var_list, name="init") -> Operation:
    return Operation(name, _initialize(list(var_list)))


def local_variables_initializer() -> Operation:
    """An operation that sets the default graph's local variables (``tf.metrics``' totals and counts) to their
    initial values; ``global_variables_initializer`` leaves them alone, as in TF1."""
    return Operation("init", _initialize(local_variables()))


def initialize_all_variables() -> Operation:
    """TF1's older name of :func:`global_variables_initializer`."""
    return global_variables_initializer()
