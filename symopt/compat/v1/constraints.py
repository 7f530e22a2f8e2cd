r"""``tf.Variable(..., constraint=f)`` / ``tf.get_variable(..., constraint=f)``: TF1's optimizers project a
variable after each update.

TF1's ``Optimizer.apply_gradients`` follows a dense update of a constrained variable ``v`` with
``v.assign(f(v))`` (``_RefVariableProcessor.update_op``): the step computes :math:`v' = \mathrm{update}(v, g)`,
then stores :math:`f(v')`.  The projection tensor ``f(v)`` is built once, when the training operation is made (as
TF1 builds its ops then), and evaluated after each step on the updated values.  TF1 refuses a constraint on a
variable whose gradient is sparse (read only through ``tf.gather``: ``RuntimeError``); symopt refuses, typed, a
constraint that reads a placeholder or another variable the same step trains (TF1 reads that one before or after
its own update, in no fixed order).
"""

from __future__ import annotations

import numpy as np

from ...compiler import free_inputs
from ...errors import UnsupportedOperationError
from .feeds import internal
from .graph import as_tensor, get_default_graph
from .sparse_updates import sparse_gradient


__all__ = ["projections", "projected"]


def projections(pairs: list, optimizer_name: str) -> tuple:
    """``((variable, f(variable)), ...)`` for the constrained variables of ``pairs`` (gradient, variable), built in
    the default graph under ``optimizer_name/update_<v>`` as TF1 names them; TF1's errors before anything runs."""
    constrained = [(g, v) for g, v in pairs if getattr(v, "constraint", None) is not None]
    if not constrained:
        return ()
    graph = get_default_graph()
    trained = {v.expr for _, v in pairs}
    found = []
    for gradient, variable in constrained:
        if sparse_gradient(graph, gradient, variable):
            raise RuntimeError("Cannot use a constraint function on a sparse variable.")
        with graph.name_scope(f"{optimizer_name}/update_{variable.op_name}"):
            projected = as_tensor(variable.constraint(variable), variable.dtype)
        if tuple(projected.shape) != tuple(variable.shape):
            ranks = (len(variable.shape), len(projected.shape))
            raise ValueError((f"Shapes must be equal rank, but are {ranks[0]} and {ranks[1]}" if ranks[0] != ranks[1]
                              else f"Shapes {tuple(variable.shape)} and {tuple(projected.shape)} are not compatible")
                             + f" (the constraint of {variable.op_name} must return a tensor of its shape)")
        for symbol in free_inputs([projected.expr]):
            if symbol in graph.placeholders or (symbol in trained and symbol != variable.expr):
                raise UnsupportedOperationError(
                    f"the constraint of {variable.op_name} reads {symbol}, which is a placeholder or a variable the "
                    "same step trains: symopt.compat.v1 projects a variable with a function of it (and of constants "
                    "or untrained variables) only; write the projection as a tf.assign run after the step")
        found.append((variable, projected))
    return tuple(found)


def projected(session, found: tuple, parameters: list, new_params: list) -> list:
    """``new_params`` (a step's new values of ``parameters``) with each constrained variable's projection ``f(v)``
    of its new value in its place (TF1's ``v.assign(v.constraint(v))``), so the step stores them with its other
    results at once (final46a 46a-7: an interrupt between the update and the projection left ``v`` outside)."""
    values = session.evaluate([tensor for _, tensor in found], dict(zip(parameters, new_params)))
    position = {symbol: index for index, symbol in enumerate(parameters)}
    new_params = list(new_params)
    for (variable, _), value in zip(found, values):
        new_params[position[variable.expr]] = internal(np.array(value, dtype=variable.dtype.name))
    return new_params
