"""What each thread has open while it builds in a TF1 graph (its scopes, control inputs, ``tf.cond`` branches), and
the ``Graph`` attributes that read it: one thread's blocks never reach the ops another builds."""

from __future__ import annotations

import threading

__all__ = ["BuildingState", "PerThread"]


class BuildingState(threading.local):
    """What one thread has open while it builds in a graph, its own as in TF1 (``Graph._thread_local``, the
    thread-local ``_VariableScopeStore``): its variable scopes (``scopes``, innermost last; ``root_scope``,
    ``variable_scope_counts``), name scopes, control inputs (``control_scope``), ``tf.cond`` branches (``cond_stack``)
    and rebuilds (``rebuilding``, ``helper_scope``): one thread's blocks never reach the ops another builds (P71-4, F44b-12)."""

    def __init__(self):
        self.scopes: list = []
        self.name_scopes: list[str] = []
        self.control_scope: tuple = ()
        self.cond_stack: tuple = ()  # ((pred, taken), ...): the tf.cond branch functions running, outermost first
        self.rebuilding = 0
        self.helper_scope: tuple = ()  # the control inputs of the op whose intermediate tensors are being built
        self.root_scope = None  # made by variable_scope.get_variable_scope on first use
        self.variable_scope_counts: dict = {}


class PerThread:
    """A ``Graph`` attribute each thread has its own value of, kept in the graph's :class:`BuildingState`."""

    def __set_name__(self, owner, name: str):
        self.name = name

    def __get__(self, graph, owner=None):
        return self if graph is None else getattr(graph.building, self.name)

    def __set__(self, graph, value):
        setattr(graph.building, self.name, value)
