r"""TF1's ``x[...]`` (``tf.strided_slice``) on rank-1 and rank-2 tensors, with gradients.

A slice picks rows and columns of a matrix :math:`A` (a rank-1 tensor is an :math:`n \times 1` matrix).  With
positive steps it is SymPy's ``MatrixSlice`` ``A[r0:r1:rs, c0:c1:cs]`` (printed as a NumPy / JAX slice: the
picked entries only), whose adjoint rule in :mod:`symopt.calculus` scatters the gradient back,
:math:`\bar A = R^\top \bar Y C^\top` with :math:`R`, :math:`C` rows / columns of the identity (TF1's
``StridedSliceGrad``), printed as ``place(Ȳ, shape, rows, cols)``: :math:`\bar Y` written into zeros, memory linear
in :math:`A`'s size.  A negative step (``W[::-1]``), or a step that SymPy's ``MatrixSlice`` miscounts
(``W[::2]`` of 3 rows: it counts ``(stop - start) // step`` rows), is a :class:`~.copy_nodes.Taken` node, the rows and
columns copied (``W[2::-1]``; an ``inf`` beside a picked entry stays out of it), whose gradient puts the rows back.  A single entry ``x[i, j]`` is the
``MatrixElement`` :math:`A_{ij}`.

Every slice result remembers what it picked of its base matrix (:class:`Picked`), so a slice of a slice
(``W[1:3][0]``, the lecture's ``x[0][0]``) picks from the base directly.  Rows of a matrix whose row count
is the batch size (``None``): a range of them raises :class:`~symopt.errors.UnsupportedOperationError`; one such
row (``pred[0]``) is a value, and differentiating through it raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

import numpy as np
import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from ... import functions
from ...errors import UnsupportedOperationError
from ...nodes import scale, transpose
from ...operators import index_text as core_index_text
from .graph import Tensor, get_default_graph
from .copy_nodes import Taken
from .default_graph import unnamed
from .gather_ops import gather_along
from .rank_limits import rank3_refusal
from .recording import recorded
from .tensor_shape import dimension_value, shape_text

__all__ = ["Picked", "strided_slice", "index_text"]

#: An axis of the base matrix: one index (the axis is dropped), a list of indices, or ``None`` (all, in order).
Axis = Union[int, list, None]


@dataclass(frozen=True)
class Picked:
    """What a tensor holds of ``base`` (a SymPy matrix expression): ``rows`` and ``cols``, each an :data:`Axis`.
    A rank-2 tensor ``A`` is ``Picked(A, None, None)``; a rank-1 tensor ``v`` (an n x 1 matrix) is
    ``Picked(v, None, 0)``."""

    base: sympy.Basic
    rows: Axis
    cols: Axis
    shape: tuple  # the base's TF shape (rows, cols); None is the batch size

    @staticmethod
    def of(tensor: Tensor) -> "Picked":
        if tensor.picked is not None:
            return tensor.picked
        sizes = tuple(map(dimension_value, tensor.shape))
        if tensor.ndim == 1:
            return Picked(tensor.expr, None, 0, (sizes[0], 1))
        return Picked(tensor.expr, None, None, sizes)

    @property
    def kept(self) -> list[int]:
        """The base axes (0 rows, 1 columns) the tensor still has, in order."""
        return [axis for axis, picked in enumerate((self.rows, self.cols)) if not isinstance(picked, int)]


def index_text(index) -> str:
    """One index as Python writes it: ``0``, ``1:3``, ``::2``, ``...`` (:func:`symopt.operators.index_text`),
    ``tf.newaxis``, and a tensor's name."""
    if isinstance(index, Tensor):
        return index.name
    return "tf.newaxis" if index is None else core_index_text(index)


def _written(tensor: Tensor, index) -> str:
    """``tensor[index]`` as the program wrote it (for messages)."""
    parts = index if isinstance(index, tuple) else (index,)
    return f"{tensor.name}[{', '.join(map(index_text, parts))}]"


