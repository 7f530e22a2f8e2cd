"""Placeholders that take a tensor's place in the expressions built from it (a session's fed value, a probe of a
deferred input for shape inference, an assignment's value): named after the tensor, outside the program's series of
names, and none of the graph's ops."""

from __future__ import annotations

from ...symbols import Placeholder as CorePlaceholder
from .program_dtypes import symbol_dtype
from .tensors import Tensor

__all__ = ["stand_in_for"]


def stand_in_for(tensor: Tensor, shape: tuple, role: str, graph=None) -> Tensor:
    """A placeholder of ``shape`` and ``tensor``'s dtype named ``<tensor's op name>/<role>`` in ``graph`` (default:
    the tensor's), as a tensor of the tensor's op name that ``Graph.get_operations`` does not list."""
    graph = tensor.graph if graph is None else graph
    graph.rebuilding += 1  # a name outside the program's series; not one of the program's nodes
    try:
        symbol = CorePlaceholder(graph.unique_name(f"{tensor.op_name}/{role}", scoped=False), shape=shape,
                                 dtype=symbol_dtype(tensor.dtype))
        with graph.as_default():  # the tensor's graph, also from a session not entered with `with` (g-probe G4)
            return Tensor(symbol, shape, tensor.dtype, tensor.op_name, exact_name=True)
    finally:
        graph.rebuilding -= 1
