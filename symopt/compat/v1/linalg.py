"""``tf.linalg`` (TF 1.13+): the matrix functions under their newer names (``tf.linalg.matrix_transpose``,
``tf.linalg.diag``, ``tf.linalg.diag_part``, ``tf.linalg.trace``, ``tf.linalg.transpose``, ``tf.linalg.matmul``,
``tf.linalg.norm``, ``tf.linalg.inv``, ``tf.linalg.det``)."""

from __future__ import annotations

from .array_fills import matrix_transpose
from .diagonals import diag_part as tensor_diag_part, matrix_diag as diag, matrix_diag_part as diag_part, trace
from .einsum_ops import einsum
from .errors import missing_names
from .graph import matmul
from .inverses import det, inv
from .shape_ops import eye
from .summing import norm

__all__ = ["diag", "diag_part", "tensor_diag_part", "trace", "matrix_transpose", "transpose", "matmul", "eye", "einsum",
           "norm", "inv", "det"]

transpose = matrix_transpose  # tf.linalg.transpose: the last two axes

__getattr__ = missing_names("tf.linalg")
__path__: list = []  # `from tensorflow.linalg import <a name symopt lacks>` is refused by runner.py's importer
