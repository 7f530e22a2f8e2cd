r"""Building blocks for matrix models, as genuine SymPy matrix expressions.

Matrices are 2-D: a rank-1 shape ``(n,)`` is the column ``(n, 1)``.  Reductions
keep both dimensions (``sum(A, axis=0)`` has shape ``(1, n)``).  Axes mean what NumPy
means for a 2-D array: ``0`` and ``-2`` run down the rows, ``1`` and ``-1`` along each
row; any other axis raises :class:`~symopt.errors.ShapeError`.
"""

from __future__ import annotations

import functools

import sympy
from sympy import OneMatrix

from . import functions
from . import nodes
from .class_losses import log_softmax, sigmoid_cross_entropy, softmax, softmax_cross_entropy
from .errors import ShapeError
from .grouped_products import grouped_operand
from .keyword_advice import OPS_ADVICE, refusing_unknown_keywords
from .matrix_checks import check_factors
from .matrix_shapes import named, short
from .nodes import ElementSum, LogSumExp, elementwise, matadd, scale, transpose
from .ops_operands import NUMPY_FORMS, checked_axis, scalar_operand, symbolic_operands
from .symbols import is_matrix, shape_of

__all__ = ["matmul", "transpose", "bias_add", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "exp", "log",
           "square", "power", "sqrt", "abs", "sum", "mean", "softmax", "log_softmax", "softmax_cross_entropy",
           "sigmoid_cross_entropy", "l2_penalty", "hadamard", "ElementSum", "LogSumExp", "symbolic_operands",
           "NUMPY_FORMS"]


@symbolic_operands
def matmul(*factors):
    r"""The matrix product :math:`A B \cdots` (``A @ B @ ...``), every two neighbouring factors checked as ``@``
    checks them (:class:`~symopt.errors.ShapeError` naming both shapes); scalar factors scale it.  A factor after
    the first that is a product itself is multiplied first, as written: ``matmul(X, matmul(W, v))`` is
    ``X @ (W @ v)`` (:mod:`symopt.grouped_products`)."""
    check_factors(*factors)  # also before guard_matrix_expressions() makes it MatMul's own check (plain SymPy symbols)
    coefficient, grouped = sympy.S.One, list(factors[:1])
    for factor in factors[1:]:
        number, factor = grouped_operand(factor)
        coefficient, grouped = coefficient * number, grouped + [factor]
    return nodes.matmul(coefficient, *grouped)


@symbolic_operands
def hadamard(*factors):
    r"""The elementwise product :math:`A \circ B \circ \dots` of matrix expressions of one shape (the same
    sizes, the batch size :math:`m` against a number refused as :math:`m` against 3 would be)."""
    for position, factor in enumerate(factors, start=1):
        if not is_matrix(factor):
            raise ShapeError(f"symopt.ops.hadamard: factor {position} is the scalar {factor}, where a matrix is "
                             "expected: scale with * instead (c * z).")
    for position, factor in enumerate(factors[1:], start=2):
        if tuple(factor.shape) != tuple(factors[0].shape):
            raise ShapeError(
                f"symopt.ops.hadamard: factor {position}, {named(factor)}, and factor 1, {named(factors[0])}, "
                "differ in shape; the entrywise product needs one shape. Transpose one factor with .T, or use "
                "symopt.ops.bias_add(z, b) for a row or column added to every row or column.")
    return nodes.hadamard(*factors)


def _lift(function):
    def apply(x):
        return elementwise(function, x) if is_matrix(x) else function(x)
    apply.__name__ = apply.__qualname__ = {"Abs": "abs"}.get(function.__name__, function.__name__)
    apply.__doc__ = f"Elementwise ``{apply.__name__}`` of a matrix, or of a scalar."
    return symbolic_operands(apply)


sigmoid = _lift(functions.sigmoid)
tanh = _lift(sympy.tanh)
relu = _lift(functions.relu)
softplus = _lift(functions.softplus)
exp = _lift(sympy.exp)
log = _lift(sympy.log)
sqrt = _lift(sympy.sqrt)
abs = _lift(sympy.Abs)  # noqa: A001


@symbolic_operands
def leaky_relu(x, slope=0.2):
    """Elementwise leaky ReLU: :math:`x` where :math:`x > 0`, else :math:`a x` (:func:`symopt.functions.leaky_relu`)."""
    return elementwise(lambda v: functions.leaky_relu(v, slope), x) if is_matrix(x) else functions.leaky_relu(x, slope)


