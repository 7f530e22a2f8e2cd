"""``Graph.as_graph_def()``'s ``GraphDef`` and its ``NodeDef`` ops, printed like TF1's text format."""

from __future__ import annotations

import textwrap
from typing import NamedTuple

__all__ = ["GraphDef", "NodeDef"]


class NodeDef(NamedTuple):
    """One op of a :class:`GraphDef`: its name, type and input names."""

    name: str
    op: str
    input: list

    def __str__(self) -> str:
        """TF1's text format of the node (``str(op)`` of a ``tf.group``: ``name: "group_deps"``, ``op: "NoOp"``,
        ``input: "^AssignAdd"``)."""
        return f'name: "{self.name}"\nop: "{self.op}"\n' + "".join(f'input: "{i}"\n' for i in self.input)


class GraphDef:
    """What ``Graph.as_graph_def()`` returns: the graph's ops in creation order (printed like TF1's text format)."""

    def __init__(self, node: list):
        self.node = node

    def __repr__(self) -> str:
        return "".join("node {\n" + textwrap.indent(str(n), "  ") + "}\n" for n in self.node)
