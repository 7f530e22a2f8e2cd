r"""Walking expression DAGs without recursion, each node once.

SymPy shares subexpressions, so an expression nested :math:`n` deep can be a tree of
:math:`2^n` nodes but a DAG of :math:`O(n)`; ``preorder_traversal`` walks the tree and
recursion runs out of stack at a few hundred levels.  :func:`unique_nodes` walks the
DAG with an explicit stack, keyed on object identity (no deep hashing or equality).
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import Callable, Iterable

import sympy

__all__ = ["COMMUTING_PAIRS", "unique_nodes", "contains", "holds_kind", "nodes_of_type", "postorder", "hash_bottom_up", "hash_new_nodes", "kept_bottom_up", "free_symbols", "arguments", "substitute", "intern", "sharing_rebuilt_nodes", "shared_table", "is_small"]


def arguments(node) -> tuple:
    """The SymPy arguments of ``node`` (nothing for non-SymPy values)."""
    return node.args if isinstance(node, sympy.Basic) else ()


def unique_nodes(roots: Iterable, children: Callable = arguments) -> list:
    """Every node reachable from ``roots``, each distinct object once, parents before their children."""
    seen: set[int] = set()
    order = []
    stack = list(roots)[::-1]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        stack.extend(reversed(children(node)))
    return order


def contains(expression, *targets) -> bool:
    """SymPy's ``expression.has(*targets)`` (a target is a class, or a node compared by equality) walking the DAG
    once: ``has`` walks the tree, :math:`2^n` nodes for a DAG of :math:`O(n)`."""
    types = tuple(target for target in targets if isinstance(target, type))
    nodes = [target for target in targets if not isinstance(target, type)]
    return any(isinstance(node, types) or any(node == target for target in nodes)
               for node in unique_nodes([expression]))


def holds_kind(expression, kind: type) -> bool:
    """Whether a node of class ``kind`` is in ``expression``, kept in each node that holds attributes (functions,
    ``Piecewise``, matrix nodes; SymPy's Add, Mul and Pow are walked again: :func:`kept_bottom_up`): asking
    again of an expression built on this one visits only the new nodes (a loop of conds asks at every cond)."""
    return kept_bottom_up(expression, f"_symopt_holds_{kind.__module__}.{kind.__qualname__}", arguments,
                          lambda node, below: isinstance(node, kind) or any(below))


def nodes_of_type(expression, *types) -> set:
    """SymPy's ``expression.atoms(*types)`` (for node classes such as ``MatrixSymbol``) walking the DAG once."""
    return {node for node in unique_nodes([expression]) if isinstance(node, types)}


def postorder(roots: Iterable, children: Callable = arguments) -> list:
    """Every node reachable from ``roots``, each distinct object once, children before their parents."""
    done: set[int] = set()
    order = []
    stack = [(root, False) for root in reversed(list(roots))]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            if id(node) not in done:
                done.add(id(node))
                order.append(node)
            continue
        if id(node) in done:
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children(node)) if id(child) not in done)
    return order


#: The key of a table of interned nodes (:func:`substitute`'s ``interned``) under which it keeps the nodes met
#: already, each with its interned object (``canonical`` of :func:`intern`): a later substitution through the same
#: table walks only what is new, not again each mapped value it meets (a loop of conds puts one adjoint into many).
_MET = "nodes met"
#: The key under which such a table keeps the depth of each node met (:func:`_depth`).
_DEPTHS = "depths met"

#: Sums and products whose arguments are at most this deep are rebuilt evaluated (canonical, cheap to compare).
SHALLOW_DEPTH = 8


