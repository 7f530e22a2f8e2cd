r"""The checks of matrix products, powers and sums, made where the expression is written.

SymPy's matrix expressions answer ``X @ W + 1`` with "Mix of Matrix and Scalar symbols" and let
``W(3, 1) @ X(m, 3)`` through (``1`` and the batch size :math:`m` might be equal); each check here raises a symopt
error naming the shapes and what to write instead.  :func:`checked_product` builds a checked product in
:math:`O(1)` (no ``doit()`` of the whole product).
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy import MatMul, OneMatrix
from sympy.matrices import MatrixBase

from .errors import ShapeError, UnsupportedOperationError
from .matrix_shapes import dimension, is_matrix, matrix_shape, named, shape_text, short
from .nodes import matmul

__all__ = ["check_product", "checked_product", "check_factors", "check_power", "check_square_power", "check_elementwise",
           "check_substituted_sums", "refuse_iteration"]


def _refuse_foreign(operand, role: str, factor: bool = False, other=None, operator: str = "@",
                    bias_form: str = "symopt.ops.bias_add(z, {value})") -> None:
    """Explicit matrices (except as a product's ``factor``, made immutable by :func:`checked_product`) and arrays
    inside a symbolic expression; an array factor of ``other``'s shape in ``*`` (NumPy's entrywise product: a mask)
    is told ``symopt.ops.hadamard``.  ``@`` is the matrix product in NumPy too: no hadamard advice there.
    ``bias_form``: how a 1 x 1 constant's number enters the expression (``z - [[3]]`` is ``bias_add(z, -3)``)."""
    if isinstance(operand, MatrixBase) and not (factor and isinstance(operand, sympy.ImmutableMatrix)):
        if not operand.free_symbols:
            raise UnsupportedOperationError(_constant_matrix_refusal(operand, role, bias_form))
        raise UnsupportedOperationError(_expression_matrix_refusal(operand, role))
    if isinstance(operand, np.ndarray):
        raise UnsupportedOperationError(
            f"a NumPy array of shape {operand.shape} is used as the {role} of a symbolic matrix expression: make it "
            f"a symopt.Placeholder('X', {operand.shape}) and feed the array when evaluating, or a symopt.Variable "
            "if it is a parameter."
            + (_ENTRYWISE_MASK if operator == "*" and _same_fixed_shape(operand, other) else ""))


def _expression_matrix_refusal(matrix, role: str) -> str:
    """The refusal of an explicit matrix whose entries read symbols (``sympy.Matrix([[w, 0], [0, w]])``): its
    entries are the model's, so the advice keeps them (a multiple of ``sympy.Identity``, or the matrix made
    immutable inside ``sympy.MatAdd``), and names a new Variable only for a matrix meant to be a parameter of its own
    (probe73 P73-7: that was the only advice, and it changes the model)."""
    rows, cols = matrix.shape
    scale = matrix[0, 0]
    if rows == cols and matrix == scale * sympy.eye(rows):
        kept = f"({scale})*sympy.Identity({rows})"
    else:
        kept = "sympy.MatAdd(other, sympy.ImmutableMatrix(M)) for a sum (or sympy.ImmutableMatrix(M) as a factor of @)"
    return (f"a sympy.Matrix {short(matrix)} is used as the {role} of a symbolic matrix expression, where a matrix "
            f"symbol or expression is expected. To keep its entries as they are, write {kept}; if the matrix is a new "
            f"parameter of its own, make it one symbol, e.g. symopt.Variable('W', initial_value, "
            f"shape={tuple(matrix.shape)}).")


