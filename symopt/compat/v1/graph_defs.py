"""``Graph.as_graph_def()``'s ``GraphDef`` and its ``NodeDef`` ops, printed like TF1's text format."""

from __future__ import annotations

import textwrap
from typing import NamedTuple

from .errors import UnsupportedNameError

__all__ = ["GraphDef", "NodeDef", "PROTOBUF_NAMES"]

#: The protobuf message members of TF1's ``GraphDef`` / ``NodeDef`` that symopt's have not (probe84 P84-5, final47e
#: 47e-3: HOML's ``strip_consts`` calls ``n.MergeFrom``, reads ``n.attr``).
PROTOBUF_NAMES = frozenset({
    "attr", "device", "experimental_debug_info", "experimental_type", "library", "versions", "version",
    "SerializeToString", "SerializePartialToString", "ParseFromString", "MergeFromString", "MergeFrom", "CopyFrom",
    "ByteSize", "HasField", "ClearField", "ListFields", "WhichOneof", "Clear", "IsInitialized",
    "FindInitializationErrors", "DiscardUnknownFields", "SetInParent", "DESCRIPTOR"})


class NodeDef(NamedTuple):
    """One op of a :class:`GraphDef`: its name, type and input names."""

    name: str
    op: str
    input: list

    def __str__(self) -> str:
        """TF1's text format of the node (``str(op)`` of a ``tf.group``: ``name: "group_deps"``, ``op: "NoOp"``,
        ``input: "^AssignAdd"``)."""
        return f'name: "{self.name}"\nop: "{self.op}"\n' + "".join(f'input: "{i}"\n' for i in self.input)

    def __getattr__(self, name: str):
        """TF1's protobuf fields and methods (``n.attr['value'].tensor``, ``n.device``, ``n.MergeFrom``) are not
        kept: a typed error, also an ``AttributeError``; any other name, Python's AttributeError."""
        raise _not_kept(f"NodeDef.{name} (of {self.name!r})") if name in PROTOBUF_NAMES else AttributeError(
            f"'NodeDef' object has no attribute {name!r}")


class GraphDef:
    """What ``Graph.as_graph_def()`` returns: the graph's ops in creation order (printed like TF1's text format)."""

    def __init__(self, node: list):
        self.node = node

    def __repr__(self) -> str:
        return "".join("node {\n" + textwrap.indent(str(n), "  ") + "}\n" for n in self.node)

    def __getattr__(self, name: str):
        """TF1's protobuf methods (``SerializeToString``, ``MergeFrom``, ``ByteSize``...): a typed error that is
        also an ``AttributeError`` (``hasattr`` stays usable)."""
        if name not in PROTOBUF_NAMES:  # a typo (gd.nodes): Python's own error (final47e 47e-3)
            raise AttributeError(f"'GraphDef' object has no attribute {name!r}")
        raise _not_kept(f"GraphDef.{name}")


def _not_kept(what: str) -> UnsupportedNameError:
    """The error for a part of TF1's protobuf ``GraphDef`` that symopt's does not have (probe84 P84-5: HOML's
    ``show_graph`` / ``strip_consts``)."""
    return UnsupportedNameError(
        f"{what} is not supported by symopt.compat.v1: its as_graph_def() is no protobuf, only each op's name, type "
        "and inputs (gd.node: NodeDef(name, op, input)), with no attributes, constant values or serialized bytes; "
        "read n.name, n.op and n.input, or print str(gd) for TF1's text format")