@symbolic_operands
def square(x):
    """Elementwise :math:`x^2`."""
    return nodes.power(x, 2) if is_matrix(x) else x ** 2


@symbolic_operands
def power(x, exponent):
    r"""Elementwise :math:`x^p` (NumPy's ``x**p``): every entry of a matrix raised to ``exponent``, or a scalar's
    power.  (On a matrix, ``**`` is SymPy's matrix power :math:`S S \cdots S`, for square matrices only.)  A matrix
    ``exponent`` of a matrix ``x`` pairs with it entry by entry, so it needs ``x``'s shape (NumPy would broadcast
    ``(m, 1)`` against ``(1, m)`` to an m x m matrix); of a scalar ``x`` (``power(2, W)``) it is refused, naming
    ``ops.exp`` and ``applyfunc``."""
    if is_matrix(exponent) and is_matrix(x) and tuple(exponent.shape) != tuple(x.shape):  # a number base: below
        transposed = tuple(exponent.shape) == tuple(reversed(x.shape))
        fix = "Transpose one of them with .T" if transposed else "Give them one shape"
        raise ShapeError(f"symopt.ops.power: the exponent {named(exponent)} and the base {named(x)} differ in shape; "
                         f"an entrywise power needs one shape (a scalar exponent raises every entry). {fix}.")
    return nodes.power(x, exponent) if is_matrix(x) else x ** exponent


@functools.partial(refusing_unknown_keywords, advice=OPS_ADVICE, name="symopt.ops.bias_add")
def bias_add(z, b):
    r"""``z + b`` broadcast: a column ``b`` (n, 1) over the columns of ``z`` (n, m), a row (1, n) over its rows,
    or a scalar ``b`` (the course's logistic regression, :math:`Z = w^\top X + b`) over every entry,
    :math:`b \mathbb{1}`; a ``b`` of one entry (declared ``(1,)`` or ``(1, 1)``) is added to every entry too, as
    NumPy's ``z + b``.

    A rank-1 ``b`` (declared ``(n,)``) runs along the one axis of ``z`` of length n: over the rows of ``z`` (m, n) as
    NumPy's ``z + b``, over the columns of ``z`` (n, m); a square ``z`` (n, n), where the two readings differ, is
    refused naming the 2-D shapes to declare."""
    if not is_matrix(z):
        if is_matrix(b):
            raise ShapeError(f"bias_add: expected a matrix z for the matrix bias of shape {tuple(b.shape)}; given "
                             f"the scalar z = {z}. Add scalars with z + b.")
        return z + b
    rows, cols = z.shape
    if not is_matrix(b):
        return matadd(z, scale(_scalar_bias(b, z.shape), OneMatrix(rows, cols)))
    if b.shape == (1, 1) and rows != 1 and cols != 1:  # b of shape (1,) or (1, 1): NumPy adds it to every entry
        return matadd(z, nodes.matmul(nodes.matmul(OneMatrix(rows, 1), b), OneMatrix(1, cols)))
    if len(shape_of(b)) == 1:
        return _rank_one_bias(z, b)
    if b.shape == (rows, 1) and cols != 1:
        return matadd(z, nodes.matmul(b, OneMatrix(1, cols)))
    if b.shape == (1, cols) and rows != 1:
        return matadd(z, nodes.matmul(OneMatrix(rows, 1), b))
    if b.shape == z.shape:
        return matadd(z, b)
    _refuse_swapped_bias(z, b)
    shapes = list(dict.fromkeys([(rows, 1), (1, cols), tuple(z.shape)]))  # (1, n) twice for a row z: once
    expected = ", ".join(map(str, shapes[:-1])) + f" or {shapes[-1]}" if len(shapes) > 1 else str(shapes[0])
    raise ShapeError(f"bias_add: expected a bias of shape {expected} for z of shape {tuple(z.shape)}; given a bias "
                     f"of shape {tuple(b.shape)}. Transpose the bias (b.T) or check which dimension it runs along.")