def substitute(expressions: list, mapping: dict, interned: dict | None = None) -> list:
    """``[e.xreplace(mapping) for e in expressions]`` over the shared DAG, each node rebuilt once, children first.

    A sum or product whose new arguments are deeper than :data:`SHALLOW_DEPTH` is rebuilt unevaluated:
    evaluating it would sort its terms by comparing deep subexpressions, a cost that grows with their depth.

    Only the nodes a substitution reached are rebuilt (an unchanged node is kept, never re-evaluated: SymPy's
    ``Piecewise.eval`` recursed on one); what is rebuilt is hash-consed (:func:`intern`): structurally equal rebuilt
    nodes are one object, and a node is rebuilt only for arguments not met before.  A ``Lambda``'s body is left as it
    is (what it binds is SymPy's to rename).  A table ``interned`` shared by several calls (the TF1 layer keeps one per
    graph) makes their equal results one object too: differentiating a loss again returns the first
    differentiation's nodes.  Distinct equal copies made every later dictionary or cache lookup that met both compare
    them as trees, exponential in the depth of an unrolled integrator (probe43 P43-2)."""
    if not mapping:
        return list(expressions)
    interned = {} if interned is None else interned
    canonical = interned.setdefault(_MET, {})  # id -> (node, its interned object), kept with the table: see intern
    built: dict[int, sympy.Basic] = {}
    depths = interned.setdefault(_DEPTHS, {})  # id -> (node, depth), kept with the table as the nodes met are
    depth = {id(value): _depth(value, depths) for value in mapping.values()}
    moved: set[int] = set()  # the nodes a substitution reached: only they are rebuilt (rebuilding an
    below = lambda node: () if node in mapping else _children_for_symbols(node)  # noqa: E731 (what is replaced
    for node in postorder(expressions, below):  # is not walked; an unchanged Piecewise re-evaluates it, which recursed)
        if node in mapping:
            built[id(node)] = intern(mapping[node], interned, canonical)
            depth[id(node)] = depth[id(mapping[node])]
            moved.add(id(node))
            continue
        args = _children_for_symbols(node)
        depth[id(node)] = 1 + max((depth.get(id(arg), 0) for arg in args), default=-1)
        if not any(id(arg) in moved for arg in args):
            built[id(node)] = intern(node, interned, canonical)
            continue
        moved.add(id(node))  # (a Lambda has no children here: what it binds is SymPy's to rename)
        new_args = tuple(built[id(arg)] if id(arg) in built else intern(arg, interned, canonical) for arg in args)
        shallow = not (isinstance(node, (sympy.Add, sympy.Mul)) and depth[id(node)] > SHALLOW_DEPTH)
        key = ("rebuilt", node.func, shallow, tuple(map(id, new_args)))  # the arguments are interned: kept alive
        if key not in interned:  # setdefault: an entry is never replaced (its object's id may be part of a key)
            interned.setdefault(key, node.func(*new_args) if shallow else node.func(*new_args, evaluate=False))
        built[id(node)] = intern(interned[key], interned, canonical)
    return [built.get(id(expression), expression) for expression in expressions]


#: Nodes whose two operands commute bit for bit (IEEE 754's ``a + b == b + a``, ``a*b == b*a``): :func:`intern` gives
#: both orders one key.  (Three or more terms are summed left to right: another order rounds differently.)
COMMUTING_PAIRS = (sympy.MatAdd, sympy.HadamardProduct)


def intern(expression, interned: dict, canonical: dict):
    """The one object of ``interned`` structurally equal to ``expression`` (``expression`` itself where it is the first).

    Hash-consing, children first: a node's key is its class with its hashable content, each SymPy part replaced by
    the id of its interned object (kept alive by the table), so no two nodes are ever compared as trees; a leaf (no
    arguments) is its own key; a sum or elementwise product of two (:data:`COMMUTING_PAIRS`) has one key for both orders.  ``canonical`` (``id -> (node, interned object)``, holding the node so that its id
    names it while the table is kept) remembers the nodes met in this pass, so each is keyed once."""
    if not isinstance(expression, sympy.Basic):
        return expression
    if id(expression) in canonical:
        return canonical[id(expression)][1]
    for node in postorder([expression], lambda node: () if id(node) in canonical else arguments(node)):
        if id(node) in canonical:
            continue
        if node.args:
            key = (type(node), _interned_parts(node._hashable_content(), canonical))
            if isinstance(node, COMMUTING_PAIRS) and len(node.args) == 2 and all(type(p) is int for p in key[1]):
                key = (type(node), tuple(sorted(key[1])))  # b + a is a + b: one node, computed once (P72-5)
        else:
            key = (type(node), node)
        canonical[id(node)] = (node, interned.setdefault(key, node))
    return canonical[id(expression)][1]


def _interned_parts(parts: tuple, canonical: dict) -> tuple:
    """``parts`` with each node met already replaced by the id of its interned object (inside tuples too: an explicit
    matrix's entries)."""
    return tuple(id(canonical[id(part)][1]) if id(part) in canonical else
                 _interned_parts(part, canonical) if type(part) is tuple else part for part in parts)


