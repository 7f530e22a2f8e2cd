r"""Rebuilding a node over new arguments without changing the order its sum adds (or its product multiplies) in:
:func:`rebuilt_as_written`, :func:`sum_as_written`.

The printers write a scalar sum's terms (a product's factors) in the order of its arguments.  A pass that swaps a
node deep inside an expression (a shared prefix of a chain, one elementwise map for two equal ones) rebuilds every
node above it, and ``node.func(*new)`` re-sorts a scalar ``Add``'s or ``Mul``'s arguments by the new tree; the
program does the same when it rebuilds a sum over its temporaries (``t2`` sorts elsewhere than the term it names).
A sum of three or more terms then rounds in another order than the expression written: compile's value differed
from ``symopt.evaluate``'s in float32 (final44a F44a-2; the brief's map_sharing item).  Matrix sums and products
keep the order of their arguments.
"""

from __future__ import annotations

from sympy import Add, Mul

__all__ = ["rebuilt_in_order", "sum_as_written", "rebuilt_as_written"]


def _printed_order(node) -> list | None:
    """The positions of a scalar sum's (product's) arguments in SymPy's order of its terms, else None."""
    parts = node.as_ordered_terms() if isinstance(node, Add) else node.as_ordered_factors()
    try:
        return [node.args.index(part) for part in parts]
    except ValueError:
        return None


def rebuilt_in_order(node, arguments: list) -> tuple:
    """``node`` over new ``arguments`` in their order, and whether SymPy's order of its terms is still the old one
    (only the first two may swap: :math:`a + b = b + a` and :math:`ab = ba` bit for bit in IEEE 754)."""
    if type(node) not in (Add, Mul):
        return node.func(*arguments), True
    result = node._new_rawargs(*arguments)
    old, new = _printed_order(node), _printed_order(result)
    return result, None not in (old, new) and set(old[:2]) == set(new[:2]) and old[2:] == new[2:]


def sum_as_written(node: Add, arguments: list):
    """``node`` over ``arguments`` (one for each of its own, some of them now temporaries), adding them in that
    order: as SymPy rebuilds it where that keeps them as they are, else unevaluated in their order."""
    result = node.func(*arguments)
    if isinstance(result, Add) and len(result.args) == len(arguments) and \
            all(new is old for new, old in zip(result.args, arguments)):
        return result
    return node._new_rawargs(*arguments)


def rebuilt_as_written(node, arguments: list):
    """``node`` over ``arguments`` where one differs, in its order: a scalar sum by :func:`sum_as_written`, a
    scalar product that SymPy would order otherwise kept as it was (``node``: its arguments stay its own)."""
    if all(new is old for new, old in zip(arguments, node.args)):
        return node
    if isinstance(node, Add):
        return sum_as_written(node, arguments)
    result, same_order = rebuilt_in_order(node, arguments)
    return result if same_order else node