def _refuse_swapped_bias(z, b):
    """``bias_add(b, X @ W)``: the bias given first.  The second argument has a shape a bias never has against the
    first (the batch size m where the first has none) but the first fits as its bias: refused naming the order."""
    first_rows, first_cols = z.shape
    rows, cols = b.shape
    rank_one = len(shape_of(z)) == 1
    fits = z.shape in {(rows, 1), (1, cols), (rows, cols)} or rank_one and first_rows in (rows, cols)
    if rank_one and rows == cols != 1:  # a square b refuses a rank-1 bias either way round (final44e F44e-15)
        _rank_one_bias(b, z)
    if fits and (first_rows, first_cols) != (rows, cols):
        raise ShapeError(f"bias_add: the matrix comes first and the bias second, bias_add(z, b); given z = {named(z)} "
                         f"and the bias {named(b)}, which fit the other way round. Write "
                         f"symopt.ops.bias_add({short(b)}, {short(z)}).")


def _rank_one_bias(z, b):
    """``z`` plus the rank-1 bias ``b`` (declared ``(n,)``, an (n, 1) column inside), along the one axis of ``z`` of
    length n: a row over the rows of ``z`` (m, n), NumPy's ``z + b``; a column over the columns of ``z`` (n, m),
    examples as columns.  A square ``z`` (n, n) fits both, and NumPy adds per row where the column reading adds per
    column: refused, as is a ``z`` with no axis of length n."""
    n, (rows, cols) = b.shape[0], z.shape
    if cols == n and rows != n:
        return matadd(z, nodes.matmul(OneMatrix(rows, 1), transpose(b)))
    if rows == n and cols != n:
        return matadd(z, nodes.matmul(b, OneMatrix(1, cols)))
    if rows == cols == n == 1:  # one number: both readings are the same
        return matadd(z, b)
    declared = f"bias_add: {b} was declared with the rank-1 shape ({n},) and z = {named(z)}"
    if rows == n:
        raise ShapeError(f"{declared} is square, so {b} could run along either axis (NumPy's z + b adds it to every "
                         f"row). Declare {b} with shape (1, {n}) for a bias added to every row (NumPy's z + b), or "
                         f"({n}, 1) for one added to every column.")
    raise ShapeError(f"{declared} has no axis of length {n}: expected z with {n} columns (a bias added to every row, "
                     f"NumPy's z + b) or {n} rows (examples as columns). Check which dimension {b} runs along.")


def _scalar_bias(b, shape):
    """``b`` as a SymPy scalar, or a :class:`ShapeError`."""
    scalar = scalar_operand(b)
    if scalar is None:
        raise ShapeError(f"bias_add: expected a bias of shape ({shape[0]}, 1), (1, {shape[1]}), {tuple(shape)} or a "
                         f"scalar for z of shape {tuple(shape)}; given {type(b).__name__} {b!r}. Pass a symopt "
                         "Variable or a number.")
    return scalar


@symbolic_operands
def sum(x, axis=None):  # noqa: A001
    r""":math:`\sum_{ij} x_{ij}` (axis None, a scalar), column sums (axis 0 or -2, shape (1, n)) or row sums
    (axis 1 or -1, shape (m, 1)).  A rank-1 ``x`` (declared ``(n,)``) has one axis, as in NumPy: ``0`` and ``-1``
    both sum its n entries (a 1 x 1 matrix); ``1`` and ``-2`` are refused."""
    if not is_matrix(x):
        return x
    rows, cols = x.shape
    if axis is None:
        return ElementSum(x)
    if checked_axis(x, axis, "sum") == 0:
        return nodes.matmul(OneMatrix(1, rows), x)
    return nodes.matmul(x, OneMatrix(cols, 1))


@symbolic_operands
def mean(x, axis=None):
    """Mean over everything (a scalar) or along one axis (dimensions kept; a rank-1 ``x``'s one axis is ``0`` or
    ``-1``, as in NumPy)."""
    if not is_matrix(x):
        return x
    rows, cols = x.shape
    axis = None if axis is None else checked_axis(x, axis, "mean")
    count = rows * cols if axis is None else (rows if axis == 0 else cols)
    total = sum(x, axis)
    return total / count if axis is None else scale(1 / count, total)


@symbolic_operands
def l2_penalty(*weights):
    r""":math:`\tfrac12 \sum \|W\|^2` over the given matrices."""
    return sympy.Add(*(ElementSum(nodes.power(w, 2)) if is_matrix(w) else w ** 2 for w in weights)) / 2
