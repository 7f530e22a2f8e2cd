"""TF1's ``v/Assign`` op of a variable or an optimizer slot: the one op ``v.initializer`` and
``graph.get_operation_by_name("v/Assign")`` give (``type`` ``Assign``, ``inputs`` ``[v, v/initial_value]``).

Running it sets ``v`` to its initial value, or, in a run that feeds the initial-value tensor, to the fed value:
Hands-On ML's ``restore_model_params`` keeps the best parameters in memory without a Saver that way, over
``tf.global_variables()``, optimizer slots included (``W/Adam/Assign``'s ``inputs[1]`` is
``W/Adam/Initializer/zeros:0``, ``beta1_power/Assign``'s ``beta1_power/initial_value:0``)::

    assign_ops = {n: graph.get_operation_by_name(n + "/Assign") for n in names}
    init_values = {n: op.inputs[1] for n, op in assign_ops.items()}
    sess.run(assign_ops, feed_dict={init_values[n]: best_params[n] for n in names})

The op that runs is recorded (recording.py): a run that feeds the initial value rebuilds it on the fed tensor.
The node (:class:`~symopt.compat.v1.variables.Variable` or
:class:`~symopt.compat.v1.optimizer_slots.SlotVariable`) provides ``initial_value`` (a tensor) and
``initialize(session, value=None)`` (its initial value when ``value`` is None).
"""

from __future__ import annotations

from .default_graph import unnamed
from .graph import OpHandle, Operation
from .initial_values import variables_read
from .read_snapshots import ref_behind
from .recording import recorded

__all__ = ["initializer_of", "initialize_from"]


def initializer_of(node) -> OpHandle:
    """The ``v/Assign`` op of ``node`` (a variable or a slot variable), made once: ``v.initializer is
    v.initializer``, as in TF1; building it takes no name of the program's (a finalized graph gives it too)."""
    handle = node.__dict__.get("_initializer")
    if handle is None:
        value = node.initial_value
        handle = OpHandle(f"{node.op_name}/Assign", "Assign", inputs=[node, value])
        with node.graph.as_default(), unnamed():
            handle.runs = _initialization(node, value)
        node._initializer = handle
    return handle


@recorded(returns="operation")
def _initialization(node, value) -> Operation:
    """What running ``node``'s ``v/Assign`` does: ``node`` set to ``value``'s value in the run (fed), or to its
    initial value as its initializer computes it (drawn anew, or read from other variables)."""
    def run(session, feed):
        initialize_from(session, feed, [node], [value])
    operation = Operation(f"{node.op_name}/Assign", run, type="Assign")
    operation.initializes = [node] if hasattr(node, "expr") else []  # a run feeding node is refused (feeding.py)
    operation.resets_slot = None if hasattr(node, "expr") else node  # an optimizer slot's (a fed one: refused)
    return operation


def initialize_from(session, feed: dict, nodes: list, values: list) -> None:
    """Set each of ``nodes`` (variables, slot variables) in ``session`` to its initial value, or, where ``values``
    holds a rebuilt initial-value tensor (a run that feeds it), to that tensor's value in the run (``feed`` by
    symbol); the fed ones are evaluated in one call, before any node is set.  A node rebuilt for a run that feeds
    its ``v/read:0`` is its variable again (:func:`~.read_snapshots.ref_behind`: an initializer takes the ref, review
    final42g F42g-10)."""
    nodes = [ref_behind(node) for node in nodes]
    fed = [i for i, (node, value) in enumerate(zip(nodes, values))
           if value is not None and value is not node.initial_value and _takes_feed(node)]
    arrays = dict(zip(fed, session.evaluate([values[i] for i in fed], feed))) if fed else {}
    for index, node in enumerate(nodes):
        node.initialize(session, arrays.get(index))


def _takes_feed(node) -> bool:
    """Whether ``node``'s initializer reads the run's feed (its initial value rebuilt on the fed tensors): only
    when its initial value reads no variable.  TF1 initializes a variable whose initial value reads
    one from a copy of that value's ops (each variable read guarded by ``IsVariableInitialized``), which no feed of
    the original ops reaches, ``v.initial_value`` itself included (review6 R6-1)."""
    return not variables_read(node.initial_value)
