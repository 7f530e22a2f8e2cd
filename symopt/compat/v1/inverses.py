r"""TF1's matrix inverse and determinant: ``tf.matrix_inverse`` / ``tf.linalg.inv`` (:math:`M^{-1}`, optionally of
:math:`M^H = M^T`) and ``tf.matrix_determinant`` / ``tf.linalg.det`` (:math:`\det M`), of one square matrix.

They are SymPy's ``Inverse`` and ``Determinant`` of the matrix expression, so the core differentiates them
(:math:`\bar M = -Y^T \bar Y Y^T` with :math:`Y = M^{-1}`; Jacobi's :math:`\bar M = \bar y\, y\, M^{-T}`) and prints
``numpy.linalg.inv`` / ``numpy.linalg.det`` (LAPACK's LU with partial pivoting, as TF1's Eigen kernels; the last
bits of a float32 result may differ).  A batch of matrices (rank 3) does not exist in symopt.compat.v1.
"""

from __future__ import annotations

import sympy

from ...errors import UnsupportedOperationError
from ...nodes import transpose
from .graph import Tensor, as_tensor, shape_text
from .recording import recorded

__all__ = ["matrix_inverse", "matrix_determinant", "inv", "det"]


def _square(x, op: str) -> Tensor:
    """``x`` as a float tensor of one square matrix of known size (TF1's ``ValueError`` otherwise)."""
    m = as_tensor(x)
    if m.ndim != 2:
        raise ValueError(f"Shape must be at least rank 2 but is rank {m.ndim} for '{op}' with input shapes: "
                         f"{shape_text(m.shape)}.")
    rows, cols = m.shape.as_list()
    if rows is not None and cols is not None and rows != cols:
        raise ValueError(f"Dimensions must be equal, but are {rows} and {cols} for '{op}' with input shapes: "
                         f"{shape_text(m.shape)}.")
    if rows is None or cols is None:
        raise UnsupportedOperationError(f"'{op}' of {m.name} (shape {shape_text(m.shape)}): symopt.compat.v1 needs "
                                        "the matrix's size when the graph is built; give the placeholder a full shape")
    if not m.dtype.is_floating:
        raise TypeError(f"Value passed to parameter 'input' has DataType {m.dtype.name} not in list of allowed "
                        f"values: float16, float32, float64 ('{op}' of {m.name}; cast it with tf.to_float)")
    return m


@recorded
def matrix_inverse(input, adjoint=False, name=None) -> Tensor:  # noqa: A002 - TF1's name
    r"""``tf.matrix_inverse(M, adjoint=False)``: :math:`M^{-1}` (with ``adjoint``, :math:`(M^T)^{-1}`)."""
    op = name or "MatrixInverse"
    m = _square(input, op)
    expr = transpose(m.expr) if adjoint else m.expr
    return Tensor(sympy.Inverse(expr), tuple(m.shape.as_list()), m.dtype, op)


@recorded
def matrix_determinant(input, name=None) -> Tensor:  # noqa: A002 - TF1's name
    r"""``tf.matrix_determinant(M)``: :math:`\det M`, a scalar."""
    op = name or "MatrixDeterminant"
    m = _square(input, op)
    return Tensor(sympy.Determinant(m.expr), (), m.dtype, op)


inv, det = matrix_inverse, matrix_determinant  # tf.linalg.inv, tf.linalg.det
