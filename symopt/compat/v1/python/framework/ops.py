"""Mirror of ``tensorflow.python.framework.ops`` (``ops.reset_default_graph()`` in course code)."""

from ...array_ops import convert_to_tensor
from ...graph import Graph, Operation, Tensor, get_default_graph, name_scope, reset_default_graph

__all__ = ["Graph", "Operation", "Tensor", "get_default_graph", "reset_default_graph", "name_scope",
           "convert_to_tensor"]