def _wrapped(index: Tensor, size: int) -> Tensor:
    """A scalar int tensor's index of an axis of ``size``, counted from the end when negative (TF1's strided slice:
    ``q[a]`` at ``a = -1`` is the last entry); still outside ``[0, size)`` when ``index`` is outside
    ``[-size, size)``, which the gather's check reports in TF1's words."""
    with unnamed():
        return Tensor(index.expr + size * functions.step(-index.expr), (), index.dtype, "add")


def _gathered(tensor: Tensor, parts: list, written: str, name: str) -> Tensor:
    """``q[a]``, ``M[i, j]``, ``M[:, a]`` with scalar int tensors among ints and whole axes: each tensor a
    gather along its axis of the index wrapped as TF1's strided slice does (value, dense gradient, and
    InvalidArgumentError "slice index 3 of dimension 0 out of bounds." out of ``[-size, size)``)."""
    dtypes = [part.dtype for part in parts if isinstance(part, Tensor)]
    if len(set(dtypes)) > 1:  # TF1 packs the indices into one begin tensor
        raise TypeError("Tensors in list passed to 'values' of 'Pack' Op have types "
                        f"[{', '.join(dtype.name for dtype in dtypes)}] that don't all match.")
    final = get_default_graph().unique_name(name)  # TF1 makes one StridedSlice op: the steps take no name
    result, axis = tensor, 0
    with unnamed():
        for dimension, part in enumerate(parts):
            if isinstance(part, Tensor) and part.dtype.is_integer and part.ndim == 0 and axis < result.ndim:
                size = dimension_value(result.shape[axis])
                if size is None:
                    raise UnsupportedOperationError(
                        f"{written} picks a run-time index of dimension {dimension}, the batch size, which is not "
                        "known before the session runs: pick rows of a tensor of known shape, or slice the data in "
                        "NumPy before feeding it")
                result = gather_along(result, _wrapped(part, size), axis, name, sliced_dimension=dimension,
                                      label=final)  # its range error names this op (review2 F6)
            elif isinstance(part, slice) and part == slice(None):
                axis += 1
            elif isinstance(part, (int, np.integer)) and not isinstance(part, bool):
                result = strided_slice(result, (slice(None),) * axis + (part,))
            else:
                raise UnsupportedOperationError(
                    f"indexing with a tensor ({written}) is supported by symopt.compat.v1 for scalar int tensors "
                    "beside ints and whole axes (q[a], M[i, j], M[:, a]); for entries at several run-time indices "
                    "use tf.gather(q, indices) or tf.gather_nd(M, index_pairs)")
    result = Tensor(result.expr, result.shape, result.dtype, final, exact_name=True)
    result.op_type = "StridedSlice"
    return result


def _checked_parts(tensor: Tensor, index, written: str) -> list:
    """``index`` as one part per axis of ``tensor`` (``...`` expanded, missing trailing axes ``:``)."""
    parts = list(index) if isinstance(index, tuple) else [index]
    for part in parts:
        if isinstance(part, slice):
            bounds = (part.start, part.stop, part.step)
            if all(b is None or isinstance(b, (int, np.integer)) for b in bounds):
                continue
            if any(isinstance(b, Tensor) for b in bounds):
                raise UnsupportedOperationError(
                    f"a slice with a tensor bound ({written}) is not supported by symopt.compat.v1: its length would "
                    "be known only when the graph runs; keep the length and mask the rest, e.g. "
                    "q * tf.cast(tf.range(n) >= a, q.dtype), or pick entries with tf.gather(q, indices)")
        elif part is Ellipsis or (isinstance(part, (int, np.integer)) and not isinstance(part, bool)):
            continue
        raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                        f"tf.int32/tf.int64 tensors are valid indices, got {part!r}")
    if parts.count(Ellipsis) > 1:
        raise ValueError("Multiple ellipses in slice spec not allowed")
    if Ellipsis in parts:
        at = parts.index(Ellipsis)
        parts[at:at + 1] = [slice(None)] * max(tensor.ndim - (len(parts) - 1), 0)
    if len(parts) > tensor.ndim:
        raise ValueError(f"Index out of range using input dim {tensor.ndim}; input has only {tensor.ndim} dims "
                         f"for 'strided_slice' (op: 'StridedSlice') with input shapes: {shape_text(tensor.shape)}")
    return parts + [slice(None)] * (tensor.ndim - len(parts))


