"""TF1's small shape and constant helpers: ``tf.shape``, ``tf.size``, ``tf.rank``, ``tf.range``, ``tf.eye``,
``tf.expand_dims``, ``tf.squeeze``, ``tf.placeholder_with_default``.

``shape`` and ``size`` are integer tensors whose entries are the static sizes, with the batch size :math:`m`
(:data:`symopt.symbols.BATCH`, known once a session feeds the batch) for a ``None`` dimension;

``range`` and ``eye`` are constants, computed as TF1's kernels compute them; ``expand_dims`` and ``squeeze``
are :func:`~symopt.compat.v1.array_ops.reshape`\\ s (ranks up to 2, as everywhere in symopt.compat.v1).
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from ...compiler import free_inputs
from ...errors import UnsupportedOperationError
from ...symbols import Placeholder as CorePlaceholder
from . import dtypes
from .array_ops import reshape
from .array_pieces import int_vector_entries
from .axis_lists import normalized_axes
from .batch_index import is_batch_size, row_numbers
from .batch_squeezes import mark
from .graph import Tensor, as_tensor, constant, get_default_graph, name_scope, shape_tuple
from .program_dtypes import symbol_dtype
from .feeds import internal, note_batch_sources
from .rank_limits import rank3_refusal
from .run_plan import program_array
from .recording import recorded
from .tensor_shape import shape_text
from .tensors import listed

__all__ = ["shape", "size", "rank", "range", "eye", "expand_dims", "squeeze", "placeholder_with_default"]


def _sizes(x: Tensor) -> list:
    """The sizes of ``x``'s dimensions as SymPy integers (the batch size symbol where TF1's shape says None); the
    placeholders that give ``x`` its batch size are noted on the graph (a program reading only the size takes them)."""
    note_batch_sources(x)
    sizes = list(x.expr.shape) if x.ndim else []
    return sizes[:1] if x.ndim == 1 else sizes


def _integer_type(out_type, op: str):
    out_type = dtypes.as_dtype(out_type)
    if out_type not in (dtypes.int32, dtypes.int64):
        raise TypeError(f"Value passed to parameter 'out_type' of '{op}' has DataType {out_type.name} not in list "
                        "of allowed values: int32, int64")
    return out_type


@recorded
def shape(input, name=None, out_type=dtypes.int32) -> Tensor:  # noqa: A002 - TF1's name
    """``tf.shape(x)``: the sizes of ``x``'s dimensions as a rank-1 integer tensor (``tf.shape(X)[0]`` is the
    batch size of a ``[None, n]`` placeholder, known when the session runs)."""
    x = as_tensor(input)
    if x.ndim == 0:
        raise UnsupportedOperationError(f"tf.shape of the scalar {x.name} is an empty vector, which "
                                        "symopt.compat.v1 does not represent; a scalar's shape is []")
    return Tensor(sympy.ImmutableMatrix([[size] for size in _sizes(x)]), (x.ndim,), _integer_type(out_type, "Shape"),
                  name or "Shape")


@recorded
def size(input, name=None, out_type=dtypes.int32) -> Tensor:  # noqa: A002 - TF1's name
    """``tf.size(x)``: the number of entries of ``x`` (a scalar integer tensor)."""
    x = as_tensor(input)
    return Tensor(sympy.Mul(*_sizes(x)), (), _integer_type(out_type, "Size"), name or "Size")


shape.result_dtype = size.result_dtype = dtypes.int32  # a deferred one's dtype (unless out_type= says)
shape.static_shape = lambda args, kwargs: (None,)  # a deferred one's static shape: a vector, (?,) as in TF1
size.static_shape = lambda args, kwargs: ()


@recorded
def rank(input, name=None) -> Tensor:  # noqa: A002 - TF1's name
    """``tf.rank(x)``: the number of dimensions of ``x`` (an int32 scalar; of a placeholder without a shape, the rank
    of the value a run feeds, as TF1's ``Rank`` computes it when the graph runs)."""
    x = as_tensor(input)
    return constant(x.ndim, dtype=dtypes.int32, name=name or "Rank")


rank.result_dtype, rank.tf_name = dtypes.int32, "Rank"  # a deferred one's: Tensor("Rank:0", shape=(), dtype=int32)
rank.static_shape = size.static_shape


#: tf.range's dtypes from narrow to wide: without dtype= it takes the widest of its arguments'.
_RANGE_DTYPES = {dtypes.int32: 0, dtypes.int64: 1, dtypes.float32: 2, dtypes.float64: 3}


def range(start, limit=None, delta=1, dtype=None, name="range") -> Tensor:  # noqa: A001 - TF1's name
    """``tf.range(start, limit, delta)``: ``start, start + delta, ...`` below ``limit`` (``tf.range(n)`` counts
    from 0).  Of the widest dtype of its arguments (Python ints int32, floats float32, NumPy scalars their own) unless
    ``dtype`` says otherwise; each value is the
    previous one plus ``delta`` in that dtype, as TF 1.x's kernel adds (``val += delta`` in ``RangeOp``; TF 2.x's
    ``tf.compat.v1`` computes ``start + i * delta`` instead, so float digits differ after a few entries).  A
    ``limit`` on the wrong side of ``start`` is TF1's ``ValueError``, as its shape function raises."""
    if limit is None:
        start, limit = 0, start
    if any(isinstance(v, Tensor) for v in (start, limit, delta)):
        if not all(_known_integer(v) for v in (start, limit, delta)):
            return _batch_range(start, limit, delta, dtype, name)
        # tf.range(tf.shape(q)[0]) of a q of known rows, a constant: its numbers (probe31 P31-2), in the widest
        # dtype of all three (tf.range(0.5, n) is float32: final35 F35-1)
        dtype = dtype or max((v.dtype if isinstance(v, Tensor) else dtypes.infer_dtype(v) for v in (start, limit, delta)),
                             key=lambda d: _RANGE_DTYPES.get(d, -1))
        start, limit, delta = (int(v.expr) if isinstance(v, Tensor) else v for v in (start, limit, delta))
    if dtype is None:  # TF1's: the widest of the arguments' own dtypes (np.float64(0.0) is float64, 3 int32)
        dtype = max((dtypes.infer_dtype(v) for v in (start, limit, delta)), key=lambda d: _RANGE_DTYPES.get(d, -1))
    dtype = dtypes.as_dtype(dtype)
    if delta == 0:
        raise ValueError("Requires delta != 0: 0")
    kind = np.dtype(dtype.name).type
    start, limit, delta = kind(start), kind(limit), kind(delta)
    if start > limit if delta > 0 else start < limit:
        spec = "d" if dtype.is_integer else "g"
        raise ValueError(f"Requires start {'<=' if delta > 0 else '>='} limit when delta {'>' if delta > 0 else '<'} "
                         f"0: {start:{spec}}/{limit:{spec}} for '{name}' (op: 'Range'); swap start and limit or "
                         "change delta's sign")
    if dtype.is_integer:
        size = max(0, (abs(int(limit) - int(start)) + abs(int(delta)) - 1) // abs(int(delta)))
        size = size if (limit - start > 0) == (delta > 0) else 0
    else:
        size = max(0, math.ceil(float(abs((limit - start) / delta)))) if (limit > start) == (delta > 0) else 0
    values = np.empty(size, dtype=dtype.name)
    value = start
    for index in np.arange(size):
        values[index] = value
        value = kind(value + delta)
    return constant(values, dtype=dtype, name=name)


def _known_integer(value) -> bool:
    """Whether ``value`` is a number, or a tensor holding an integer known when the graph is built
    (``tf.shape(q)[0]`` of a ``q`` of known rows, ``tf.constant(3)``)."""
    return not isinstance(value, Tensor) or (value.dtype.is_integer and isinstance(value.expr, sympy.Integer))


def _batch_range(start, limit, delta, dtype, name: str) -> Tensor:
    """``tf.range(tf.shape(x)[0])``: the batch's row numbers (:mod:`~symopt.compat.v1.batch_index`); other tensor
    arguments are refused with TF1's static spelling."""
    if is_batch_size(limit) and _is_number(start, 0) and _is_number(delta, 1):
        kind = dtypes.as_dtype(dtype) if dtype is not None else limit.dtype
        return row_numbers(kind, name)
    given = ", ".join(repr(v) for v in (start, limit, delta))
    raise UnsupportedOperationError(
        f"tf.range({given}): symopt.compat.v1 takes Python numbers, or tf.range(tf.shape(x)[0]) (the row numbers "
        "0 .. m-1 of the fed batch); for another count known before the run pass it as a Python int, e.g. "
        "tf.range(x.shape[1].value) (TF1's static shape), and compute the rest in NumPy before feeding")


def _is_number(value, number) -> bool:
    """Whether ``value`` is the Python (or constant tensor) ``number``."""
    if isinstance(value, Tensor):
        return value.expr is not None and value.ndim == 0 and value.expr == number
    return value == number


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None) -> Tensor:
    """``tf.eye(n)`` / ``tf.eye(n, m)``: the identity matrix (ones on the main diagonal) as a constant."""
    if batch_shape is not None:
        raise UnsupportedOperationError("tf.eye(batch_shape=...) is not supported yet by symopt.compat.v1")
    dtype = dtypes.as_dtype(dtype)
    columns = num_rows if num_columns is None else num_columns
    if isinstance(num_rows, Tensor) or isinstance(columns, Tensor):
        return _sized_eye(num_rows, columns, dtype, name)
    rows, columns = int(num_rows), int(columns)
    with name_scope(name or "eye"):  # TF1's names: eye/diag, eye_1/set_diag
        return constant(np.eye(rows, columns, dtype=dtype.name), dtype=dtype,
                        name="diag" if num_columns is None or columns == rows else "set_diag")


def _sized_eye(num_rows, columns, dtype, name) -> Tensor:
    """``tf.eye`` of sizes given as tensors: of a constant scalar, or the batch-sized identity
    ``tf.eye(tf.shape(x)[0])`` (the "not the same example" mask of triplet and contrastive losses, probe13 W18)."""
    rows, cols = map(sympy.sympify, int_vector_entries([num_rows, columns], "tf.eye num_rows / num_columns"))
    if rows.is_Integer and cols.is_Integer:
        return eye(int(rows), int(cols), dtype=dtype, name=name)
    if rows != cols:
        raise UnsupportedOperationError(
            f"tf.eye({num_rows!r}, num_columns={columns!r}): an identity of the batch size by another number of "
            "columns is not supported by symopt.compat.v1; the square tf.eye(tf.shape(x)[0]) is")
    with name_scope(name or "eye"):  # TF1's name: eye/diag
        return Tensor(sympy.Identity(rows), (None, None), dtype, "diag")


@recorded  # deferred while a placeholder without a shape leaves the rank unknown
def expand_dims(input, axis=None, name=None, dim=None) -> Tensor:  # noqa: A002 - TF1's name
    """``tf.expand_dims(x, axis)``: a dimension of size 1 inserted at ``axis`` (result rank at most 2)."""
    x = as_tensor(input)
    axis = dim if axis is None else axis
    rank = x.ndim + 1
    if rank > 2:
        raise rank3_refusal(f"tf.expand_dims of shape {shape_text(x.shape)} makes a rank-{rank} tensor")
    if not -rank <= int(axis) < rank:
        raise ValueError(f"Tried to expand dim index {axis} for tensor with {x.ndim} dimensions.")
    target = [-1 if d is None else d for d in x.shape]
    target.insert(int(axis) % rank, 1)
    expanded = reshape(x, target, name=name or "ExpandDims")
    expanded.recipe = None  # its own recipe (recorded): a rebuild on another rank (batch_squeezes.py) expands that
    return expanded


@recorded  # deferred while a placeholder without a shape leaves the rank unknown
def squeeze(input, axis=None, name=None, squeeze_dims=None) -> Tensor:  # noqa: A002 - TF1's name
    """``tf.squeeze(x)``: the dimensions of size 1 removed (only those in ``axis`` when it is given; ``axis=[]``
    is TF1's "all", as ``None``)."""
    x = as_tensor(input)
    axis = listed(squeeze_dims if axis is None else axis)
    if isinstance(axis, (list, tuple)) and not axis:  # TF1's empty squeeze_dims: every size-1 dimension (F41a-5)
        axis = None
    if axis is None:
        axes = {i for i, d in enumerate(x.shape) if d == 1}
    else:
        given = [int(a) for a in (axis if isinstance(axis, (list, tuple)) else [axis])]
        axes = set(normalized_axes(  # out of range: TF1's error, not another axis (probe56 P56-6)
            given, x.ndim,
            lambda index, a: ValueError(f"squeeze_dims[{index}] not in [{-x.ndim},{x.ndim}). for "
                                        f"'{name or 'Squeeze'}' (op: 'Squeeze') with input shapes: "
                                        f"{shape_text(x.shape)} (axis {given})")))
        for a in axes:
            if x.shape.as_list()[a] != 1:
                raise ValueError(f"Can not squeeze dim[{a}], expected a dimension of 1, got {x.shape[a]}")
    target = [-1 if d is None else d for i, d in enumerate(x.shape) if i not in axes]
    if target.count(-1) > 1 and not axes:  # (?, ?) (a - c of [None] and [None, 1]): nothing to drop when built
        squeezed = Tensor(x.expr, tuple(x.shape), x.dtype, name or "Squeeze")
    else:
        squeezed = reshape(x, target, name=name or "Squeeze")
    squeezed.recipe = None  # its own recipe (recorded, TF1's op type Squeeze): a rebuild for a run squeezes again
    if axis is None and None in x.shape:  # TF1 squeezes the batch too when it is one row (batch_squeezes.py)
        return mark(squeezed, x)
    return squeezed


@recorded
def _defaulted(default: Tensor, name: str) -> Tensor:
    """A placeholder whose default reads variables or placeholders: its default's value, fed like a computed tensor
    (recorded, so a run that feeds what the default reads rebuilds it)."""
    tensor = Tensor(default.expr, tuple(default.shape), default.dtype, name)
    if default.dtype == dtypes.string:  # its value computed on the host (final46a2 46a2-10: unfed, it crashed)
        tensor.host = default.host
    return tensor


def placeholder_with_default(input, shape, name=None) -> Tensor:  # noqa: A002 - TF1's name
    """``tf.placeholder_with_default(input, shape)``: the value of ``input`` unless the session feeds another
    value of ``shape``.  ``shape`` must be fully known and equal ``input``'s.

    A constant default (a number, an array, a tensor that reads no variable or placeholder) makes a placeholder of
    its own, bound to the default's value when it is not fed: feeding it changes only what reads it, and a gradient
    treats it as an input (TF1's, whose default has no gradient).  A default that reads variables or placeholders
    is that tensor, fed like any computed tensor (TF1's gradient passes through it to the default's inputs)."""
    default = as_tensor(input)
    shape = shape_tuple(shape)
    if None in shape or shape != tuple(default.shape):
        raise UnsupportedOperationError(f"tf.placeholder_with_default with shape {shape_text(shape)} for a default "
                                        f"of shape {shape_text(default.shape)}: symopt.compat.v1 supports only a "
                                        "fully known shape equal to the default's")
    graph = get_default_graph()
    if default.host is not None or not set(free_inputs([default.expr])) <= graph.constants.keys():
        return _defaulted(default, name=name or "PlaceholderWithDefault")
    from .session import constant_value  # the session module builds on this one
    value = program_array(default, constant_value(default))
    op_name = graph.unique_name(name or "PlaceholderWithDefault")
    symbol = CorePlaceholder(op_name, shape=shape, dtype=symbol_dtype(default.dtype))
    graph.constants[symbol] = internal(value)  # its value unless fed (Session._value_of reads a feed first)
    tensor = Tensor(symbol, shape, default.dtype, op_name, exact_name=True)
    graph.placeholders[symbol] = tensor
    tensor.is_placeholder = True
    return tensor
