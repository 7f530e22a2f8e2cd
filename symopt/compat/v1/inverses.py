r"""TF1's matrix inverse and determinant: ``tf.matrix_inverse`` / ``tf.linalg.inv`` (:math:`M^{-1}`, optionally of
:math:`M^H = M^T`) and ``tf.matrix_determinant`` / ``tf.linalg.det`` (:math:`\det M`), of one square matrix.

They are SymPy's ``Inverse`` and ``Determinant`` of the matrix expression, so the core differentiates them
(:math:`\bar M = -Y^T \bar Y Y^T` with :math:`Y = M^{-1}`; Jacobi's :math:`\bar M = \bar y\, y\, M^{-T}`) and prints
``numpy.linalg.inv`` / ``numpy.linalg.det`` (LAPACK's LU with partial pivoting, as TF1's Eigen kernels; the last
bits of a float32 result may differ).  A batch of matrices (rank 3) does not exist in symopt.compat.v1.

The inverse is a :class:`KernelInverse` node: generated code calls ``numpy.linalg.inv`` itself (not the core's
``inverse``, which gives NaN entries for a singular matrix), so a singular matrix stops the run, and the session
reports it as TF1 does: ``InvalidArgumentError: Input is not invertible.``, for the inverse, what is computed from
it, and its gradient (:math:`-Y^T \bar Y Y^T` reads :math:`Y = M^{-1}`).  The determinant's gradient keeps the
core's finite adjugate at a singular matrix (TF1 raises there: its gradient goes through the inverse).
"""

from __future__ import annotations

import sympy

from ...errors import UnsupportedOperationError
from ...nodes import transpose
from .graph import Tensor, as_tensor, shape_text
from .recording import recorded

__all__ = ["matrix_inverse", "matrix_determinant", "inv", "det", "KernelInverse"]


class KernelInverse(sympy.Inverse):
    r""":math:`M^{-1}` computed by NumPy's LAPACK inverse, which raises ``LinAlgError`` where :math:`M` is singular
    (TF1's kernel refuses the matrix there); the transpose of one is one (:math:`(M^{-1})^T = (M^T)^{-1}`)."""

    def _symopt_code(self, printer) -> str:
        return f"{printer.matrix_module}.linalg.inv({printer._print(self.arg)})"

    _numpycode = _symopt_code

    def _eval_transpose(self):
        return KernelInverse(transpose(self.arg))


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
    return Tensor(KernelInverse(expr), tuple(m.shape.as_list()), m.dtype, op)


@recorded
def matrix_determinant(input, name=None) -> Tensor:  # noqa: A002 - TF1's name
    r"""``tf.matrix_determinant(M)``: :math:`\det M`, a scalar."""
    op = name or "MatrixDeterminant"
    m = _square(input, op)
    return Tensor(sympy.Determinant(m.expr), (), m.dtype, op)


inv, det = matrix_inverse, matrix_determinant  # tf.linalg.inv, tf.linalg.det