def _constant_matrix_refusal(matrix, role: str, bias_form: str = "symopt.ops.bias_add(z, {value})") -> str:
    """The refusal of an explicit constant matrix (``sympy.eye(2)``, ``2*sympy.eye(2)``) in a symbolic expression,
    naming SymPy's own constant (``2*sympy.Identity(2)``) where there is one, else a Placeholder fed the numbers:
    never a Variable, which the optimizer would train (probe57 P57-2, final41d F41d-5); a 1 x 1 matrix's number
    enters by ``bias_form``, the sign of the operator kept (``z - [[3]]`` is ``bias_add(z, -3)``)."""
    rows, cols = matrix.shape
    entries = set(matrix)
    scale = matrix[0, 0]
    if rows == cols and rows > 1 and scale != 0 and matrix == scale * sympy.eye(rows):
        named_form = f"{'' if scale == 1 else f'{scale}*'}sympy.Identity({rows})"
    elif entries == {0}:
        named_form = f"sympy.ZeroMatrix({rows}, {cols})"
    elif len(entries) == 1:
        (value,) = entries
        named_form = f"{'' if value == 1 else f'{value}*'}sympy.OneMatrix({rows}, {cols})"
    else:
        named_form = None
    constant = f"the constant sympy.Matrix {short(matrix)} is used as the {role} of a symbolic matrix expression"
    if (rows, cols) == (1, 1):
        return (f"{constant}; a 1 x 1 matrix holds one number: write {bias_form.format(value=scale, negated=-scale)} (the number "
                "taken into every entry), or, to feed the number as data, put a scalar symopt.Placeholder('c') in "
                "its place.")
    if named_form:
        return f"{constant}, where SymPy's matrix expressions take {named_form}: write that instead."
    return (f"{constant}, where a matrix expression is expected: make it a symopt.Placeholder('C', {(rows, cols)}) and "
            "feed these numbers when evaluating (data, never trained; a symopt.Variable would be a parameter the "
            "optimizer changes), or use it as a factor of @, which takes a sympy.ImmutableMatrix.")


#: The end of the array-factor message when the array has the other factor's shape: a mask, meant entrywise.
_ENTRYWISE_MASK = (" For NumPy's entrywise product (a mask of the same shape) write symopt.ops.hadamard(X, z) with "
                   "that Placeholder X; * and @ of matrices are the matrix product.")


def _same_fixed_shape(array, other) -> bool:
    return is_matrix(other) and tuple(array.shape) == tuple(matrix_shape(other))


def check_product(left, right, operator: str = "@") -> None:
    r"""``left @ right`` needs matrices with ``left.cols == right.rows``; the error names both shapes.  ``operator``
    is what the user wrote (``*`` of two matrices is SymPy's matrix product too), so that an array operand of ``*``
    alone is told NumPy's entrywise product."""
    for operand, role, other in ((left, "left factor", right), (right, "right factor", left)):
        _refuse_foreign(operand, role, factor=True, other=other, operator=operator)
    if not (is_matrix(left) and is_matrix(right)):
        scalar = right if is_matrix(left) else left
        raise ShapeError(f"@ multiplies two matrices; given the scalar {short(scalar)}. Scale with * instead.")
    inner_left, inner_right = dimension(left, 1), dimension(right, 0)
    if inner_left == inner_right:
        return
    hint = _product_hint(left, right, inner_left, inner_right)
    raise ShapeError(f"matrix product {named(left)} @ {named(right)}: inner dimensions {inner_left} and "
                     f"{inner_right} differ; {hint}.")


def _batch(size) -> bool:
    """The batch size m (a Placeholder's None); a size of the user's own (``MatrixSymbol('x', n, 1)``) is not."""
    from .symbols import BATCH  # symbols imports this module (through operators)
    return size == BATCH


def _grouped(matrix) -> str:
    return str(matrix) if isinstance(matrix, sympy.MatrixSymbol) else f"({short(matrix)})"


