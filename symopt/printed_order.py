r"""Rebuilding a node over new arguments without changing the order its sum adds (or its product multiplies) in:
:func:`rebuilt_in_order`.

A pass that swaps a node deep inside an expression (a shared prefix of a chain, one elementwise map for two equal
ones) rebuilds every node above it.  ``node.func(*new)`` re-sorts a scalar ``Add``'s or ``Mul``'s arguments by the
new tree, and the printer writes a scalar sum's terms in SymPy's order of them: a sum of three or more terms then
rounds in another order than the expression written, so compile's value differs from ``symopt.evaluate``'s in
float32 (final44a F44a-2).  Matrix sums and products print in the order of their arguments and keep it.

The program's temporaries do the same: a term of a scalar sum that the gradient reads too becomes a name, ``t2``,
and the sum of names sorts otherwise than the sum of the terms (compile's value and ``symopt.evaluate``'s, which
names other terms, added in other orders).  :func:`sum_as_written` rebuilds such a sum as a :class:`WrittenSum`,
printed in the order the sum's own terms print.
"""

from __future__ import annotations

from sympy import Add, Mul

__all__ = ["rebuilt_in_order", "WrittenSum", "sum_as_written", "tree_depths", "rebuilt_as_written",
           "SORTABLE_DEPTH"]

#: The deepest sum :func:`sum_as_written` keeps in order: SymPy sorts a sum's terms recursively, so a deeper one is
#: rebuilt as SymPy sorts it (its order may then change; a RecursionError would refuse the model).
SORTABLE_DEPTH = 40


class WrittenSum(Add):
    """A scalar sum added left to right in the order of its arguments (the printers' ``_print_WrittenSum``)."""


def _printed_order(node) -> list | None:
    """The positions of a scalar sum's (product's) arguments in the order the printer writes them, else None."""
    if isinstance(node, WrittenSum):
        return list(range(len(node.args)))
    parts = node.as_ordered_terms() if isinstance(node, Add) else node.as_ordered_factors()
    try:
        return [node.args.index(part) for part in parts]
    except ValueError:
        return None


def rebuilt_in_order(node, arguments: list) -> tuple:
    """``node`` over new ``arguments`` in their order, and whether it still prints them in its old order (only the
    first two may swap: :math:`a + b = b + a` and :math:`ab = ba` bit for bit in IEEE 754).  Where it does not, the
    caller keeps ``node`` as it was."""
    if isinstance(node, WrittenSum):
        return WrittenSum(*arguments, evaluate=False), True
    if type(node) not in (Add, Mul):
        return node.func(*arguments), True
    result = node._new_rawargs(*arguments)
    old, new = _printed_order(node), _printed_order(result)
    return result, None not in (old, new) and set(old[:2]) == set(new[:2]) and old[2:] == new[2:]


def tree_depths(order: list) -> dict:
    """``{id(node): depth}`` (0 for a leaf) of ``order``, nodes listed children first (a child not listed: 0)."""
    depths: dict = {}
    for node in order:
        depths[id(node)] = 1 + max((depths.get(id(a), 0) for a in node.args), default=-1)
    return depths


def sum_as_written(node: Add, arguments: list, depth: int):
    """``node`` (``depth`` levels deep) over ``arguments`` (one for each of its own, some of them now temporaries)
    adding its terms in the order ``node`` prints them: as SymPy rebuilds it where that keeps the order (or ``node``
    is deeper than :data:`SORTABLE_DEPTH`), else a :class:`WrittenSum`."""
    if isinstance(node, WrittenSum):
        return WrittenSum(*arguments, evaluate=False)
    if depth > SORTABLE_DEPTH:
        return node.func(*arguments)
    _, same_order = rebuilt_in_order(node, arguments)
    order = _printed_order(node)
    if same_order or order is None:
        return node.func(*arguments)
    return WrittenSum(*(arguments[index] for index in order), evaluate=False)


def rebuilt_as_written(node, arguments: list, depth: int):
    """``node`` over ``arguments`` where one differs, in its printed order: a scalar sum by :func:`sum_as_written`,
    a scalar product that would multiply in another order kept as it was (``node``: its arguments stay its own)."""
    if all(new is old for new, old in zip(arguments, node.args)):
        return node
    if isinstance(node, Add):
        return sum_as_written(node, arguments, depth)
    result, same_order = rebuilt_in_order(node, arguments)
    return result if same_order else node
