r"""The adjoint rules of arithmetic and matrix nodes, one per node class, in :data:`ARITHMETIC_RULES`.

Each rule maps a node and its adjoint :math:`\bar v` to ``[(child, contribution), ...]``, the terms
:math:`\bar v\, \partial v / \partial u` that :func:`symopt.calculus.adjoints` adds to each child's adjoint:
scalar ``Add``, ``Mul``, ``Pow``; matrix ``MatMul`` (:math:`\bar A = \bar Y B^\top`, :math:`\bar B = A^\top \bar Y`),
``MatAdd``, ``MatPow``, ``Transpose``, ``HadamardProduct``, ``HadamardPower``, ``MatrixElement``, ``MatrixSlice``,
``Trace``, ``Determinant``, an explicit matrix, and symopt's ``ElementSum`` and ``LogSumExp``.  The rules of
functions and elementwise maps, which differentiate a body, are in :mod:`symopt.calculus` with the sweep.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Callable

import sympy
from sympy import (Add, HadamardPower, HadamardProduct, Identity, MatAdd, MatMul, MatPow, MatrixSlice, Mul, OneMatrix,
                   Pow, Trace, Transpose)
from sympy.matrices.expressions.matexpr import MatrixElement

from .errors import ShapeError, UnsupportedOperationError
from .functions import log_where_nonzero
from .safe_slopes import inverse_hypot, one_minus_square
from .nodes import ElementSum, LogSumExp, divisions, elementwise, hadamard, matadd, matmul, power, scale, transpose
from .symbols import is_matrix
from .traversal import free_symbols, is_small

__all__ = ["ARITHMETIC_RULES", "CODE_RULES", "CODE_SLOPES", "Contribution", "times", "power_exponent_slope"]

Contribution = tuple[sympy.Basic, sympy.Basic]


# ---------------------------------------------------------------- scalar rules

def times(adjoint, local):
    """``adjoint * local``; a product of large factors is kept as one unflattened product: SymPy would otherwise
    sort and merge the factors of every adjoint it builds, comparing subexpressions at a cost that grows with
    their depth.  Small products are evaluated, so ``w * (1/w)`` still cancels to 1."""
    if adjoint == 1:
        return local
    if adjoint.is_Number or local.is_Number or (is_small(adjoint) and is_small(local)):
        return adjoint * local
    return Mul(adjoint, local, evaluate=False)


def _add_rule(node, adjoint):
    return [(term, adjoint) for term in node.args]


def _mul_rule(node, adjoint):
    factors = node.args
    return [(factor, times(adjoint, Mul(*(factors[:i] + factors[i + 1:])))) for i, factor in enumerate(factors)]


def _pow_rule(node, adjoint):
    """SymPy's own rule, so that :func:`symopt.grad` equals ``sympy.diff`` (review11 R11-9); generated code takes
    :data:`CODE_RULES`' instead.  A base of 0 has :func:`power_exponent_slope`, never SymPy's ``0**w*zoo``."""
    base, exponent = node.args
    return [(base, adjoint * exponent * base ** (exponent - 1)),
            (exponent, adjoint * power_exponent_slope(node, sympy.log(base)))]


def _guarded_pow_rule(node, adjoint):
    r""":func:`_pow_rule` for generated code: the factor :math:`\log x` of :math:`\partial_p x^p` is 0 where
    :math:`x^p` is (:class:`~symopt.functions.log_where_nonzero`), as :math:`\partial_p 0^p` is: a power law on
    scalar data with an :math:`x = 0` (review11 R11-3)."""
    base, exponent = node.args
    return [(base, adjoint * exponent * base ** (exponent - 1)),
            (exponent, adjoint * power_exponent_slope(node, log_where_nonzero(base, exponent)))]


def power_exponent_slope(node, log_base):
    r""":math:`\partial_p b^p = b^p \log b`; for the number :math:`b = 0` (probe60 P60-10: SymPy's
    :math:`0^p \cdot \tilde\infty`), the numbers the generated code computes: 0 where :math:`p > 0` (:math:`0^p \equiv 0`
    there; mpmath and TF1's ``Pow`` gradient agree) and :math:`-\infty` elsewhere (at :math:`p = 0`, the slope from the
    right of the jump :math:`0^0 = 1`)."""
    base, exponent = node.args
    if base.is_Number and base.is_zero:
        return sympy.Piecewise((0, exponent > 0), (-sympy.oo, True))
    return node * log_base


def _element_sum_rule(node, adjoint):
    return [(node.matrix, scale(adjoint, OneMatrix(*node.matrix.shape)))]


def _matrix_element_rule(node, adjoint):
    matrix, row, col = node.args
    try:
        rows, cols = int(matrix.shape[0]), int(matrix.shape[1])
    except TypeError as error:
        raise ShapeError(f"indexing {matrix} needs a fixed shape to differentiate; given {matrix.shape}") from error
    if rows == cols == 1:  # the entry of a 1 x 1 product (xᵀAx)[0, 0]: its adjoint is the 1 x 1 identity times Ȳ
        return [(matrix, scale(adjoint, Identity(1)))]
    entries = sympy.zeros(rows, cols)
    entries[int(row), int(col)] = adjoint
    return [(matrix, sympy.ImmutableMatrix(entries))]


# ---------------------------------------------------------------- matrix rules

def _matadd_rule(node, adjoint):
    return [(term, adjoint) for term in node.args]


def _matmul_rule(node, adjoint):
    coefficient, matrices = node.as_coeff_matrices()
    contributions = []
    for i, factor in enumerate(matrices):
        left = [transpose(matmul(*matrices[:i]))] if i else []
        right = [transpose(matmul(*matrices[i + 1:]))] if i + 1 < len(matrices) else []
        contributions.append((factor, scale(coefficient, matmul(*left, adjoint, *right))))
    if coefficient != 1:
        contributions.append((coefficient, ElementSum(hadamard(adjoint, matmul(*matrices)))))
    return contributions


def _transpose_rule(node, adjoint):
    return [(node.arg, transpose(adjoint))]


def _hadamard_product_rule(node, adjoint):
    r""":math:`\bar A_i = \bar Y \circ \prod_{j \ne i} A_j`.  A quotient's reciprocal factor :math:`B^{\circ -1}`
    beside a numerator :math:`A` sends :math:`B` its adjoint directly, as TF1's RealDiv gradient ``g*((-a/b)/b)``:
    :math:`-(A/B/B) \circ \bar Y \circ \ldots`, the numerator divided first, so that :math:`\bar Y \circ A` (a
    large upstream factor times a large numerator, ``a/b*c`` at 1e20 in float32) never forms."""
    factors = node.args
    numerator = next((factor for factor in factors if not divisions(factor)), None)
    contributions = []
    for i, factor in enumerate(factors):
        others = list(factors[:i] + factors[i + 1:])
        if numerator is not None and divisions(factor) == 1:
            others.remove(numerator)
            quotient = hadamard(numerator, power(factor.base, -2))
            contributions.append((factor.base, scale(-1, hadamard(quotient, adjoint, *others))))
        else:
            contributions.append((factor, hadamard(adjoint, *others)))
    return contributions


def _hadamard_power_rule(node, adjoint):
    r""":math:`\bar A = \bar Y \circ p A^{\circ(p-1)}`; a symbolic exponent :math:`p` gets
    :math:`\bar p = \sum \bar Y \circ Y \circ \log A`; a scalar base (SymPy's elementwise ``2**A``,
    :math:`Y = b^{\circ A}`) gives :math:`\bar A = \bar Y \circ Y \log b` (and a symbolic :math:`b`,
    :math:`\bar b = \sum \bar Y \circ Y \circ A / b`).

    A reciprocal :math:`A^{\circ -1}` gets :math:`\bar A = -(\bar Y \circ A^{\circ -2})` with the sign outside,
    printed ``-(Ȳ/A/A)``: dividing twice, as TF1's RealDiv gradient does, where :math:`A \circ A` overflows float32
    above about 1.8e19 and vanishes below about 1e-19.  (The reciprocal inside a quotient :math:`N \circ A^{\circ -1}`
    is differentiated by the product rule, numerator first.)"""
    base, exponent = node.args
    if is_matrix(exponent) and is_matrix(base):  # entry by entry (ops.power(B, E)): Ē = Ȳ∘Y∘log B (probe85 P85-3)
        return _entrywise_power_contributions(node, adjoint)
    if is_matrix(exponent):
        contributions = [(exponent, scale(sympy.log(base), hadamard(adjoint, node)))]
        if _has_free_symbols(base):
            contributions.append((base, ElementSum(hadamard(adjoint, node, exponent)) / base))  # Σ Ȳ∘A∘b^(A-1)
        return contributions
    if exponent == -1:  # a quotient's denominator: -(Ȳ∘A^(-2)), printed -(Ȳ/A/A), dividing twice (see above)
        contributions = [(base, scale(-1, hadamard(adjoint, power(base, -2))))]
    else:
        contributions = [(base, hadamard(adjoint, scale(exponent, power(base, exponent - 1))))]
    if _has_free_symbols(exponent):
        contributions.append((exponent, ElementSum(hadamard(adjoint, node, _log_where_nonzero(base, exponent)))))
    return contributions


def _entrywise_power_contributions(node, adjoint):
    r""":math:`Y = B^{\circ E}` with a matrix exponent of the base's shape: :math:`\bar B = \bar Y \circ E \circ
    B^{\circ (E - 1)}`, :math:`\bar E = \bar Y \circ Y \circ \log B` (each where it has free symbols)."""
    base, exponent = node.args
    contributions = []
    if _has_free_symbols(base):
        lowered = matadd(exponent, scale(-1, OneMatrix(*base.shape)))
        contributions.append((base, hadamard(adjoint, exponent, power(base, lowered))))
    if _has_free_symbols(exponent):
        # log B as 0 where B is 0 (there Y = 0 for E > 0, and ∂_E 0^E = 0, as the scalar exponent's rule has it)
        contributions.append((exponent, hadamard(adjoint, node, _log_where_nonzero(base, 1))))
    return contributions


def _log_where_nonzero(base, exponent):
    r""":math:`\log A` entry by entry, 0 where :math:`A^{\circ p}` is 0 (:class:`~symopt.functions.log_where_nonzero`):
    the term :math:`Y \circ \log A` of :math:`\bar p` is then 0 where :math:`Y = 0^p = 0`, as :math:`\partial_p 0^p`
    is (probe21 P21-10)."""
    return elementwise(lambda a: log_where_nonzero(a, exponent), base)


def _matpow_rule(node, adjoint):
    r"""Matrix power :math:`S^n` (SymPy writes ``S @ S`` as ``S**2``):
    :math:`\bar S = \sum_{k=0}^{n-1} (S^\top)^k \bar Y (S^\top)^{n-1-k}`; the inverse :math:`Y = S^{-1}`:
    :math:`\bar S = -Y^\top \bar Y Y^\top`."""
    base, exponent = node.args
    if tuple(base.shape) == (1, 1):  # a 1 x 1 matrix power is the power of its entry (sqrt of r @ q)
        return _hadamard_power_rule(node, adjoint)
    if exponent == -1:  # the inverse (SymPy's Inverse is this power): dY = -Y dS Y, so S̄ = -Yᵀ Ȳ Yᵀ
        turned = transpose(node)
        return [(base, scale(-1, matmul(turned, adjoint, turned)))]
    if not (exponent.is_Integer and exponent > 0):
        raise UnsupportedOperationError(_power_refusal(node, base, exponent))
    turned = transpose(base)
    count = int(exponent)
    return [(base, matadd(*(matmul(*[turned] * k, adjoint, *[turned] * (count - 1 - k)) for k in range(count))))]


def _power_refusal(node, base, exponent) -> str:
    """The refusal of a matrix power with no rule, with the form that computes it: a negative integer power
    (SymPy folds ``S.I @ S.I`` and ``Inverse(S)**2`` into ``S**(-2)``) is the inverse of the positive power
    (``Inverse(S @ S)``), whose rule exists (probe73 P73-4: the advice was S @ S, which is S², not S⁻²)."""
    if exponent.is_Integer and exponent < -1:
        factor = str(base) if isinstance(base, sympy.MatrixSymbol) else f"({base})"  # never 3*I + A @ 3*I + A (P85-2)
        product = " @ ".join([factor] * int(-exponent))
        inverses = ", ".join([f"sympy.Inverse({base})"] * int(-exponent))
        return (f"no derivative rule for the matrix power {node}: expected the inverse (exponent -1) or a positive "
                f"integer exponent, given {exponent} (SymPy writes S.I @ S.I and Inverse(S)**2 so). Write the inverse "
                f"of the product, sympy.Inverse({product}), or the product of inverses as "
                f"symopt.ops.matmul({inverses}); use symopt.ops.power(S, p) for an elementwise power.")
    return (f"no derivative rule for the matrix power {node}: expected a positive integer exponent, given "
            f"{exponent}. Write the product out (S @ S), or use symopt.ops.power(S, p) for an elementwise power.")


def _logsumexp_rule(node, adjoint):
    matrix = node.matrix
    rows, cols = matrix.shape
    if node.axis == 0:
        spread, spread_lse = matmul(OneMatrix(rows, 1), adjoint), matmul(OneMatrix(rows, 1), node)
    else:
        spread, spread_lse = matmul(adjoint, OneMatrix(1, cols)), matmul(node, OneMatrix(1, cols))
    softmax = elementwise(sympy.exp, matadd(matrix, scale(-1, spread_lse)))
    return [(matrix, hadamard(spread, softmax))]


def _determinant_rule(node, adjoint):
    r"""Jacobi's formula: :math:`y = \det A`, :math:`\bar A = \bar y\, y\, A^{-\top}`."""
    matrix = node.arg
    return [(matrix, scale(adjoint * node, transpose(MatPow(matrix, -1))))]


def _trace_rule(node, adjoint):
    return [(node.arg, scale(adjoint, Identity(node.arg.shape[0])))]


def _matrix_slice_rule(node, adjoint):
    r"""``A[r0:r1:rs, c0:c1:cs]``: :math:`\bar A = R^\top \bar Y C^\top` with :math:`R = I[r0:r1:rs, :]` and
    :math:`C = I[:, c0:c1:cs]`, the adjoint scattered into the picked entries (an axis taken whole needs none)."""
    parent, rows, cols = node.args
    n_rows, n_cols = map(sympy.sympify, parent.shape)
    picks_rows, picks_cols = tuple(rows) != (0, n_rows, 1), tuple(cols) != (0, n_cols, 1)
    if (picks_rows and not n_rows.is_Integer) or (picks_cols and not n_cols.is_Integer):
        raise UnsupportedOperationError(
            f"no derivative through the slice {node}: it picks part of an axis of size "
            f"{n_rows if picks_rows else n_cols}, which is not a number (the batch size). Slice the columns, or "
            "slice the data before binding it.")
    left = [transpose(Identity(n_rows)[slice(*rows), :])] if picks_rows else []
    right = [transpose(Identity(n_cols)[:, slice(*cols)])] if picks_cols else []
    return [(parent, matmul(*left, adjoint, *right))]


def _explicit_matrix_rule(node, adjoint):
    r"""An explicit matrix of scalar expressions (``sympy.Matrix([[cos(θ), -sin(θ)], [sin(θ), cos(θ)]])``):
    entry :math:`(i, j)` receives :math:`\bar Y_{ij}`."""
    rows, cols = node.shape
    return [(node[i, j], MatrixElement(adjoint, i, j))  # unevaluated: SymPy would expand a product's entry as a Sum
            for i in range(rows) for j in range(cols) if _has_free_symbols(node[i, j])]


def _has_free_symbols(expression) -> bool:
    """Whether ``expression`` reads a symbol, walking its DAG once (:func:`~symopt.traversal.free_symbols`): SymPy's
    ``.free_symbols`` walks it as a tree, and the entries of ``tf.stack`` over an unrolled integrator's states share
    their subexpressions, :math:`3^n` tree nodes for a DAG of :math:`O(n)` (probe43 P43-1)."""
    return not expression.is_Number and bool(free_symbols([expression]))


#: The adjoint rules of arithmetic and matrix nodes: ``rule(node, adjoint) -> [(child, contribution), ...]``.
ARITHMETIC_RULES: dict[type, Callable[[Any, Any], list[Contribution]]] = {
    Add: _add_rule,
    Mul: _mul_rule,
    Pow: _pow_rule,
    ElementSum: _element_sum_rule,
    MatrixElement: _matrix_element_rule,
    MatAdd: _matadd_rule,
    MatMul: _matmul_rule,
    Transpose: _transpose_rule,
    HadamardProduct: _hadamard_product_rule,
    HadamardPower: _hadamard_power_rule,
    MatPow: _matpow_rule,
    sympy.ImmutableDenseMatrix: _explicit_matrix_rule,
    LogSumExp: _logsumexp_rule,
    Trace: _trace_rule,
    sympy.Determinant: _determinant_rule,
    MatrixSlice: _matrix_slice_rule,
}

#: The slopes of inverse functions as generated code computes them (:mod:`symopt.safe_slopes`): SymPy's
#: :math:`1/\sqrt{w^2+1}` is 0 where :math:`w^2` overflows, and :math:`1 - w^2` cancels near :math:`|w| = 1`.
CODE_SLOPES = {
    sympy.asinh: inverse_hypot,
    sympy.asin: lambda w: 1 / sympy.sqrt(one_minus_square(w)),
    sympy.acos: lambda w: -1 / sympy.sqrt(one_minus_square(w)),
    sympy.atanh: lambda w: 1 / one_minus_square(w),
}


def _code_slope_rule(node, adjoint):
    r""":math:`\bar w = \bar y \cdot f'(w)` with :math:`f'` from :data:`CODE_SLOPES`."""
    argument = node.args[0]
    return [(argument, times(adjoint, CODE_SLOPES[type(node)](argument)))]


#: Rules before :data:`ARITHMETIC_RULES`' when the gradient is for generated code
#: (:func:`symopt.code_rules.code_gradients`): the numbers at a limit that SymPy's expression leaves undefined, and
#: the slopes of :data:`CODE_SLOPES`.  (The matrix power HadamardPower is guarded in ARITHMETIC_RULES itself: no
#: sympy.diff of it for grad to equal.)
CODE_RULES = MappingProxyType({Pow: _guarded_pow_rule, **dict.fromkeys(CODE_SLOPES, _code_slope_rule)})