def _product_hint(left, right, inner_left, inner_right) -> str:
    """What to write instead of ``left @ right`` whose inner dimensions differ: an entrywise product where the shapes
    are one, else by the side the batch dimension is on (examples as rows: the data first; as columns: last)."""
    for number, other, entry in ((left, right, "{} * {}"), (right, left, "{1} * {0}")):
        if tuple(matrix_shape(number)) == (1, 1):  # NumPy's (r.T @ r) * W: a 1 x 1 array scales W
            item, total = f"{_grouped(number)}[0, 0]", f"symopt.ops.sum({short(number)})"
            return (f"{short(number)} is a 1 x 1 matrix, which SymPy does not read as a number; for the number it "
                    f"holds write {entry.format(item, _grouped(other))} or {entry.format(total, _grouped(other))}")
    if left == right:  # NumPy's E * E, a square error: the entrywise square is meant
        return ("* and @ of matrices are the matrix product; for NumPy's entrywise square E * E write "
                f"symopt.ops.square({short(left)})")
    if tuple(left.shape) == tuple(right.shape):  # NumPy's Y * log(A) of the course: an entrywise product is meant
        return ("* and @ of matrices are the matrix product; for NumPy's entrywise product of two matrices of one "
                f"shape write symopt.ops.hadamard({short(left)}, {short(right)})")
    if _batch(inner_right) and _batch(dimension(left, 0)):
        return (f"both factors have the {inner_right} examples as rows: a sum over the examples is the left factor "
                f"transposed {_grouped(left)}.T @ ..., or check the order of the factors")
    if _batch(inner_left) and _batch(dimension(right, 1)):
        return (f"both factors have the {inner_left} examples as columns: a sum over the examples is ... @ "
                f"{_grouped(right)}.T, or check the order of the factors")
    if _batch(inner_right):
        return (f"the batch dimension {inner_right} is the rows of the data, so the data comes first (X @ W, not "
                "W @ X), or transpose with .T")
    if _batch(inner_left):
        return (f"the batch dimension {inner_left} is the columns of {short(left)} (examples as columns), so the "
                "data comes last (W @ X, not X @ W), or transpose with .T")
    return "(a, b) @ (b, c) needs the same b: check the order of the factors or transpose one with .T"


def check_factors(*factors) -> None:
    r"""Every two neighbouring matrices of a product :math:`A_1 A_2 \cdots` by :func:`check_product` (scalars skipped).

    Installed as the ``validate`` of SymPy's ``MatMul`` (:func:`symopt.operators.guard_matrix_expressions`), so that
    products of two matrix *expressions* (``(X @ W) * (X @ V)``, ``A * (1 - A)``, ``sympy.MatMul(...)``) are checked
    where they are written, as products of symopt's symbols are: SymPy compares only integer sizes, and let
    :math:`m` (the batch size) meet 3 until the data came.  Two symbolic sizes of the user's own (``n`` and ``k``
    of plain ``MatrixSymbol``s) are left to SymPy, which allows them: they may be equal.
    """
    from .symbols import BATCH  # symbols imports this module (through operators)
    matrices = [f for f in factors if is_matrix(f)]
    for index, (left, right) in enumerate(zip(matrices, matrices[1:])):
        sizes = (dimension(left, 1), dimension(right, 0))
        if sizes[0] != sizes[1] and not any(getattr(size, "is_Integer", False) or size == BATCH for size in sizes):
            continue  # two sizes of the user's own (n and k of MatrixSymbols): SymPy's rule, they may be equal
        operands = (left, right) if sizes[0] == sizes[1] else _operands(matrices, index + 1)
        check_product(*operands)


def _operands(matrices: list, split: int) -> tuple:
    """The two products that meet where the chain ``matrices`` breaks before ``split``: SymPy joins the factors of
    ``sympy.Mul(X @ W, X @ W)`` into one chain X, W, X, W, and the user wrote X @ W twice, not W @ X.  The left
    operand is the chain before the break (its pairs were checked); the right one runs while its sizes agree."""
    end = split + 1
    while end < len(matrices) and dimension(matrices[end - 1], 1) == dimension(matrices[end], 0):
        end += 1
    parts = (matrices[:split], matrices[split:end])
    return tuple(part[0] if len(part) == 1 else sympy.Basic.__new__(MatMul, *part) for part in parts)


def checked_product(left, right, operator: str = "@"):
    """``left @ right`` (written with ``operator``) after :func:`check_product`; two operands that are not products
    themselves are joined directly (SymPy's constructor would ask each operand for its shape again, recursively).
    An explicit ``sympy.Matrix`` factor (a rotation ``[[cos θ, -sin θ], [sin θ, cos θ]]`` of a parameter) stays one
    factor, an ``ImmutableMatrix``, not expanded entry by entry."""
    left, right = (sympy.ImmutableMatrix(f) if isinstance(f, MatrixBase) else f for f in (left, right))
    check_product(left, right, operator)
    if isinstance(left, (MatMul, OneMatrix)) or isinstance(right, (MatMul, OneMatrix)):
        return matmul(left, right)
    return sympy.Basic.__new__(MatMul, left, right)


