"""SymPy expressions pickled and copied as they were built, unevaluated nodes included.

SymPy pickles a node as ``type(node)(*node.args)``, which evaluates it again: an unevaluated sum written in the order
float code should compute it, ``Add(1e16, w, -1e16, evaluate=False)``, comes back as ``w``, and a
:class:`~symopt.compiler.CompiledFunction` sent to a worker compiled other code (0.13 where the parent gave 0.04;
probe71 P71-8).  :func:`faithful` wraps an expression so that pickle and :mod:`copy` carry its DAG instead (each
distinct node once, children first, no recursion) and rebuild every node from its own arguments, a node of the
classes that evaluate on construction (:data:`EVALUATING`) with SymPy's evaluation off: an evaluated one, whose
arguments are already canonical, comes back equal, and an unevaluated one unchanged (``Max``, ``Not``, ``ITE`` too:
final44d F44d-3).  Other classes are rebuilt as SymPy's pickle rebuilds them (evaluation off would change some:
``Integral`` wraps its integrand in ``Mul(1, ...)``).  Each rebuilt node computes at once the assumptions a
derivative asks (SymPy caches them while it builds with evaluation on) when the expression is deeper than
:data:`WARM_ABOVE` levels, so that a deep cost's first gradient asks each node once instead of recursing through the
whole depth (F44d-6), and a wide, shallow cost computes none it never asks.
Symbols are leaves and pickle as themselves (a symopt Variable keeps its identity: :mod:`symopt.symbols`).
"""

from __future__ import annotations

import sympy
from sympy.core.parameters import evaluate

from .traversal import postorder

__all__ = ["EVALUATING", "WARMED", "WARM_ABOVE", "Faithful", "faithful", "rebuilt_expression"]

#: The node classes whose constructors evaluate (fold, flatten, reorder, call ``eval``) unless SymPy's evaluation is
#: off: sums, products, powers, applied functions (``sin``, ``Piecewise``, ``Max``/``Min``, boolean functions such as
#: ``Not``, ``And``, ``ITE``), relations.
EVALUATING = (sympy.Add, sympy.Mul, sympy.Pow, sympy.core.function.Application, sympy.core.operations.LatticeOp,
              sympy.core.relational.Relational)

#: The assumptions computed on the rebuilt expression nodes, children first, so that each costs one step.
WARMED = ("is_commutative", "is_extended_real", "is_complex", "is_infinite")

#: The nodes are warmed only where the expression's height (the longest path from it down to a leaf) is above
#: this: SymPy's recursion through a shallower one stays far inside Python's limit, and warming every node made
#: unpickling 3000 terms of height 5 take 5.8 s instead of 1 (``is_extended_real`` of ``log(1 + x**2*w**2)`` asks
#: for the sign of the sum, which nothing else asks).  A cold node's query may recurse through the whole depth
#: (``free_symbols`` is not cached), so a deep expression warms all of them.
WARM_ABOVE = 32


def _is_leaf(node) -> bool:
    return not isinstance(node, sympy.Basic) or not node.args or isinstance(node, (sympy.Symbol, sympy.MatrixSymbol))


def _children(node) -> tuple:
    return () if _is_leaf(node) else node.args


class Faithful:
    """An ``expression`` that pickles and copies as :func:`rebuilt_expression` of its DAG: what unpickling gives is the
    expression itself, not this wrapper."""

    def __init__(self, expression):
        self.expression = expression

    def __reduce__(self):
        nodes = postorder([self.expression], _children)  # the expression itself last
        position = {id(node): index for index, node in enumerate(nodes)}
        leaves = tuple(_is_leaf(node) for node in nodes)
        table = tuple(node if leaf else (type(node), tuple(position[id(a)] for a in node.args))
                      for node, leaf in zip(nodes, leaves))
        return rebuilt_expression, (table, leaves)


def faithful(expression) -> Faithful:
    """``expression`` wrapped to pickle as built: put it where a ``__reduce__`` would put the expression."""
    return Faithful(expression)


def rebuilt_expression(table: tuple, leaves: tuple):
    """The last node of ``table`` rebuilt: a leaf as it is, a node ``(class, argument positions)`` as
    ``class(*arguments)``, with SymPy's evaluation off for the classes of :data:`EVALUATING`, its :data:`WARMED`
    assumptions computed where the expression is deeper than :data:`WARM_ABOVE`."""
    heights = []
    for entry, leaf in zip(table, leaves):
        heights.append(0 if leaf else 1 + max(heights[k] for k in entry[1]))
    built, warm = [], heights[-1] > WARM_ABOVE
    for entry, leaf in zip(table, leaves):
        built.append(entry if leaf else _node(entry[0], [built[k] for k in entry[1]]))
        if warm and isinstance(built[-1], sympy.Expr):
            warm = _warmed(built[-1])
    return built[-1]


def _warmed(node) -> bool:
    try:
        for name in WARMED:
            getattr(node, name)
    except RecursionError:  # SymPy recurses anyway (``is_number`` is not cached): an unevaluated chain too deep
        return False  # for SymPy to reason about; leave the rest cold rather than retry at every level
    return True


def _node(cls: type, arguments: list):
    return _unevaluated(cls, arguments) if issubclass(cls, EVALUATING) else cls(*arguments)


def _unevaluated(cls: type, arguments: list):
    """``cls(*arguments)`` unevaluated: through the constructor's own ``evaluate`` argument where it takes one (SymPy's
    ``evaluate(False)`` switch clears every SymPy cache when it is set and again when it is reset), else under the
    switch."""
    try:
        node = cls(*arguments, evaluate=False)
    except TypeError:  # a constructor without the argument
        node = None
    if type(node) is cls and node.args == tuple(arguments):  # the children are the same objects: one step
        return node
    with evaluate(False):
        again = cls(*arguments)
    return again if type(again) is cls and again.args == tuple(arguments) or node is None else node