def is_small(expression, limit: int = 16) -> bool:
    """Whether ``expression`` has at most ``limit`` nodes (counted as a tree; stops counting past ``limit``)."""
    stack, count = [expression], 0
    while stack:
        count += 1
        if count > limit:
            return False
        stack.extend(arguments(stack.pop()))
    return True


def _depth(expression, known: dict) -> int:
    """The depth of ``expression`` (0 for a leaf); ``known`` (``id -> (node, depth)``, holding each node so that its
    id names it) keeps every node met, so the adjoint put into each branch of a loop of conds is walked once, not once
    per cond (SymPy's Add, Mul and Pow hold no attribute of ours: final40c F40c-12)."""
    for node in postorder([expression], lambda node: () if id(node) in known else _children_for_symbols(node)):
        if id(node) not in known:
            known[id(node)] = (node, 1 + max((known[id(child)][1] for child in _children_for_symbols(node)),
                                             default=-1))
    return known[id(expression)][1]


def hash_bottom_up(nodes: list) -> None:
    """Hash ``nodes`` (children first, as :func:`postorder` lists them), so that every later hash of a
    deep expression is one step, not a recursion through all its descendants (SymPy caches hashes)."""
    for node in nodes:
        hash(node)


def kept_bottom_up(root, key: str, operands: Callable, combine: Callable):
    """``combine(node, values of operands(node))`` for ``root``, without recursion; each node's value is found
    once and kept in the node's ``__dict__`` under ``key`` (a value that depends only on the node's
    structure, such as its shape), so asking a new node on top of a deep one visits only the new nodes."""
    found: dict = {}
    stack = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in found:
            continue
        value = getattr(node, "__dict__", {}).get(key)
        if value is None:
            below = operands(node)
            if below and not ready:
                stack.append((node, True))
                stack.extend((operand, False) for operand in below)
                continue
            value = combine(node, tuple(found[id(operand)] for operand in below))
            if hasattr(node, "__dict__"):
                node.__dict__[key] = value
        found[id(node)] = value
    return found[id(root)]


def hash_new_nodes(root) -> None:
    """Hash ``root`` and the nodes below it that have no hash yet, children first, without recursion.

    Stops at nodes already hashed (SymPy keeps a node's hash once computed), so hashing each new layer of a
    deep network visits that layer only."""
    stack = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if getattr(node, "_mhash", 0) is not None:  # hashed already, or not a SymPy node
            continue
        if ready:
            hash(node)
            continue
        stack.append((node, True))
        stack.extend((argument, False) for argument in node.args)


def free_symbols(expressions: Iterable) -> set:
    """The free symbols and matrix symbols of ``expressions``, found by :func:`unique_nodes` (no recursion
    through the expression; only a binding construct such as a ``Lambda`` body asks SymPy directly)."""
    found = set()
    for node in unique_nodes(expressions, _children_for_symbols):
        if isinstance(node, (sympy.Symbol, sympy.MatrixSymbol)):
            found.add(node)
        elif isinstance(node, sympy.Basic) and node.args and getattr(node, "bound_symbols", None):
            found |= node.free_symbols
    return found


def _children_for_symbols(node) -> tuple:
    if not isinstance(node, sympy.Basic) or isinstance(node, (sympy.Symbol, sympy.MatrixSymbol)):
        return ()
    if getattr(node, "bound_symbols", None):
        return ()
    return node.args


#: The table of rebuilt nodes that :func:`symopt.calculus.adjoints` shares with earlier sweeps in the current
#: context (``None``: a table of its own), set with :func:`sharing_rebuilt_nodes`.
_INTERNED_NODES: ContextVar = ContextVar("_INTERNED_NODES", default=None)


@contextlib.contextmanager
def sharing_rebuilt_nodes(table: dict):
    """Inside the block, :func:`symopt.calculus.adjoints` puts its results together from ``table`` (see
    :func:`substitute`): differentiating the same cost again returns the same node objects, never
    structurally equal copies, which every later lookup that meets both would compare as trees (exponential in the
    depth of an unrolled loop: probe43 P43-2).  The TF1 layer keeps one table per graph."""
    token = _INTERNED_NODES.set(table)
    try:
        yield
    finally:
        _INTERNED_NODES.reset(token)


def shared_table() -> dict:
    """The table :func:`sharing_rebuilt_nodes` set in this context, else a new one."""
    table = _INTERNED_NODES.get()
    return {} if table is None else table