def check_power(matrix, exponent, positive: bool = False) -> None:
    r"""``matrix**exponent`` is SymPy's matrix power :math:`S S \cdots S`: it needs a square matrix and an integer
    exponent (``positive``: at least 1).  Anything else is refused with the elementwise form, which is what
    ``X**2`` on data usually means (NumPy's ``X**2`` squares every entry)."""
    rows, cols = matrix_shape(matrix)
    integer = isinstance(exponent, (int, np.integer)) or getattr(exponent, "is_Integer", False)
    if rows == cols and integer and (int(exponent) >= 1 or not positive):
        return
    wanted = "positive integer exponents (or -1, the inverse)" if positive else "integer exponents"
    given = f"shape {shape_text(matrix)}" if rows != cols else f"the exponent {exponent}"
    symbol = isinstance(matrix, sympy.MatrixSymbol)
    base, name = (str(matrix), str(matrix)) if symbol else (f"({short(matrix)})", "z")
    fix = f"symopt.ops.square({name})" if exponent == 2 else f"symopt.ops.power({name}, {exponent})"
    raise ShapeError(f"{base}**{exponent}: ** on a matrix is the matrix power S @ S @ ..., defined for square "
                     f"matrices and {wanted}; given {given}. For every entry raised to a power (NumPy's **) "
                     f"use {fix}.")


def check_square_power(base, exponent) -> None:
    """``sympy.MatPow(base, exponent)`` of a symbolic matrix: refused by :func:`check_power` unless its rows and
    columns are the same size (SymPy refuses only two different integers, so an (m, 1) residual squared passed)."""
    if not isinstance(base, MatrixBase):
        rows, cols = matrix_shape(base)
        if rows != cols:
            check_power(base, exponent)


def check_elementwise(left, right, operation: str) -> None:
    """``left + right`` (or -) needs two matrices of one shape; scalars and vectors get the broadcasting fix."""
    minus = operation == "-"
    for operand, role, bias_form in (
            (left, f"left operand of {operation}", "symopt.ops.bias_add(-z, {value})" if minus else None),
            (right, f"right operand of {operation}", "symopt.ops.bias_add(z, {negated})" if minus else None)):
        _refuse_foreign(operand, role, bias_form=bias_form or "symopt.ops.bias_add(z, {value})")
    if is_matrix(left) and is_matrix(right):
        if left.shape == right.shape:
            return
        raise ShapeError(f"{named(left)} {operation} {named(right)}: the shapes differ. For a bias row (1, n) or "
                         "column (n, 1) added to every row or column, use symopt.ops.bias_add(z, b).")
    matrix, scalar = (left, right) if is_matrix(left) else (right, left)
    if tuple(matrix_shape(matrix)) == (1, 1):  # λ * w.T @ w beside a scalar loss: the textbook ‖w‖²
        # a scalar holding SymPy's internals (a loss: sum(HadamardPower(...)), Lambda(_d, ...)) is not shown; the
        # user's own number is (final32 #8e)
        internal = isinstance(scalar, sympy.Basic) and scalar.has(sympy.HadamardPower, sympy.Lambda)
        shown = "a scalar" if internal else short(scalar)
        left_text, right_text = (short(side) if side is matrix else shown for side in (left, right))
        summed = [factor for factor in matrix.args if not isinstance(factor, sympy.OneMatrix)] \
            if isinstance(matrix, sympy.MatMul) and any(isinstance(f, sympy.OneMatrix) for f in matrix.args) else []
        scalar_form = f"symopt.ops.sum({short(summed[0])}) (no axis=) for the sum of its entries" \
            if len(summed) == 1 else "symopt.ops.sum(symopt.ops.square(w)) for w.T @ w"
        raise ShapeError(
            f"{left_text} {operation} {right_text}: the scalar meets the 1 x 1 matrix {short(matrix)}, which SymPy "
            f"does not read as a number. Take its entry, ({short(matrix)})[0, 0], or write it as a scalar: "
            f"{scalar_form}.")
    raise ShapeError(
        f"{short(left)} {operation} {short(right)}: the scalar {short(scalar)} meets the matrix {named(matrix)}; "
        "SymPy has no implicit broadcasting. For a bias vector use symopt.ops.bias_add(z, b); for one number added "
        f"to every entry write {short(scalar)} * sympy.OneMatrix(*z.shape).")


