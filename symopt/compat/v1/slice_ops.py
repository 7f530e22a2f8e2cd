"""``tf.slice`` and ``tf.strided_slice``: the functional forms of ``tensor[index]`` (:mod:`.slicing`).

Both take their bounds as Python ints (lists, tuples or NumPy arrays; a constant tensor is read once); a size of
``tf.slice`` along the batch dimension may be the batch size ``tf.shape(x)[0]`` from ``begin`` 0: the whole batch.  They
build the index ``tensor[index]`` would use, so values, gradients and the typed errors are those of slicing:

* ``tf.slice(x, begin, size)``: axis ``i`` is ``begin[i] : begin[i] + size[i]`` (``size[i] = -1``: to the end);
  a window outside the tensor is TF1's ``ValueError``.  Named ``Slice``, ``Slice_1``, ...
* ``tf.strided_slice(x, begin, end, strides)``: axis ``i`` is ``begin[i] : end[i] : strides[i]`` (bounds for the
  first axes only leave the others whole); bit ``i`` of
  ``begin_mask`` / ``end_mask`` drops that bound, of ``shrink_axis_mask`` takes the single entry ``begin[i]``
  (the axis goes).  ``ellipsis_mask`` and ``new_axis_mask`` raise.  Named ``StridedSlice``, ...
"""

from __future__ import annotations

import builtins

import numpy as np
import sympy

from ...errors import UnsupportedOperationError
from ...symbols import BATCH
from .array_pieces import int_vector_entries
from .gather_ops import gather_along
from .graph import Tensor, as_tensor
from .recording import recorded
from .session import constant_value
from .slicing import strided_slice as index_tensor
from .tensor_shape import dimension_value

__all__ = ["slice", "strided_slice"]


def _ints(bounds, what: str, rank: int, op: str, leading: bool = False, batch: bool = False) -> list:
    """The bounds as ``rank`` Python ints (a constant tensor is evaluated; ``leading``: as many as the first axes
    they bound, as ``tf.strided_slice`` takes), else TF1's ValueError.  A list holding scalar tensors
    (``[tf.shape(x)[0], 1]``) or a vector of the batch size (``tf.shape(x)``) gives their values; with ``batch``,
    the batch size's (:data:`~symopt.symbols.BATCH`) as a SymPy expression, else a typed refusal."""
    if isinstance(bounds, (list, tuple)) and any(isinstance(b, Tensor) for b in bounds) or \
            isinstance(bounds, Tensor) and BATCH in getattr(bounds.expr, "free_symbols", ()):  # tf.shape(x)
        values = [sympy.sympify(v) for v in int_vector_entries(bounds, f"'{op}' {what}")]
        if not all(v.is_Integer or batch for v in values):
            raise UnsupportedOperationError(f"'{op}' {what} {bounds!r}: symopt.compat.v1 takes the bounds as Python "
                                            "ints or constants here; the batch size (tf.shape(x)[0]) is not one")
        values = [int(v) if v.is_Integer else v for v in values]
    else:
        if _fed(bounds):  # known only when the graph runs: no shape to build (probe31 P31-8)
            raise UnsupportedOperationError(
                f"'{op}' {what} {bounds.name}, known only when the graph runs: symopt.compat.v1 takes the bounds as "
                "Python ints or constants here; for one entry of a vector at a run-time index write "
                "tf.slice(x, begin, [1]) or x[i] with a scalar int tensor i, and pick entries with tf.gather")
        values = constant_value(bounds) if isinstance(bounds, Tensor) else bounds
        array = np.asarray(values)
        if array.ndim != 1 or not np.issubdtype(array.dtype, np.integer):
            raise ValueError(f"{op}: {what} must be {rank} integers, one per axis of the input; given {values!r}")
        values = [int(v) for v in array]
    if not (len(values) == rank or leading and 0 < len(values) <= rank):
        raise ValueError(f"{op}: {what} must be {rank} integers, one per axis of the input; given {bounds!r}")
    return values


def _count(count, start: int, length, axis: int):
    """A size of ``tf.slice`` as an int: the batch size (``tf.shape(x)[0]``) from ``begin`` 0, the whole batch
    dimension, is ``-1``; another is refused (typed: rows of a batch have no gradient here, final32 #10e)."""
    if isinstance(count, int):
        return count
    if length is None and start == 0 and sympy.expand(count - BATCH) == 0:
        return -1
    raise UnsupportedOperationError(
        f"tf.slice size {count} along axis {axis} (the batch size m = tf.shape(x)[0]): symopt.compat.v1 takes a size "
        "of the whole batch, tf.shape(x)[0] from begin 0, or -1 for it (tf.slice(x, [0, j], [-1, 1]) is column j of "
        "the batch)")


