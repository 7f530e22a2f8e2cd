"""``tf.sequence_mask(lengths, maxlen)``: row ``i`` is true in its first ``lengths[i]`` entries (TF1's
``range(maxlen) < lengths[:, None]``, a ``tf.bool`` matrix, or of ``dtype``)."""

from __future__ import annotations

import numpy as np
import sympy

from ...errors import UnsupportedOperationError
from . import dtypes
from .array_ops import reshape
from .comparison_ops import less
from .gather_ops import gather
from .recording import recorded
from .graph import Tensor, as_tensor, constant, name_scope, shape_text
from .math_ops import cast
from .shape_ops import expand_dims, range as range_op

__all__ = ["sequence_mask", "boolean_mask"]


def _maxlen(lengths: Tensor, maxlen) -> int:
    """``maxlen`` as an int: given, or the largest of constant ``lengths``."""
    if maxlen is None:
        entries = getattr(lengths.expr, "tolist", None)
        values = [row[0] for row in entries()] if entries is not None else [lengths.expr]
        if not all(isinstance(v, sympy.Integer) for v in values):
            raise UnsupportedOperationError("tf.sequence_mask without maxlen takes the largest length when the graph "
                                            "runs, which symopt.compat.v1 cannot shape; give maxlen=")
        return int(max(values))
    if isinstance(maxlen, Tensor):
        if maxlen.ndim != 0 or not isinstance(maxlen.expr, sympy.Integer):
            raise UnsupportedOperationError(f"tf.sequence_mask: maxlen must be a number or a constant scalar; given "
                                            f"{maxlen!r}")
        return int(maxlen.expr)
    return int(maxlen)


def sequence_mask(lengths, maxlen=None, dtype=dtypes.bool, name=None) -> Tensor:
    """``tf.sequence_mask(lengths, maxlen)``: ``mask[i, j] = j < lengths[i]``, shape ``lengths.shape + (maxlen,)``
    (``lengths`` a vector or a scalar of ints)."""
    lengths = as_tensor(lengths)
    if not lengths.dtype.is_integer or lengths.ndim > 1:
        raise UnsupportedOperationError(f"tf.sequence_mask of {lengths!r}: symopt.compat.v1 takes a vector or a "
                                        "scalar of integer lengths")
    size = _maxlen(lengths, maxlen)
    dtype = dtypes.as_dtype(dtype)
    with name_scope(name or "SequenceMask"):
        positions = range_op(0, size, dtype=lengths.dtype, name="Range")
        mask = less(positions, expand_dims(lengths, -1) if lengths.ndim else lengths, name="Less")
        return mask if dtype == dtypes.bool else cast(mask, dtype, name="Cast_1")


def _constant_mask(mask) -> np.ndarray:
    """``mask`` as a NumPy bool array when its values are known when the graph is built (numbers, arrays, a
    constant ``tf.bool`` tensor); a fed or computed mask is a typed refusal."""
    if not isinstance(mask, Tensor):
        return np.asarray(mask, dtype=bool)
    if mask.dtype == dtypes.bool and isinstance(mask.expr, sympy.ImmutableMatrix) and \
            all(entry.is_number for entry in mask.expr):
        return np.asarray(mask.expr.tolist(), dtype=float).reshape(mask.shape.as_list()) != 0
    if mask.dtype == dtypes.bool and mask.ndim == 0 and mask.expr.is_number:
        return np.asarray(bool(mask.expr))
    raise UnsupportedOperationError(
        f"tf.boolean_mask with the mask {mask.name}, whose values are known only when the graph runs, is not "
        "supported yet by symopt.compat.v1 (the result's length would depend on them); for a masked mean write "
        "tf.reduce_sum(x * tf.cast(mask, x.dtype)) / tf.reduce_sum(tf.cast(mask, x.dtype)), or keep every row "
        "with tf.where(mask, x, tf.zeros_like(x))")


@recorded  # deferred while a placeholder without a shape leaves the rank unknown
def boolean_mask(tensor, mask, name="boolean_mask", axis=None) -> Tensor:
    """``tf.boolean_mask(tensor, mask)`` of a mask known when the graph is built (a list, an array, a constant
    ``tf.bool`` tensor): the rows (a rank-1 mask) or entries (a mask of the tensor's shape, flattened in row-major
    order) where it is true, a ``tf.gather`` with the gather's gradient.  The static shape is the number of true
    entries (TF1 prints ``?``)."""
    tensor = as_tensor(tensor)
    values = _constant_mask(mask)
    if axis not in (None, 0):
        raise UnsupportedOperationError(f"tf.boolean_mask(axis={axis}) is not supported yet by symopt.compat.v1; "
                                        "transpose the tensor and mask along axis 0")
    shape = tensor.shape.as_list()
    if values.ndim == 0 or values.ndim > tensor.ndim or list(values.shape) != shape[:values.ndim]:
        raise ValueError(f"Shapes {shape_text(tuple(values.shape))} and {shape_text(tensor.shape)} are incompatible "
                         "(tf.boolean_mask: the mask's shape must be the first dimensions of the tensor's)")
    picked = [int(i) for i in np.flatnonzero(values.ravel())]
    with name_scope(name):
        source = tensor if values.ndim == 1 else reshape(tensor, [-1])
        return gather(source, constant(picked, dtype=dtypes.int32), name="GatherV2")
