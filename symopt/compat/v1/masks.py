"""``tf.sequence_mask(lengths, maxlen)``: row ``i`` is true in its first ``lengths[i]`` entries (TF1's
``range(maxlen) < lengths[:, None]``, a ``tf.bool`` matrix, or of ``dtype``)."""

from __future__ import annotations

import sympy

from ...errors import UnsupportedOperationError
from . import dtypes
from .comparison_ops import less
from .graph import Tensor, as_tensor, name_scope
from .math_ops import cast
from .shape_ops import expand_dims, range as range_op

__all__ = ["sequence_mask"]


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