def _new_axes(tensor: Tensor, parts: list, written: str) -> list[int]:
    """The result's axes that ``tf.newaxis`` (``None``) parts insert; a result above rank 2 raises."""
    dropped = sum(1 for part in parts if part is not None and part is not Ellipsis and not isinstance(part, slice))
    named = sum(1 for part in parts if part is not None and part is not Ellipsis)
    positions, axis = [], 0
    for part in parts:
        if part is None:
            positions.append(axis)
            axis += 1
        elif part is Ellipsis:
            axis += max(tensor.ndim - named, 0)
        elif isinstance(part, slice):
            axis += 1
    kept = tensor.ndim - dropped
    if positions and kept + len(positions) > 2:
        raise rank3_refusal(f"tf.newaxis in {written} makes a rank-{kept + len(positions)} tensor")
    return positions


def _with_new_axes(expr, shape: tuple, positions: list[int]) -> tuple:
    """A slice's expression and TF shape with dimensions of size 1 inserted at ``positions`` (result rank <= 2):
    a scalar becomes a 1 x 1 matrix, a vector a column (``v[:, tf.newaxis]``) or a row (``v[tf.newaxis]``)."""
    new_shape = list(shape)
    for position in positions:
        new_shape.insert(position, 1)
    if not shape:
        return scale(expr, sympy.OneMatrix(1, 1)), tuple(new_shape)
    return (transpose(expr) if positions == [0] else expr), tuple(new_shape)


def _picked_axis(current: Axis, size: int | None, part, axis: int, tensor: Tensor, written: str) -> Axis:
    """The base indices that ``part`` (an int or a slice of tensor axis ``axis``) picks of ``current``."""
    out_of_range = f"of dimension {axis} out of bounds. for 'strided_slice' (op: 'StridedSlice') with input " \
                   f"shapes: {shape_text(tensor.shape)}"
    if isinstance(part, slice):
        if part.step == 0:
            raise ValueError(f"strides[{axis}] must be non-zero for 'strided_slice' (op: 'StridedSlice') with "
                             f"input shapes: {shape_text(tensor.shape)}")
        if size is None:
            if part.indices(1 << 62) == (0, 1 << 62, 1):  # ':' keeps the whole batch
                return current
            examples = "entries" if tensor.ndim == 1 else "rows" if axis == 0 else "columns"  # columns: P25-3
            other = "" if tensor.ndim == 1 else \
                f"Slice the other dimension ({'x[:, 1:3]' if axis == 0 else 'x[1:3, :]'}), "
            raise UnsupportedOperationError(
                f"slicing the examples of a batch ({written}: dimension {axis} is the batch size None, the "
                f"{examples}) is not supported by symopt.compat.v1: the number of examples is unknown until a "
                f"session runs. {other}{'f' if other else 'F'}etch the whole tensor and slice the NumPy array it "
                f"returns, slice the data before feeding it, or give the placeholder a fixed number of {examples}")
        picked = list(range(*part.indices(size)))
        if not picked:
            raise UnsupportedOperationError(f"{written} picks no entries of dimension {axis} "
                                            f"({index_text(part)} of {size}): empty tensors are not supported by "
                                            "symopt.compat.v1")
        if current is None and picked == list(range(size)):
            return None
        return [current[i] for i in picked] if current is not None else picked
    position = int(part)
    if size is None:
        if position < 0:
            raise UnsupportedOperationError(
                f"{written} counts from the end of the batch, whose size is not known before the "
                "session runs; index from the start, or slice the data in NumPy before feeding it")
        return position if current is None else current[position]
    if not -size <= position < size:
        raise ValueError(f"slice index {position + size if position < 0 else position} {out_of_range}")
    position %= size
    return current[position] if current is not None else position


