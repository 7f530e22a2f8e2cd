r"""SymPy's ``+``, ``-`` and unary ``-`` of matrix expressions, without a recursion through deep operands.

SymPy's operators build the node and call ``doit()``, which walks every operand below it and sorts the
terms by ``sort_key``, both recursively: ``hidden - Y`` on a 250-layer network overflowed the stack.
Operands at most :data:`CANONICAL_DEPTH` matrix nodes deep keep SymPy's canonical form (``A + A = 2A``,
``A - A = 0``, sorted terms); deeper ones are joined as written (:func:`symopt.nodes.matadd`,
:func:`symopt.nodes.scale`), in :math:`O(1)`.  Depths are found once per node and kept on it, like shapes
(:func:`matrix_depth`).
"""

from __future__ import annotations

from sympy import Expr, MatAdd, MatMul, S, sympify
from sympy.core.decorators import _sympifyit, call_highest_priority

from .nodes import matadd, scale, transpose
from .traversal import kept_bottom_up

__all__ = ["SHALLOW_OPERATORS", "CANONICAL_DEPTH", "CANONICAL_SIZE", "matrix_depth", "matrix_tree_size", "shallow_product"]

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


#: Operands whose tree (matrix nodes, a shared one counted on every path) is larger than this are not
#: canonicalized either: ``doit`` walks the tree, and a residual block ``h + f(h)`` doubles its paths.
CANONICAL_SIZE = 256

_SIZE_KEY = "_symopt_matrix_tree_size"


def matrix_tree_size(matrix) -> int:
    """The number of matrix nodes of ``matrix``'s tree (a shared node once per path), at most
    :data:`CANONICAL_SIZE` + 1: found bottom-up on the DAG, once per node, and kept on it."""
    return kept_bottom_up(matrix, _SIZE_KEY, _matrix_operands,
                          lambda node, sizes: min(CANONICAL_SIZE + 1, 1 + sum(sizes)))


def _deep(*operands) -> bool:
    return any(getattr(o, "is_Matrix", False) and (matrix_depth(o) > CANONICAL_DEPTH
                                                   or matrix_tree_size(o) > CANONICAL_SIZE) for o in operands)


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


def shallow_product(original):
    """``MatrixExpr.__mul__``/``__rmul__`` where a number or scalar times a deep (or large) operand is joined as
    written (:func:`symopt.nodes.scale`): ``2*h`` and ``h/2`` of a residual network ran ``doit`` over its tree."""
    def method(self, other):
        if not getattr(other, "is_Matrix", False) and isinstance(other, (int, float, Expr)) and _deep(self):
            return scale(sympify(other), self)
        return original(self, other)
    method.__name__, method.__doc__ = original.__name__, original.__doc__
    return method


def _transposed(self):
    """``A.T``: SymPy's (``Transpose.doit`` pushes the transpose into every term, down the tree), or for a deep
    (or large) operand :func:`symopt.nodes.transpose` of it as written."""
    return transpose(self) if _deep(self) else self.transpose()


#: ``MatrixExpr`` method name -> the version above.
SHALLOW_OPERATORS = {"__add__": _add, "__radd__": _radd, "__sub__": _sub, "__rsub__": _rsub, "__neg__": _neg,
                     "T": property(_transposed)}
