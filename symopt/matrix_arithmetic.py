r"""SymPy's ``+``, ``-`` and unary ``-`` of matrix expressions, without a recursion through deep operands.

SymPy's operators build the node and call ``doit()``, which walks every operand below it and sorts the
terms by ``sort_key``, both recursively: ``hidden - Y`` on a 250-layer network overflowed the stack.
Operands at most :data:`CANONICAL_DEPTH` matrix nodes deep keep SymPy's canonical form (``A + A = 2A``,
``A - A = 0``, sorted terms); deeper ones are joined as written (:func:`symopt.nodes.matadd`,
:func:`symopt.nodes.scale`), in :math:`O(1)`.  Depths are found once per node and kept on it, like shapes
(:func:`matrix_depth`).
"""

from __future__ import annotations

from sympy import MatAdd, MatMul, S
from sympy.core.decorators import _sympifyit, call_highest_priority

from .nodes import matadd, scale
from .traversal import kept_bottom_up

__all__ = ["SHALLOW_OPERATORS", "CANONICAL_DEPTH", "matrix_depth"]

#: Operands deeper than this (matrix nodes) are not canonicalized by SymPy's recursive ``doit``.
CANONICAL_DEPTH = 64

_DEPTH_KEY = "_symopt_matrix_depth"


def _matrix_operands(node) -> tuple:
    return tuple(a for a in node.args if getattr(a, "is_Matrix", False))


def matrix_depth(matrix) -> int:
    """The number of matrix nodes on the longest path down from ``matrix`` (a leaf has depth 1), each node's
    depth found once from its operands' and kept on the node; iterative."""
    return kept_bottom_up(matrix, _DEPTH_KEY, _matrix_operands, _one_deeper)


def _one_deeper(node, depths: tuple) -> int:
    return 1 + max(depths, default=0)


def _deep(*operands) -> bool:
    return any(getattr(o, "is_Matrix", False) and matrix_depth(o) > CANONICAL_DEPTH for o in operands)


def _sum(left, right):
    return matadd(left, right) if _deep(left, right) else MatAdd(left, right).doit()


def _neg(self):
    return scale(S.NegativeOne, self) if _deep(self) else MatMul(S.NegativeOne, self).doit()


@_sympifyit("other", NotImplemented)
@call_highest_priority("__radd__")
def _add(self, other):
    return _sum(self, other)


@_sympifyit("other", NotImplemented)
@call_highest_priority("__add__")
def _radd(self, other):
    return _sum(other, self)


@_sympifyit("other", NotImplemented)
@call_highest_priority("__rsub__")
def _sub(self, other):
    return _sum(self, _neg(other))


@_sympifyit("other", NotImplemented)
@call_highest_priority("__sub__")
def _rsub(self, other):
    return _sum(other, _neg(self))


#: ``MatrixExpr`` method name -> the version above.
SHALLOW_OPERATORS = {"__add__": _add, "__radd__": _radd, "__sub__": _sub, "__rsub__": _rsub, "__neg__": _neg}
