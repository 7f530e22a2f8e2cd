r"""Assignments rewritten to write into an array that already exists, operation for operation (the same bits).

- :func:`in_place_lines`: an update of state overwrites it, ``W = W - R`` as ``W -= R``.
- :func:`fresh_product_lines`: elementwise operations on a new matrix product write into the product,
  ``t1 = relu(X @ W1 + b1)`` as ``t1 = X @ W1``, ``t1 += b1``, ``numpy.maximum(t1, 0, out=t1)``: one array
  allocated and filled, not three.
- :func:`overwrites_logits`: a softmax pair writes its log-softmax into the logits' array (``out=t1``) where the
  program made that array; :func:`may_view` tells where an array may share memory with an input.

Both read the printed Python source (:mod:`ast`): every operation and its operands stay as printed.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from sympy import HadamardProduct, MatAdd, MatMul, MatrixSlice, OneMatrix, Transpose
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from .nodes import Elementwise
from .softmax_pairs import SoftmaxPair

if TYPE_CHECKING:
    from .program import Program

__all__ = ["in_place_lines", "fresh_product_lines", "overwrites_logits", "may_view"]

#: Python operator -> its augmented assignment; addition and multiplication commute (bit for bit in IEEE 754).
_AUGMENTED = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/="}
_COMMUTATIVE = (ast.Add, ast.Mult)


def in_place_lines(target: str, text: str) -> list[str]:
    r"""``target = text`` as augmented assignments that overwrite ``target``'s array: ``W = W - R`` becomes
    ``W -= R``, ``a = a*mu + g`` becomes ``a *= mu`` then ``a += g``.  Every operation and its operands stay as
    printed, so the result is the same bits; an operand evaluated after ``target`` has changed never reads
    ``target``.  ``[f"{target} = {text}"]`` where the expression has no such form."""
    steps, node = [], ast.parse(text, mode="eval").body
    while isinstance(node, ast.BinOp) and type(node.op) in _AUGMENTED:
        for inner, operand in _sides(node):
            if _is_name(inner, target):
                steps.append((node.op, operand))
                return [f"{target} {_AUGMENTED[type(op)]} {ast.get_source_segment(text, operand)}"
                        for op, operand in reversed(steps)]
            if _reads(inner, target) and not _reads(operand, target):
                steps.append((node.op, operand))
                node = inner
                break
        else:
            break
    return [f"{target} = {text}"]


def fresh_product_lines(target: str, text: str, expr) -> list[str]:
    r"""``target = text`` (the printed ``expr``) computed in the array of a matrix product it starts from: NumPy's
    ``@`` returns a new array of the result's shape, so the elementwise operations after it write into that array
    instead of allocating one each.  ``expr`` may be

    - a sum or elementwise product of two matrices, one a true product :math:`AB` (no broadcasting ones) printed
      as an operand of the top-level ``+ - * /``: ``t1 = X @ W1 + b1`` becomes ``t1 = X @ W1``, ``t1 += b1``;
      ``t9 = (t8 @ W2.T)*(t1 > 0)`` becomes ``t9 = t8 @ W2.T``, ``t9 *= (t1 > 0)``;
    - a NumPy function of one of these (or of a product) that keeps its argument's floating dtype
      (:data:`SAME_DTYPE_FUNCTIONS`), the other arguments numbers: ``t1 = numpy.maximum((X @ W1 + b1), 0)``
      becomes ``t1 = X @ W1``, ``t1 += b1``, ``numpy.maximum(t1, 0, out=t1)``.

    Every operation and operand stays as printed: the same bits.  ``[f"{target} = {text}"]`` otherwise."""
    return _in_product(target, text, ast.parse(text, mode="eval").body, expr) or [f"{target} = {text}"]


#: NumPy functions whose result has their floating argument's dtype and shape (numbers for the other arguments).
SAME_DTYPE_FUNCTIONS = frozenset({"maximum", "minimum", "tanh", "exp", "expm1", "log1p", "sqrt", "square",
                                  "absolute", "negative", "sin", "cos"})


def _in_product(target: str, text: str, node, expr) -> list[str] | None:
    """The lines computing ``node`` (printed ``expr``) in the array of the product it starts from, or None."""
    segment = ast.get_source_segment
    if _is_product(node):
        return [f"{target} = {segment(text, node)}"] if _is_true_product(expr) else None
    if isinstance(expr, (MatAdd, HadamardProduct)) and len(expr.args) == 2 and isinstance(node, ast.BinOp) \
            and type(node.op) in _AUGMENTED:
        printed_products = [side for side in (node.left, node.right) if _is_product(side)]
        if not printed_products or len(printed_products) != sum(_is_true_product(a) for a in expr.args):
            return None  # a printed product may be a broadcast one: not of expr's shape
        for product, operand in _sides(node):
            if _is_product(product):
                other = segment(text, operand)
                if isinstance(operand, (ast.Compare, ast.BoolOp, ast.IfExp)):
                    other = f"({other})"
                return [f"{target} = {segment(text, product)}", f"{target} {_AUGMENTED[type(node.op)]} {other}"]
        return None
    if isinstance(expr, Elementwise) and _is_numpy_call(node):
        argument, *numbers = node.args
        if all(isinstance(n, ast.Constant) for n in numbers):
            inner = _in_product(target, text, argument, expr.expr)
            if inner:
                rest = "".join(f", {segment(text, n)}" for n in numbers)
                return inner + [f"{segment(text, node.func)}({target}{rest}, out={target})"]
    return None


def _is_numpy_call(node) -> bool:
    return isinstance(node, ast.Call) and not node.keywords and node.args \
        and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
        and node.func.value.id == "numpy" and node.func.attr in SAME_DTYPE_FUNCTIONS


def _sides(node: ast.BinOp) -> list[tuple]:
    """``(inner, operand)`` pairs: ``(left, right)``, and ``(right, left)`` where the operation commutes."""
    return [(node.left, node.right)] + ([(node.right, node.left)] if isinstance(node.op, _COMMUTATIVE) else [])


def _is_product(node) -> bool:
    """``A @ B``, or ``transposed_matmul(A, D)`` (:func:`symopt.runtime.transposed_matmul`): a new array either way."""
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult) or isinstance(node, ast.Call) and \
        isinstance(node.func, ast.Name) and node.func.id == "transposed_matmul"


def _is_true_product(expr) -> bool:
    """A product of matrices only: no scalar coefficient, no all-ones factor (which prints as broadcasting)."""
    return isinstance(expr, MatMul) and all(getattr(f, "is_Matrix", False) and not isinstance(f, OneMatrix)
                                            for f in expr.args)


def _is_name(node, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _reads(node, name: str) -> bool:
    return any(_is_name(each, name) for each in ast.walk(node))


def overwrites_logits(expr, last: tuple, program: Program) -> bool:
    """Whether ``expr`` is a :class:`~symopt.softmax_pairs.SoftmaxPair` of a temporary read for the last time
    there (``last``), whose array the program's own arithmetic made (:func:`makes_new_array`) and which shares no
    memory with an input (:func:`may_view`): the log-softmax is then written into the logits' array
    (``out=t1``), one batch x classes array fewer."""
    if not isinstance(expr, SoftmaxPair) or expr.args[0] not in last:
        return False
    logits = dict(program.assignments).get(expr.args[0])
    return makes_new_array(logits) and not may_view(expr.args[0], set(program.inputs), program)


def makes_new_array(expr) -> bool:
    """Whether printed ``expr`` returns a new writable array: a sum, an elementwise product or function, or a
    matrix product without a broadcasting ones factor (``numpy.broadcast_to`` returns a read-only view, whatever
    it broadcasts: probe 45d-4)."""
    if isinstance(expr, MatMul):
        return not any(isinstance(factor, OneMatrix) for factor in expr.args)
    return isinstance(expr, (MatAdd, HadamardProduct, ElementwiseApplyFunction))


def may_view(expr, sources: set, program: Program) -> bool:
    """True when the printed ``expr`` may share memory with one of ``sources`` (input symbols): it is one, or a
    transpose, slice or broadcast (a product with an all-ones matrix) of one, directly or through temporaries."""
    temporaries, pending = dict(program.assignments), [expr]
    while pending:
        node = pending.pop()
        if node in sources:
            return True
        if node in temporaries:
            pending.append(temporaries[node])
        elif isinstance(node, (Transpose, MatrixSlice)):
            pending.append(node.args[0])
        elif isinstance(node, MatMul) and any(isinstance(f, OneMatrix) for f in node.args):
            pending.extend(node.args)
    return False
