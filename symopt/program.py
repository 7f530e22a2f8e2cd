r"""The frozen intermediate form between calculus and code: a straight-line program.

``Program(inputs, sizes, assignments, outputs)`` reads: given the ``inputs``,
bind each size symbol (the batch size :math:`m`) from an input's shape, run the
``assignments`` in order, return the ``outputs``.  Every later stage (printing,
compiling, display of common subexpressions) is a pure function of it.

Scalar programs are reduced by ``sympy.cse``.  Matrix programs get one temporary
per node of the expression DAG used more than once (nodes are shared by
structural equality, so forward values are reused by the backward pass).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import sympy
from sympy import Identity, MatrixSymbol, OneMatrix, ZeroMatrix
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from .symbols import BATCH, is_matrix

__all__ = ["Program", "build_program", "Assignment"]

Assignment = tuple[sympy.Basic, sympy.Basic]


@dataclass(frozen=True)
class Program:
    """Inputs, size bindings ``(size_symbol, input_index, axis)``, assignments, outputs."""

    inputs: tuple
    sizes: tuple
    assignments: tuple
    outputs: tuple

    @property
    def is_scalar(self) -> bool:
        """True when no value in the program is a matrix (inputs may still be indexed arrays)."""
        return not any(is_matrix(e) for _, e in self.assignments) and not any(is_matrix(e) for e in self.outputs)

    def operation_counts(self) -> dict[str, int]:
        """How many nodes of each class the assignments and outputs hold."""
        counts: dict[str, int] = {}
        for expr in [e for _, e in self.assignments] + list(self.outputs):
            for node in sympy.preorder_traversal(expr):
                if node.args and not isinstance(node, (MatrixSymbol, sympy.Lambda, sympy.Tuple)):
                    name = type(node).__name__
                    counts[name] = counts.get(name, 0) + 1
        return counts


def _size_bindings(inputs: Sequence, expressions: Sequence) -> tuple:
    """Bind every dimension symbol used (the batch size) to the first input that has it."""
    needed = set()
    for expr in expressions:
        needed |= {s for s in expr.free_symbols if s == BATCH}
        for node in sympy.preorder_traversal(expr):
            if is_matrix(node):
                needed |= {d for d in node.shape if isinstance(d, sympy.Symbol)}
    bindings = []
    for size in sorted(needed, key=str):
        for index, symbol in enumerate(inputs):
            if is_matrix(symbol) and size in symbol.shape:
                bindings.append((size, index, list(symbol.shape).index(size)))
                break
    return tuple(bindings)


def _has_matrix(expressions) -> bool:
    for expr in expressions:
        for node in sympy.preorder_traversal(expr):
            if is_matrix(node) and not isinstance(node, MatrixSymbol):
                return True
    return False


def build_program(outputs: Sequence[sympy.Basic], inputs: Sequence[sympy.Basic]) -> Program:
    """Reduce ``outputs`` to a straight-line :class:`Program` over ``inputs``."""
    outputs = [sympy.sympify(o) for o in outputs]
    if _has_matrix(outputs):
        assignments, reduced = _matrix_ssa(outputs)
    else:
        assignments, reduced = sympy.cse(outputs, symbols=sympy.numbered_symbols("t"), order="none")
    expressions = [e for _, e in assignments] + list(reduced)
    return Program(tuple(inputs), _size_bindings(inputs, expressions), tuple(assignments), tuple(reduced))


_LEAVES = (MatrixSymbol, OneMatrix, ZeroMatrix, Identity, sympy.Lambda)


def _operands(node) -> tuple:
    if isinstance(node, ElementwiseApplyFunction):
        return (node.expr,)
    if isinstance(node, MatrixElement):
        return ()
    if isinstance(node, _LEAVES) or isinstance(node, sympy.Atom):
        return ()
    return tuple(a for a in node.args if isinstance(a, sympy.Basic))


def _matrix_ssa(outputs: list) -> tuple[list, list]:
    uses: dict = {}
    order: list = []
    stack = [(o, False) for o in reversed(outputs)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        uses[node] = uses.get(node, 0) + 1
        if uses[node] > 1:
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_operands(node)))
    names = sympy.numbered_symbols("t")
    replaced: dict = {}
    assignments = []
    for node in order:
        operands = _operands(node)
        if operands:
            rebuilt = node.xreplace({o: replaced[o] for o in operands if o in replaced}) \
                if any(o in replaced for o in operands) else node
        else:
            rebuilt = node
        gets_name = operands and uses[node] > 1 and not _is_cheap(node)
        if gets_name:
            name = next(names)
            temp = MatrixSymbol(name.name, *node.shape) if is_matrix(node) else sympy.Symbol(name.name, real=True)
            assignments.append((temp, rebuilt))
            replaced[node] = temp
        elif rebuilt is not node:
            replaced[node] = rebuilt
    return assignments, [replaced.get(o, o) for o in outputs]


def _is_cheap(node) -> bool:
    """Transposes of names are free views: print them inline."""
    return isinstance(node, sympy.Transpose) and isinstance(node.arg, MatrixSymbol)