@recorded  # deferred while a placeholder without a shape leaves the rank unknown
def slice(input_, begin, size, name=None) -> Tensor:  # noqa: A001 - TF1's name
    """``tf.slice``: the window of ``size[i]`` entries from ``begin[i]`` along each axis (-1: to the end)."""
    tensor = as_tensor(input_)
    if _fed(begin):  # tf.slice(weights, action, [1]): the entry at a run-time index (probe31 P31-3)
        return _window_at(tensor, as_tensor(begin), _ints(size, "size", tensor.ndim, "Slice"), name or "Slice")
    begin, size = _ints(begin, "begin", tensor.ndim, "Slice"), _ints(size, "size", tensor.ndim, "Slice", batch=True)
    index = []
    for axis, (start, count) in enumerate(zip(begin, size)):
        length = dimension_value(tensor.shape[axis])
        count = _count(count, start, length, axis)
        stop = None if count == -1 else start + count
        if length is not None and not (0 <= start <= length and (count == -1 or 0 <= count <= length - start)):
            raise ValueError(f"Expected size[{axis}] in [0, {length - start}], but got {count} (begin[{axis}] = "
                             f"{start}, dimension {length}) for 'Slice'")
        index.append(builtins.slice(start, stop))
    return index_tensor(tensor, tuple(index), name=name or "Slice", op_type="Slice")


def _fed(bounds) -> bool:
    """Whether ``bounds`` is a tensor whose value is known only when the graph runs (a placeholder, a variable)."""
    return isinstance(bounds, Tensor) and bool(getattr(bounds.expr, "free_symbols", ())) and \
        BATCH not in bounds.expr.free_symbols


def _window_at(tensor: Tensor, begin: Tensor, size: list, name: str) -> Tensor:
    """``tf.slice`` of a vector from a run-time ``begin`` (a one-entry int tensor) of ``size`` ``[1]``: the entry at
    ``begin[0]`` as a vector of one (a gather of that index with TF1's dense gradient of a slice; when it runs, an
    index outside ``[0, n)``, a negative one too, is TF1's ``InvalidArgumentError``: probe31 P31-8); any other
    run-time window is refused, naming that spelling."""
    if tensor.ndim != 1 or size != [1] or tuple(begin.shape.as_list()) != (1,) or not begin.dtype.is_integer:
        raise UnsupportedOperationError(
            f"'Slice' of {tensor.name} (shape {list(tensor.shape.as_list())}) from begin {begin.name}, known only "
            f"when the graph runs, with size {size}: symopt.compat.v1 takes a run-time begin for one entry of a "
            "vector (size [1]); for other windows give the bounds as Python ints, or pick entries with tf.gather")
    return gather_along(tensor, begin, 0, name, sliced_dimension=0, label=name)  # a negative begin: out of range


@recorded  # deferred while a placeholder without a shape leaves the rank unknown
def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0,
                  shrink_axis_mask=0, var=None, name=None) -> Tensor:
    """``tf.strided_slice``: ``begin[i]:end[i]:strides[i]`` along each axis, with TF1's masks (see the module)."""
    if ellipsis_mask or new_axis_mask:
        raise UnsupportedOperationError(
            "tf.strided_slice: ellipsis_mask and new_axis_mask are not supported by symopt.compat.v1; write the "
            "index with ... (x[..., 1]) instead, and add axes with tf.expand_dims")
    tensor = as_tensor(input_)
    rank = tensor.ndim
    begin = _ints(begin, "begin", rank, "StridedSlice", leading=True)
    end = _ints(end, "end", rank, "StridedSlice", leading=True)
    strides = [1] * len(begin) if strides is None else _ints(strides, "strides", rank, "StridedSlice", leading=True)
    if not len(begin) == len(end) == len(strides):
        raise ValueError(f"StridedSlice: begin, end and strides must have one length; given {len(begin)}, "
                         f"{len(end)} and {len(strides)}")
    index = []
    for axis in range(len(begin)):  # the axes after them are taken whole
        if shrink_axis_mask >> axis & 1:
            index.append(begin[axis])
            continue
        start = None if begin_mask >> axis & 1 else begin[axis]
        stop = None if end_mask >> axis & 1 else end[axis]
        index.append(builtins.slice(start, stop, strides[axis]))
    return index_tensor(tensor, tuple(index), name=name or "StridedSlice")
