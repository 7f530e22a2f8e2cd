"""Structure keys: one small integer per node, equal for nodes equal up to the order of terms in sums.

SymPy keeps ``W X + b·𝟙`` and ``b·𝟙 + W X`` (``Y∘Z`` and ``Z∘Y``) as different nodes; the derivation, the course's
lines and the ops graph match a named expression against the cost's nodes by these keys instead.
"""

from __future__ import annotations

from collections.abc import Callable

from sympy import Add, HadamardProduct, MatAdd
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from .step_nodes import is_constant, is_input, operands, post_order

__all__ = ["structure_key", "structure_keys"]


def structure_keys(root, children_of: Callable, table: dict | None = None) -> dict:
    """``{node: key}`` with equal keys for nodes equal up to the order of terms in sums (SymPy keeps
    ``W X + b·𝟙`` and ``b·𝟙 + W X``, ``Y∘Z`` and ``Z∘Y``, as different nodes, and re-sorts a sum when it composes σ
    and log).

    A key is a small integer from ``table`` (shared by calls whose keys are compared), so that comparing or
    hashing a key is one step, not a walk through nested tuples as deep as the expression."""
    table = {} if table is None else table
    keys: dict = {}
    for node in post_order(root, children_of):
        children = children_of(node)
        keys[node] = table.setdefault(_structure(node, children, [keys[child] for child in children]), len(table))
    return keys


def _structure(node, children: tuple, parts: list) -> tuple:
    """What makes ``node``'s key: its class, its operands' keys (a set for a sum) and its other arguments."""
    if not children:
        return ("leaf", node)
    operand_set = set(children)  # a set: a sum of n terms is not n² comparisons
    rest = tuple(argument for argument in node.args if argument not in operand_set)
    if isinstance(node, ElementwiseApplyFunction):
        rest = (node.function,)
    return (node.func, frozenset(parts) if isinstance(node, (Add, MatAdd, HadamardProduct)) else tuple(parts), rest)


def structure_key(expr, table: dict, memo: dict) -> int:
    """The key of ``expr`` (:func:`structure_keys`, inputs and constants as leaves) in ``table``.  ``memo``
    (``{id(node): (node, key)}``, shared by the calls) keeps each node's key by identity: keying every layer of a
    network walks it once, and never compares two deep nodes for equality (SymPy's ``==`` recurses)."""
    stack = [(expr, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in memo:
            continue
        children = () if is_input(node) or is_constant(node) else operands(node)
        if ready:
            parts = [memo[id(child)][1] for child in children]
            memo[id(node)] = (node, table.setdefault(_structure(node, children, parts), len(table)))
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children) if id(child) not in memo)
    return memo[id(expr)][1]
