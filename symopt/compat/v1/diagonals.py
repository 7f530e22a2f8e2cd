r"""TF1's diagonals: ``tf.diag`` / ``tf.matrix_diag`` / ``tf.linalg.diag`` (a vector on a diagonal),
``tf.diag_part`` / ``tf.matrix_diag_part`` / ``tf.linalg.diag_part`` (the diagonal of a matrix) and ``tf.trace``.

With :math:`E` the constant 0/1 matrix of ones on the main diagonal, ``diag(v)`` chooses :math:`v \mathbf 1^T`
where :math:`E` is 1 and 0 elsewhere (exact zeros, not ``-0.0``), so its gradient is the diagonal of the result's
gradient; ``diag_part(M)`` sums the rows (or columns) of :math:`M` chosen where :math:`E` is 1, so its gradient
is :math:`G` on the diagonal; ``trace(M)`` is the sum of that diagonal.
"""

from __future__ import annotations

import numpy as np
from sympy import OneMatrix, ZeroMatrix

from ...errors import UnsupportedOperationError
from ...nodes import ElementSum, matmul, transpose
from ...stable import Select
from .array_fills import constant_matrix
from .graph import Tensor, as_tensor, shape_text
from .kernel_dtypes import kernel_inputs
from .recording import recorded

__all__ = ["diag", "matrix_diag", "diag_part", "matrix_diag_part", "trace"]


@recorded
def diag(diagonal, name=None) -> Tensor:
    """``tf.diag(v)``: the square matrix with ``v`` on its diagonal; TF1's ``Diag`` kernel, which takes no bools and
    no 8- or 16-bit integers (probe86 P86-1)."""
    v = as_tensor(diagonal)
    kernel_inputs("Diag")(v)
    return _square_of_vector(v, name or "Diag")


diag.check_when_deferred = kernel_inputs("Diag", "diagonal")  # also a shape-less placeholder (final47a2 47a2-12)


@recorded
def _matrix_diag_of_vector(diagonal, name=None) -> Tensor:
    """TF1's ``MatrixDiagV3`` of a vector, which takes every dtype (final47a2 47a2-1)."""
    return _square_of_vector(as_tensor(diagonal), name or "diag")


def matrix_diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0, align="RIGHT_LEFT"):
    """``tf.matrix_diag(v)`` / ``tf.linalg.diag(v)``: the square matrix with the vector ``v`` on its diagonal, of any
    dtype (bools too, unlike :func:`diag`); the other arguments at their defaults only."""
    if (k, num_rows, num_cols, padding_value) != (0, -1, -1, 0):
        raise UnsupportedOperationError("tf.linalg.diag with k, num_rows, num_cols or padding_value is not supported "
                                        "yet by symopt.compat.v1")
    return _matrix_diag_of_vector(diagonal, name=name)


def _square_of_vector(v: Tensor, op: str) -> Tensor:
    """The square matrix with the vector ``v`` on its diagonal, exact zeros elsewhere."""
    if v.ndim != 1:
        raise UnsupportedOperationError(f"'{op}' of shape {shape_text(v.shape)}: symopt.compat.v1 builds the diagonal "
                                        "matrix of a vector only (a matrix's would be rank 4)")
    size = v.shape.as_list()[0]
    if size is None:
        raise UnsupportedOperationError(f"'{op}' of {v.name} (shape {shape_text(v.shape)}): the size must be known")
    identity = constant_matrix(np.eye(size), v.dtype, f"{op}/eye")
    spread = matmul(v.expr, OneMatrix(1, size))  # row i: v_i; chosen on the diagonal, exact zeros elsewhere (not -0.0)
    return Tensor(Select(identity, spread, ZeroMatrix(size, size)), (size, size), v.dtype, op)


def _diagonal(m: Tensor, op: str, square: bool):
    """The main diagonal of the matrix ``m`` as a ``(k, 1)`` column (``k`` the smaller side), and ``k``."""
    if m.ndim != 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {m.ndim} for '{op}' with input shapes: "
                         f"{shape_text(m.shape)}.")
    rows, cols = m.shape.as_list()
    if rows is None or cols is None:
        raise UnsupportedOperationError(f"'{op}' of {m.name} (shape {shape_text(m.shape)}): the diagonal of a batch "
                                        "is not supported by symopt.compat.v1")
    if square and rows != cols:
        raise ValueError(f"Dimensions must be equal, but are {rows} and {cols} for '{op}' (op: 'DiagPart') with "
                         f"input shapes: {shape_text(m.shape)}.")
    ones = constant_matrix(np.eye(rows, cols), m.dtype, f"{op}/eye")
    chosen = Select(ones, m.expr, ZeroMatrix(rows, cols))
    if rows <= cols:
        return matmul(chosen, OneMatrix(cols, 1)), rows
    return transpose(matmul(OneMatrix(1, rows), chosen)), cols


@recorded
def diag_part(input, name=None) -> Tensor:  # noqa: A002 - TF1's name
    """``tf.diag_part(M)`` (``tf.linalg.tensor_diag_part``): the diagonal of a square matrix as a vector."""
    m = as_tensor(input)
    kernel_inputs("DiagPart")(m)  # no bools, no 8- or 16-bit integers (final47a2 47a2-10)
    op = name or "DiagPart"
    expr, size = _diagonal(m, op, square=True)
    return Tensor(expr, (size,), m.dtype, op)


diag_part.check_when_deferred = kernel_inputs("DiagPart", "input")  # also a shape-less placeholder


@recorded
def matrix_diag_part(input, name="diag_part", k=0, padding_value=0, align="RIGHT_LEFT") -> Tensor:  # noqa: A002
    """``tf.matrix_diag_part(M)`` / ``tf.linalg.diag_part(M)``: the main diagonal of a matrix (square or not)."""
    if (k, padding_value) != (0, 0):
        raise UnsupportedOperationError("tf.linalg.diag_part with k or padding_value is not supported yet by "
                                        "symopt.compat.v1")
    m = as_tensor(input)
    expr, size = _diagonal(m, name, square=False)
    return Tensor(expr, (size,), m.dtype, name)


@recorded
def trace(x, name=None) -> Tensor:
    r"""``tf.trace(M)`` (``tf.linalg.trace``): :math:`\sum_i M_{ii}`."""
    m = as_tensor(x)
    op = name or "Trace"
    expr, _ = _diagonal(m, op, square=False)
    return Tensor(ElementSum(expr), (), m.dtype, op)