def check_substituted_sums(expressions) -> None:
    """Every sum and entrywise product in ``expressions`` of one shape per operand, the batch size m against a number
    included.  The operators check a sum where it is written (:func:`check_elementwise`), but a substitution rebuilds
    it through SymPy's ``MatAdd``, which compares only integer sizes: ``cost.xreplace({y: y6})`` put a (6, 1) input
    beside an (m, 1) one, and evaluate broadcast it (probe46 P46-2).  Checked where a cost enters ``compile``,
    ``grad``, ``minimize`` and ``evaluate``, not in SymPy's constructors (the TF1 layer pairs a ``[None]`` size with a
    number, as TF1's static shapes do); two sizes of the user's own (``n`` and ``k``) are left to SymPy, as in
    :func:`check_factors`."""
    from .symbols import BATCH  # symbols imports this module (through operators)
    from .traversal import unique_nodes

    def differ(a, b) -> bool:  # an explicit matrix's sizes are Python ints
        return a != b and all(isinstance(size, int) or getattr(size, "is_Integer", False) or size == BATCH
                              for size in (a, b))
    nodes = unique_nodes(expressions)
    _check_batch_carried(nodes, BATCH)
    for node in nodes:
        if not isinstance(node, (sympy.MatAdd, sympy.HadamardProduct)):
            continue
        operation = "+" if isinstance(node, sympy.MatAdd) else "∘"
        first = node.args[0]
        for other in node.args[1:]:
            if any(differ(a, b) for a, b in zip(matrix_shape(first), matrix_shape(other))):
                raise ShapeError(
                    f"{named(first)} {operation} {named(other)}: the shapes differ; every operand of {operation} needs "
                    "one shape. A substitution (cost.subs(y, y6), cost.xreplace({y: y6})) must put in a symbol of the "
                    "shape of the one it replaces; for a bias row (1, n) or column (n, 1) added to every row or "
                    "column, use symopt.ops.bias_add(z, b).")


def _check_batch_carried(nodes: list, batch) -> None:
    """An expression that reads the batch size ``batch`` (``ops.mean``'s :math:`1/m`) but holds explicit matrices and
    no matrix with a dimension ``batch`` has no input to take :math:`m` from: refused.  Where explicit matrices sit
    where data would (the left factor of ``@``, a term of ``+``: ``J.xreplace({X: Xd, y: yd})``) the message names
    ``cost.subs(symopt.BATCH, rows)`` (probe57 P57-5); a substitution is said to be a possibility only, since a
    residual vector written with ``sympy.Matrix`` and divided by ``m`` looks the same (final41d F41d-8)."""
    explicit = [argument for node in nodes if isinstance(node, sympy.MatrixExpr)  # a factor or term, where data was:
                for argument in node.args if isinstance(argument, MatrixBase)]  # not a Hessian's entries ([[2*m]])
    if not explicit or batch not in nodes or any(is_matrix(node) and batch in node.shape for node in nodes):
        return
    rows = sorted({matrix.rows for matrix in _where_data_sits(nodes) if matrix.rows > 1})
    count = f"cost.subs(symopt.BATCH, {rows[0]})" if len(rows) == 1 else "cost.subs(symopt.BATCH, rows)"
    raise ShapeError(
        f"the expression reads the batch size {batch}, but no matrix in it has a dimension {batch}, so no data gives "
        f"{batch} its value. If you replaced the data symbols by explicit matrices (cost.subs or cost.xreplace), "
        f"their number of rows is fixed: substitute the batch size too, {count}, or keep the Placeholders and feed "
        f"the arrays as data; if you wrote {batch} yourself, write the number it stands for.")


def _where_data_sits(nodes: list) -> list:
    """The explicit matrices that are the left matrix factor of a product or a term of a sum (where data would be)."""
    found = []
    for node in nodes:
        if isinstance(node, sympy.MatMul):
            matrices = [argument for argument in node.args if is_matrix(argument) or isinstance(argument, MatrixBase)]
            found += matrices[:1]
        elif isinstance(node, sympy.MatAdd):
            found += list(node.args)
    return [matrix for matrix in found if isinstance(matrix, MatrixBase)]


def refuse_iteration(matrix):
    raise UnsupportedOperationError(
        f"iterating over the symbolic matrix {named(matrix)} (builtin sum, list, a for loop) cannot work: its "
        "entries are not known until data is fed. Use symopt.ops.sum(z) (or ops.sum(z, axis=0)) instead.")
