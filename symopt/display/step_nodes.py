r"""What the displays read in a node of a cost: whether it is an input (a leaf a value is bound to) or a constant,
its operands (the arguments that carry values, in the order the course reads them), the node rebuilt from new
operands, its depth, and a post-order walk over equal nodes once."""

from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy import Add, MatrixSymbol, Mul, OneMatrix
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from ..nodes import lambda_parts
from ..traversal import kept_bottom_up
from .ordering import factor_rank, ordered_terms

__all__ = ["is_input", "is_constant", "operands", "ORDER_DEPTH", "tree_depth", "rebuild", "post_order"]


def is_input(node) -> bool:
    """Inputs are the leaves a value is bound to: symbols, matrix symbols and matrix entries."""
    return isinstance(node, (sympy.Symbol, MatrixSymbol)) or (
        isinstance(node, MatrixElement) and isinstance(node.parent, MatrixSymbol))


def is_constant(node) -> bool:
    return node.is_Atom or isinstance(node, (OneMatrix, sympy.Identity, sympy.ZeroMatrix)) or node.is_number


def operands(node) -> tuple:
    """The arguments of ``node`` that carry values (not the function of an elementwise map, not an axis); of an
    elementwise map, its matrix and the symbols its function reads besides its bound variable (``w`` of
    ``(X - w)²``, the slope ``a`` of ``leaky_relu(Z, a)``): inputs of the step like the matrix."""
    if isinstance(node, ElementwiseApplyFunction):
        bound, body = lambda_parts(node.function)
        return (node.expr, *sorted(body.free_symbols - {bound}, key=str))
    if type(node).__name__ == "LogSumExp":
        return (node.args[0],)
    if isinstance(node, (Add, Mul)) and tree_depth(node, ORDER_DEPTH) > ORDER_DEPTH:
        return tuple(sorted(node.args, key=factor_rank)) if isinstance(node, Mul) else node.args
    if isinstance(node, Add):
        return tuple(ordered_terms(node))
    if isinstance(node, Mul):
        return tuple(sorted(node.as_ordered_factors(), key=factor_rank))
    return node.args


#: Deeper sums and products keep SymPy's argument order: SymPy's ordering recurses through the whole depth.
ORDER_DEPTH = 40


def tree_depth(expr, cap: int) -> int:
    """The depth of ``expr`` (a leaf has depth 1), never beyond ``cap`` (+1): found bottom-up once per node of the
    DAG and kept in the node (a shared subexpression is visited once; a walk of the tree doubled with every
    level of ``sin(e) + cos(e)``)."""
    return kept_bottom_up(expr, f"_symopt_depth_{cap}", lambda node: node.args,
                          lambda node, below: min(cap + 1, 1 + max(below, default=0)))


def rebuild(node, arguments: list):
    """``node`` with new operands; a number times a sum stays unevaluated (``3(a + u)``)."""
    if isinstance(node, ElementwiseApplyFunction):
        return type(node)(node.function, arguments[0])
    if type(node).__name__ == "LogSumExp":
        return type(node)(arguments[0], node.args[1])
    if isinstance(node, Mul):
        numbers = [a for a in arguments if a.is_Number]
        others = [a for a in arguments if not a.is_Number]
        if len(numbers) == 1 and len(others) == 1 and others[0].is_Add:
            return Mul(numbers[0], others[0], evaluate=False)
    return node.func(*arguments)


def post_order(root, children_of: Callable) -> list:
    """Nodes of ``root`` in depth-first post-order (children left to right first), each once; iterative."""
    order, done, stack = [], set(), [(root, False)]
    while stack:
        node, ready = stack.pop()
        if node in done:
            continue
        if ready:
            done.add(node)
            order.append(node)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children_of(node)) if child not in done)
    return order