def _span(indices: list[int] | None, size: int | None) -> slice | None:
    """``indices`` of an axis of ``size`` as a slice ``start:stop:step`` with ``stop - start`` a multiple of a
    positive ``step`` (how SymPy's ``MatrixSlice`` counts its shape; ``:`` for ``None``, the whole axis), or
    None when there is no such slice (a negative step, or a step that would stop past the end)."""
    if indices is None:
        return slice(None)
    step = indices[1] - indices[0] if len(indices) > 1 else 1
    stop = indices[-1] + step
    if step > 0 and indices == list(range(indices[0], stop, step)) and (size is None or stop <= size):
        return slice(indices[0], stop, step)
    return None


def _expression(picked: Picked, tensor: Tensor, name: str):
    """The SymPy expression of ``picked``: an entry, the matrix slice ``base[r0:r1:rs, c0:c1:cs]``, or, for a
    negative step (or ``W[::2]`` of 3 rows, which ``MatrixSlice`` miscounts), ``R @ base @ C`` (transposed when one
    row is picked)."""
    base, rows, cols = picked.base, picked.rows, picked.cols
    if isinstance(rows, int) and isinstance(cols, int):
        return MatrixElement(base, rows, cols)
    row_list = [rows] if isinstance(rows, int) else rows
    col_list = [cols] if isinstance(cols, int) else cols
    if isinstance(base, sympy.ImmutableMatrix):  # a constant: its entries
        entries = base.extract(*(list(range(n)) if axis is None else axis for axis, n in zip((row_list, col_list),
                                                                                              base.shape)))
        return entries.T if isinstance(rows, int) else entries
    spans = (_span(row_list, picked.shape[0]), _span(col_list, picked.shape[1]))
    if None not in spans:
        product = base if spans == (slice(None), slice(None)) else base[spans]
    else:  # copied entries (numpy's own slice or take): an inf beside a picked entry stays out of it
        product = base if row_list is None else Taken(base, 0, row_list)
        if col_list is not None and not (isinstance(cols, int) and picked.shape[1] == 1):
            product = Taken(product, 1, col_list)
    return transpose(product) if isinstance(rows, int) else product


@recorded
def strided_slice(tensor: Tensor, index, name: str = "strided_slice", op_type: str = "StridedSlice") -> Tensor:
    """``tensor[index]`` as TF1: ints drop an axis (``x[:, 0]`` has shape ``(?,)``), slices keep it
    (``start:stop:step``, negative indices count from the end), ``...`` stands for the axes not written.
    Named ``strided_slice``, ``strided_slice_1``, ... (``name``; ``tf.slice`` passes ``Slice``); a constant index
    out of range is TF1's ValueError."""
    written = _written(tensor, index)
    given = list(index) if isinstance(index, tuple) else [index]
    if any(isinstance(part, Tensor) for part in given):
        return _gathered(tensor, given, written, name)
    new_axes = _new_axes(tensor, given, written)
    if tensor.ndim == 0:
        if any(part is not None and part is not Ellipsis for part in given):
            raise ValueError("Index out of range using input dim 0; input has only 0 dims for 'strided_slice' (op: "
                             "'StridedSlice') with input shapes: []")
        expr, shape = _with_new_axes(tensor.expr, (), new_axes)  # s[tf.newaxis]
        result = Tensor(expr, shape, tensor.dtype, name)
        result.op_type = op_type
        return result
    parts = _checked_parts(tensor, tuple(part for part in given if part is not None), written)
    current = Picked.of(tensor)
    axes = {0: current.rows, 1: current.cols}
    for dimension, (axis, part) in enumerate(zip(current.kept, parts)):
        axes[axis] = _picked_axis(axes[axis], dimension_value(tensor.shape[dimension]), part, dimension, tensor,
                                  written)
    picked = Picked(current.base, axes[0], axes[1], current.shape)
    name = get_default_graph().unique_name(name)
    shape = tuple(current.shape[axis] if picked_axis is None else len(picked_axis)
                  for axis, picked_axis in enumerate((picked.rows, picked.cols)) if not isinstance(picked_axis, int))
    expr = _expression(picked, tensor, name.rsplit("/", 1)[-1])
    if new_axes:
        expr, shape = _with_new_axes(expr, shape, new_axes)
    result = Tensor(expr, shape, tensor.dtype, name, exact_name=True)
    result.picked = picked if shape and not new_axes else None
    result.op_type = op_type
    return result
