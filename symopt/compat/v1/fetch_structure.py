"""The structure of ``Session.run``'s fetches: nested lists, tuples, dicts and namedtuples flattened into their
leaves and rebuilt around the leaves' values; fetches by name resolved in the graph; fetches of another graph
refused."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .graph import Operation, Tensor

__all__ = ["flatten_fetches", "has_names", "map_fetches", "resolve_names", "rebuild_fetches", "check_graph"]


def flatten_fetches(fetches) -> list:
    """The leaves of ``fetches`` (tensors, operations, names, ``None``), in order."""
    if isinstance(fetches, Mapping):
        return [leaf for value in fetches.values() for leaf in flatten_fetches(value)]
    if isinstance(fetches, (list, tuple)):
        return [leaf for value in fetches for leaf in flatten_fetches(value)]
    return [fetches]


def has_names(fetches) -> bool:
    """Whether any leaf of ``fetches`` is a name (``"loss:0"``)."""
    if isinstance(fetches, str):
        return True
    if isinstance(fetches, Mapping):
        return any(has_names(v) for v in fetches.values())
    if isinstance(fetches, (list, tuple)):
        return any(has_names(v) for v in fetches)
    return False


def map_fetches(fetches, function):
    """``fetches``' structure (its own types, namedtuples included) with each leaf replaced by ``function`` of it."""
    if isinstance(fetches, Mapping):
        items = ((k, map_fetches(v, function)) for k, v in fetches.items())
        if isinstance(fetches, defaultdict):  # its factory first (TF1's _DictFetchMapper does the same)
            return type(fetches)(fetches.default_factory, items)
        return type(fetches)(items)
    if isinstance(fetches, tuple) and hasattr(fetches, "_fields"):
        return type(fetches)(*(map_fetches(v, function) for v in fetches))
    if isinstance(fetches, (list, tuple)):
        return type(fetches)(map_fetches(v, function) for v in fetches)
    return function(fetches)


def resolve_names(fetches, graph):
    """Fetches with names (``"loss:0"``, ``"train"``) replaced by the graph's tensors and operations."""
    return map_fetches(fetches, lambda leaf: _graph_element(graph, leaf) if isinstance(leaf, str) else leaf)


def _graph_element(graph, name: str):
    try:
        return graph.as_graph_element(name)
    except KeyError as error:  # TF1's Session.run: a ValueError
        raise ValueError(f"Fetch argument {name!r} cannot be interpreted as a Tensor. ({error.args[0]})") from None


def rebuild_fetches(fetches, values):
    """``fetches``' structure with each leaf replaced by the next of the iterator ``values``."""
    return map_fetches(fetches, lambda leaf: next(values))


def check_graph(graph, fetches) -> None:
    """TF1's ``ValueError`` for a fetch of another graph than the session's ``graph`` (a graph discarded by
    ``tf.reset_default_graph()``: a notebook cell run again), before anything runs."""
    for leaf in (fetches if isinstance(fetches, (list, tuple)) else [fetches]):
        owner = getattr(leaf, "graph", None)
        if isinstance(leaf, (Tensor, Operation)) and owner is not None and owner is not graph:
            raise ValueError(f"Fetch argument {leaf!r} cannot be interpreted as a Tensor. ({leaf} is not an "
                             "element of this graph: build the fetches in the session's graph, or make the "
                             "session after tf.reset_default_graph())")
