"""``tf.linalg`` (TF 1.13+): the matrix functions under their newer names (``tf.linalg.matrix_transpose``,
``tf.linalg.diag``, ``tf.linalg.transpose``, ``tf.linalg.matmul``)."""

from __future__ import annotations

from .array_fills import matrix_diag as diag, matrix_transpose
from .errors import missing_names
from .graph import matmul
from .shape_ops import eye

__all__ = ["diag", "matrix_transpose", "transpose", "matmul", "eye"]

transpose = matrix_transpose  # tf.linalg.transpose: the last two axes

__getattr__ = missing_names("tf.linalg")
