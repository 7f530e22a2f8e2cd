r"""TF1's shape and reduction functions: transpose, reshape, reduce_sum/mean/max, argmax, equal, one_hot, zeros.

Tensors of rank 1 are ``(n, 1)`` columns inside, so a TF result of shape ``(n,)``
reuses the ``(n, 1)`` matrix symopt's reductions keep (``ops.sum(A, axis=1)``), and
one of shape ``(1, n)`` reduced to ``(n,)`` is transposed.  The math itself comes
from :mod:`symopt.ops` and :mod:`symopt.reductions`; this module only maps TF's
axes, ``keepdims`` and ranks onto it.
"""

from __future__ import annotations

import math
import numbers

import sympy
from sympy import OneMatrix, ZeroMatrix

from ... import ops
from ...errors import UnsupportedOperationError
from ...nodes import ElementSum, scale
from ...nodes import transpose as transpose_expr
from ...reductions import ArgMax, Equal, OneHot, ReduceMax, Reshape
from . import dtypes
from ...symbols import BATCH
from .feeds import note_batch_sources
from .function_operands import check_first_operand
from .recording import recorded
from .variables import view
from .graph import (
    Tensor,
    as_tensor,
    broadcast_matrix,
    broadcast_shape,
    constant,
    convert_pair,
    matmul,
    matrix_of,
    shape_text,
)
from .broadcasting import exact_in_float64, in_floats

__all__ = ["transpose", "reshape", "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "argmax", "argmin",
           "equal", "one_hot", "zeros", "ones", "zeros_like", "ones_like", "arg_max", "arg_min", "convert_to_tensor",
           "tensordot", "identity", "negatable"]


@recorded
def transpose(a, perm=None, name: str = "transpose", conjugate: bool = False) -> Tensor:
    """``tf.transpose``: a rank-2 tensor's transpose (``perm`` ``[1, 0]``); ranks 0 and 1 are unchanged."""
    a = as_tensor(a)
    order = [1, 0] if perm is None else [int(p) for p in perm]
    if a.ndim < 2 or order == [0, 1]:
        return a
    if order != [1, 0]:
        raise ValueError(f"perm must be a permutation of [0, 1] for a rank-2 tensor; given {list(perm)}")
    return Tensor(transpose_expr(a.expr), a.shape[::-1], a.dtype, f"{name}:0")


# ---------------------------------------------------------------- reshape

def _target_shape(source: tuple, shape, op: str) -> tuple:
    """Resolve one ``-1`` in ``shape`` against the source's size (``None`` = the batch dimension)."""
    target = [-1 if d is None else int(d) for d in (shape if isinstance(shape, (list, tuple)) else [shape])]
    if len(target) > 2:
        raise UnsupportedOperationError(f"'{op}' to shape {target}: symopt.compat.v1 supports tensors of ranks 0, 1 "
                                        "and 2; keep the data as a matrix (e.g. [batch, rows * columns]) and index it")
    if target.count(-1) > 1 or any(d < -1 for d in target):
        raise ValueError(f"'{op}': at most one dimension may be -1 and none below it; given {target}")
    known = math.prod(d for d in source if d is not None)
    batched = None in source
    rest = math.prod(d for d in target if d != -1)
    if -1 not in target:
        if batched:  # TF1 builds it and checks the count when the graph runs
            raise UnsupportedOperationError(
                f"'{op}' of a tensor of shape {shape_text(source)} (the batch) to the fixed shape "
                f"{shape_text(target)} is not supported by symopt.compat.v1: its batch dimension is the fed size; "
                "keep -1 for it (tf.reshape(x, [-1, ...])) or give the placeholder its size")
        if rest != known:
            size = f"{known} elements"
            raise ValueError(f"Cannot reshape a tensor with {size} to shape {shape_text(target)} ({rest} elements) "
                             f"for '{op}' (op: 'Reshape') with input shapes: {shape_text(source)}.")
        return tuple(target)
    if batched and (rest == 0 or known % rest):  # [?, 2] to [-1, 4]: TF1 checks an even batch when it runs
        raise UnsupportedOperationError(
            f"'{op}' of a tensor of shape {shape_text(source)} to {shape_text(target)} is not supported by "
            f"symopt.compat.v1: the rows of {known} entries would have to pair up across examples of the batch; "
            "reshape each example (keep its entries in one row) or reshape the fed array with NumPy")
    if rest == 0 or known % rest:
        raise ValueError(f"Cannot reshape a tensor of shape {shape_text(source)} to shape {shape_text(target)}: "
                         f"{known if not batched else '? x ' + str(known)} elements do not divide into {rest}")
    fill = None if batched else known // rest
    return tuple(fill if d == -1 else d for d in target)


def holds_tensors(shape) -> bool:
    """Whether a shape argument is a tensor or a list holding one (``[tf.shape(x)[0], -1]``)."""
    return isinstance(shape, Tensor) or isinstance(shape, (list, tuple)) and any(isinstance(d, Tensor) for d in shape)


def _batch_resolved(x: Tensor, shape, op: str) -> list:
    """A shape given with tensors (``[tf.shape(x)[0], -1]``, ``tf.stack([b, -1])``) as ints and ``-1``: the entry
    :math:`k m` (a multiple of the batch size) becomes ``-1`` (the batch dimension), and a ``-1`` beside it the size
    that leaves; anything else is refused."""
    from .array_pieces import int_vector_entries  # that module builds on this one
    entries = int_vector_entries(shape, f"'{op}' shape")
    batched = [i for i, d in enumerate(entries) if isinstance(d, sympy.Basic) and d.has(BATCH)]
    if not batched:
        return [int(d) for d in entries]
    factor = entries[batched[0]] / BATCH
    known = math.prod(d for d in x.shape if d is not None)
    others = [int(d) for i, d in enumerate(entries) if i != batched[0]]
    if len(batched) > 1 or not factor.is_Integer or None not in x.shape or x.shape.as_list().count(None) > 1:
        raise UnsupportedOperationError(f"'{op}' to the shape {entries} of {x.name} (shape {shape_text(x.shape)}): "
                                        "symopt.compat.v1 supports one multiple of the batch size of a tensor with a "
                                        "batch dimension; use -1 for it")
    rest = int(factor) * math.prod(d for d in others if d != -1)
    if rest == 0 or known % rest:
        raise ValueError(f"Cannot reshape a tensor of shape {shape_text(x.shape)} to shape {entries} for '{op}'")
    if -1 not in others and rest != known:
        raise ValueError(f"Cannot reshape a tensor with ? x {known} elements to shape {entries} for '{op}'")
    return [-1 if i == batched[0] else (known // rest if d == -1 else int(d)) for i, d in enumerate(entries)]


def _internal_dims(shape: tuple, source_matrix) -> tuple:
    """The ``(rows, cols)`` of a resolved TF shape in symopt's layout; a ``None`` (batch) dimension
    holds what the others leave of the source's size (``4*m`` for ``(None, 4) -> (-1,)``)."""
    total = source_matrix.shape[0] * source_matrix.shape[1]
    other = math.prod(d for d in shape if d is not None)
    dims = [sympy.expand(total / other) if d is None else sympy.Integer(d) for d in shape]
    return (dims[0], sympy.Integer(1)) if len(dims) == 1 else tuple(dims)


@recorded
def reshape(tensor, shape, name: str | None = None) -> Tensor:
    """``tf.reshape`` in row-major order; ``-1`` takes the remaining size.

    ``(n,) <-> (n, 1)`` keeps the expression, ``(n,) <-> (1, n)`` is a transpose; other layouts
    (flattening a known shape, ``(None, k) -> (-1,)``) become a :class:`~symopt.reductions.Reshape` node.
    """
    x = as_tensor(tensor)
    op = name or "Reshape"
    if holds_tensors(shape):
        shape = _batch_resolved(x, shape, op)
    target = _target_shape(x.shape, shape, op)
    if target == ():
        if x.ndim and math.prod(d for d in x.shape) != 1:
            raise ValueError(f"Cannot reshape a tensor of shape {shape_text(x.shape)} to a scalar")
        return Tensor(ElementSum(x.expr) if x.ndim else x.expr, (), x.dtype, f"{op}:0")
    source = matrix_of(x)
    rows, cols = _internal_dims(target, source)
    if tuple(source.shape) == (rows, cols):
        expr = source
    elif tuple(source.shape) == (cols, rows) and 1 in (rows, cols):
        expr = transpose_expr(source)
    else:
        expr = Reshape(source, rows, cols)
    return view(Tensor(expr, target, x.dtype, f"{op}:0"), x)


def _reshaped_static_shape(args: tuple, kwargs: dict):
    """TF1's static shape of ``tf.reshape(x, shape)`` before ``x``'s shape is known: ``shape``'s sizes, ``?`` for
    ``-1`` and for a size given as a tensor (``tf.reshape(y, [-1])`` is ``(?,)``); None for a shape tensor."""
    shape = args[1] if len(args) > 1 else kwargs.get("shape")
    if not isinstance(shape, (list, tuple)):
        return None
    return tuple(int(d) if isinstance(d, numbers.Integral) and d >= 0 else None for d in shape)


reshape.static_shape = _reshaped_static_shape


# ---------------------------------------------------------------- reductions

def _axes(tensor: Tensor, axis, op: str) -> tuple:
    """TF axes, normalized to ``0 .. rank-1`` and sorted; ``None`` = all."""
    rank = tensor.ndim
    if axis is None:
        return tuple(range(rank))
    if isinstance(axis, Tensor):  # tf.constant(1): its value, known when the graph is built
        axis = _constant_axes(axis, op)
    axes = [int(a) for a in (axis if isinstance(axis, (list, tuple)) else [axis])]
    for a in axes:
        if not -rank <= a < rank:
            raise ValueError(f"Invalid reduction dimension {a} for input with {rank} dimensions. for '{op}' "
                             f"with input shapes: {shape_text(tensor.shape)}")
    return tuple(sorted({a % rank for a in axes}))


def _constant_axes(axis: Tensor, op: str):
    """The axes a constant integer tensor holds (a number or a vector); another tensor is refused (typed)."""
    expr = axis.expr
    if axis.dtype.is_integer and isinstance(expr, sympy.Integer):
        return int(expr)
    if axis.dtype.is_integer and isinstance(expr, sympy.ImmutableMatrix) and all(e.is_Integer for e in expr):
        return [int(e) for e in expr]
    raise UnsupportedOperationError(f"'{op}' with the axis {axis.name}: symopt.compat.v1 takes an axis known when the "
                                    "graph is built (a Python int or list, or a tf.constant of them); given a tensor "
                                    "computed when the graph runs")


def _sum_kept(matrix, axes):
    for axis in axes:
        matrix = ops.sum(matrix, axis)
    return matrix


def _mean_kept(matrix, axes):
    for axis in axes:
        matrix = ops.mean(matrix, axis)
    return matrix


#: kind -> (reduce along internal axes keeping dimensions, reduce everything to a scalar)
_REDUCERS = {
    "Sum": (_sum_kept, ops.sum),
    "Mean": (_mean_kept, ops.mean),
    "Max": (lambda matrix, axes: ReduceMax(matrix, axes), lambda matrix: ElementSum(ReduceMax(matrix, None))),
    # min(x) = -max(-x): the same node and gradient rule
    "Min": (lambda matrix, axes: scale(-1, ReduceMax(scale(-1, matrix), axes)),
            lambda matrix: -ElementSum(ReduceMax(scale(-1, matrix), None))),
}


def not_boolean(x: Tensor, op: str) -> Tensor:
    """``x``, or TF1's ``TypeError`` for a bool tensor (TF1's sums, means, products and extrema take numbers)."""
    if x.dtype == dtypes.bool:
        raise TypeError(f"Value passed to parameter 'input' has DataType bool not in list of allowed values ('{op}' "
                        f"of {x.name}): cast it first, e.g. tf.reduce_sum(tf.cast(mask, tf.float32)) counts the "
                        "true entries")
    return x


def negatable(x: Tensor):
    r"""``x``'s expression ready to be negated (a minimum is :math:`-\max(-x)`, a smallest entry the largest of
    :math:`-x`): integers of at most 32 bits as float64 numbers, exact, since a negated integer wraps around (``-0``
    of uint8 is 0, the largest; ``-(-2**31)`` of int32 is itself: probe11 U8).  64-bit integers stay themselves:
    float64 would merge neighbours past 2**53 (review2 F0); only -2**63 of int64 (and uint64 other than 0) wraps."""
    return in_floats(x, 64).expr if exact_in_float64(x) else x.expr


def _reduce(kind: str, input_tensor, axis, keepdims, name, reduction_indices, keep_dims) -> Tensor:
    x = not_boolean(as_tensor(input_tensor), name or kind)
    axis = reduction_indices if axis is None else axis
    keepdims = bool(keep_dims if keepdims is None else keepdims)
    op = name or kind
    axes = _axes(x, axis, op)
    if not axes:
        return x
    kept, total = _REDUCERS[kind]
    shape = tuple(1 if i in axes else d for i, d in enumerate(x.shape)) if keepdims else \
        tuple(d for i, d in enumerate(x.shape) if i not in axes)
    expr = negatable(x) if kind == "Min" else x.expr
    if shape == ():
        return Tensor(total(expr), (), x.dtype, f"{op}:0")
    reduced = kept(expr, axes)
    if x.ndim == 2 and axes == (0,) and not keepdims:
        reduced = transpose_expr(reduced)  # the (1, n) column sums as the rank-1 (n,)
    return Tensor(reduced, shape, x.dtype, f"{op}:0")


@recorded
def reduce_sum(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None) -> Tensor:
    r"""``tf.reduce_sum``: :math:`\sum` over ``axis`` (``None`` = all; ``-1`` the last), dims kept with ``keepdims``."""
    return _reduce("Sum", input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


@recorded
def reduce_mean(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                keep_dims=None) -> Tensor:
    """``tf.reduce_mean``: the mean over ``axis``, as :func:`reduce_sum`."""
    return _reduce("Mean", input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


@recorded
def reduce_max(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None) -> Tensor:
    """``tf.reduce_max``; its gradient goes to the maximal entries, shared among ties (TF1's rule)."""
    return _reduce("Max", input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


@recorded
def reduce_min(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
               keep_dims=None) -> Tensor:
    r"""``tf.reduce_min``: :math:`\min = -\max(-x)`; its gradient goes to the minimal entries, shared among ties."""
    return _reduce("Min", input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


def _full_reduction_shape(args: tuple, kwargs: dict):
    """``()`` for a reduction over every axis without kept dimensions (TF1 knows it before the input's shape)."""
    named = dict(zip(("input_tensor", "axis", "keepdims", "name", "reduction_indices", "keep_dims"), args), **kwargs)
    every_axis = named.get("axis") is None and named.get("reduction_indices") is None
    return () if every_axis and not (named.get("keepdims") or named.get("keep_dims")) else None


for _reduction in (reduce_sum, reduce_mean, reduce_max, reduce_min):
    _reduction.static_shape = _full_reduction_shape


# ---------------------------------------------------------------- evaluation (not differentiable)

def _arg_extremum(input, axis, name, dimension, output_type, sign: int, op: str) -> Tensor:  # noqa: A002
    x = as_tensor(input)
    if x.ndim == 0:
        raise ValueError(f"'{name or op}' needs a tensor of rank 1 or 2; given a scalar")
    axis = dimension if axis is None else axis
    if isinstance(axis, (list, tuple)):
        raise ValueError(f"'{name or op}' takes one axis; given {axis}")
    (axis,) = _axes(x, 0 if axis is None else axis, name or op)
    matrix = x.expr if sign == 1 else scale(-1, negatable(x))
    dtype = dtypes.as_dtype(output_type)
    if x.ndim == 1:
        return Tensor(ElementSum(ArgMax(matrix, 0)), (), dtype, f"{name or op}:0")
    expr = ArgMax(matrix, axis)
    return Tensor(transpose_expr(expr) if axis == 0 else expr, (x.shape[1 - axis],), dtype, f"{name or op}:0")


@recorded
def argmax(input, axis=None, name=None, dimension=None, output_type=dtypes.int64) -> Tensor:  # noqa: A002
    """``tf.argmax``: index of the first largest entry along ``axis`` (default 0), dtype int64."""
    return _arg_extremum(input, axis, name, dimension, output_type, 1, "ArgMax")


@recorded
def argmin(input, axis=None, name=None, dimension=None, output_type=dtypes.int64) -> Tensor:  # noqa: A002
    """``tf.argmin``: index of the first smallest entry along ``axis`` (default 0), dtype int64."""
    return _arg_extremum(input, axis, name, dimension, output_type, -1, "ArgMin")


def arg_max(input, dimension, name=None, output_type=dtypes.int64) -> Tensor:  # noqa: A002
    """TF1's older name of :func:`argmax` (``dimension`` is the axis)."""
    return argmax(input, axis=dimension, name=name, output_type=output_type)


def arg_min(input, dimension, name=None, output_type=dtypes.int64) -> Tensor:  # noqa: A002
    """TF1's older name of :func:`argmin`."""
    return argmin(input, axis=dimension, name=name, output_type=output_type)


@recorded
def equal(x, y, name=None) -> Tensor:
    """``tf.equal``: elementwise ``x == y`` with broadcasting, dtype bool (1.0 / 0.0 inside the program); both of one
    dtype, as TF1 (``tf.equal(tf.argmax(y, 1), int32_labels)`` is its TypeError: cast the labels to int64)."""
    check_first_operand(x, y, "Equal")
    x, y = convert_pair(x, y, "Equal")
    shape = broadcast_shape(x.shape, y.shape)
    if shape == ():
        return Tensor(ElementSum(Equal(matrix_of(x), matrix_of(y))), (), dtypes.bool, f"{name or 'Equal'}:0")
    expr = Equal(broadcast_matrix(x, shape), broadcast_matrix(y, shape))
    return Tensor(expr, shape, dtypes.bool, f"{name or 'Equal'}:0")


equal.result_dtype = dtypes.bool  # a deferred one's dtype (of a placeholder without a shape), as in TF1


@recorded
def one_hot(indices, depth: int, on_value=None, off_value=None, axis=None, dtype=None, name=None) -> Tensor:
    """``tf.one_hot``: indices of shape ``(n,)`` give ``(n, depth)`` (``axis=0``: ``(depth, n)``); a scalar ``(depth,)``.

    An index outside ``0 .. depth-1`` gives a row of ``off_value``, as in TF1.
    """
    indices = as_tensor(indices)
    dtype = dtypes.as_dtype(dtype if dtype is not None else dtypes.float32)
    depth = _static_int(depth, "one_hot depth")
    if indices.ndim > 1:
        raise UnsupportedOperationError(f"tf.one_hot of indices of rank {indices.ndim} would give rank "
                                        f"{indices.ndim + 1}; symopt.compat.v1 supports ranks up to 2: one-hot encode "
                                        "tf.reshape(indices, [-1]) and combine the rows yourself")
    if indices.ndim == 0:
        result = Tensor(transpose_expr(OneHot(matrix_of(indices), depth)), (depth,), dtype, "one_hot:0")
    elif axis in (None, -1, 1):
        result = Tensor(OneHot(indices.expr, depth), (indices.shape[0], depth), dtype, "one_hot:0")
    elif axis == 0:
        result = Tensor(transpose_expr(OneHot(indices.expr, depth)), (depth, indices.shape[0]), dtype, "one_hot:0")
    else:
        raise ValueError(f"one_hot: axis must be -1, 0 or 1 for indices of rank 1; given {axis}")
    on = 1.0 if on_value is None else on_value
    off = 0.0 if off_value is None else off_value
    if (on, off) != (1.0, 0.0):
        result = result * (on - off) + off if off else result * on
        result.dtype = dtype
    return result


def _static_int(value, what: str) -> int:
    """An int from a number or a constant integer tensor (``tf.one_hot(y, tf.constant(10))``)."""
    if isinstance(value, Tensor):
        if not value.dtype.is_integer or value.ndim != 0 or not isinstance(value.expr, sympy.Integer):
            raise UnsupportedOperationError(f"{what}: only a number or a constant integer scalar tensor is supported "
                                            f"by symopt.compat.v1; given {value!r}")
        return int(value.expr)
    return int(value)


# ---------------------------------------------------------------- filled tensors

def _filled(shape, dtype, fill: int, name: str) -> Tensor:
    dtype = dtypes.as_dtype(dtype)
    if holds_tensors(shape):  # [tf.shape(x)[0], 2]: the batch size as a dimension
        from .array_fills import fill as filled  # that module builds on this one
        return filled(shape, constant(float(fill) if dtype.is_floating else fill, dtype=dtype), name=f"{name}:0")
    shape = tuple(int(d) for d in ([shape] if isinstance(shape, int) else shape))
    if len(shape) > 2:  # a conv kernel [5, 5, 1, 32], an image batch
        raise UnsupportedOperationError(f"tf.{'ones' if fill else 'zeros'} of shape {list(shape)}: only ranks 0, 1 "
                                        "and 2 are supported by symopt.compat.v1")
    if shape == ():
        return constant(float(fill) if dtype.is_floating else fill, dtype=dtype, name=f"{name}:0")
    rows, cols = (shape[0], 1) if len(shape) == 1 else shape
    expr = OneMatrix(rows, cols) if fill else ZeroMatrix(rows, cols)
    return Tensor(expr, shape, dtype, f"{name}:0")


def zeros(shape, dtype=dtypes.float32, name=None) -> Tensor:
    """``tf.zeros``: a symbolic all-zeros matrix (no array is stored)."""
    return _filled(shape, dtype, 0, name or "zeros")


def ones(shape, dtype=dtypes.float32, name=None) -> Tensor:
    """``tf.ones``: a symbolic all-ones matrix."""
    return _filled(shape, dtype, 1, name or "ones")


def _filled_like(tensor, dtype, fill: int, name: str) -> Tensor:
    """``fill`` in ``tensor``'s shape; a batch dimension (None) is the batch size fed at run time."""
    tensor = as_tensor(tensor)
    if None not in tensor.shape:
        return _filled(tensor.shape, dtype or tensor.dtype, fill, name)
    note_batch_sources(tensor)
    shape = tensor.expr.shape
    return Tensor(OneMatrix(*shape) if fill else ZeroMatrix(*shape), tensor.shape, dtypes.as_dtype(dtype or tensor.dtype),
                  f"{name}:0")


@recorded
def zeros_like(tensor, dtype=None, name=None) -> Tensor:
    """``tf.zeros_like``: zeros of ``tensor``'s shape (a batch dimension included)."""
    return _filled_like(tensor, dtype, 0, name or "zeros_like")


@recorded
def ones_like(tensor, dtype=None, name=None) -> Tensor:
    """``tf.ones_like``: ones of ``tensor``'s shape (a batch dimension included)."""
    return _filled_like(tensor, dtype, 1, name or "ones_like")


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None) -> Tensor:
    """``tf.convert_to_tensor``: a tensor as is, a number or array as a constant (TF1's dtype inference)."""
    return as_tensor(value, dtype if dtype is not None else (preferred_dtype if not isinstance(value, Tensor)
                                                             and preferred_dtype is not None else None))


@recorded
def identity(input, name=None) -> Tensor:  # noqa: A002
    """``tf.identity``: the same value as a new tensor."""
    x = as_tensor(input)
    return view(Tensor(x.expr, x.shape, x.dtype, name or "Identity"), x)


identity.tf_name = "Identity"  # TF1's op type, whatever the tensor's name (tf.identity(x, name="out"))


@recorded
def tensordot(a, b, axes, name=None) -> Tensor:
    """``tf.tensordot`` for ranks up to 2: ``axes=1`` (or ``[[1], [0]]``) is the matrix product, ``axes=0`` the
    outer product of two vectors, ``axes=2`` the sum of the elementwise product of two matrices."""
    a, b = as_tensor(a), as_tensor(b)
    if isinstance(axes, (list, tuple)) and len(axes) == 2 and all(isinstance(x, (list, tuple)) for x in axes):
        pairs = (tuple(i % max(a.ndim, 1) for i in axes[0]), tuple(i % max(b.ndim, 1) for i in axes[1]))
        if pairs == ((a.ndim - 1,), (0,)):
            axes = 1
        elif a.ndim == 2 and b.ndim == 2 and pairs == ((0,), (0,)):
            return matmul(a, b, transpose_a=True, name=name or "Tensordot")
        elif a.ndim == 2 and b.ndim == 2 and pairs == ((1,), (1,)):
            return matmul(a, b, transpose_b=True, name=name or "Tensordot")
        else:
            raise UnsupportedOperationError(f"tf.tensordot with axes={axes} is not supported yet by symopt.compat.v1")
    if axes == 1:
        if a.ndim == 1 and b.ndim == 1:
            return reduce_sum(a * b, name=name or "Tensordot")
        left = reshape(a, [1, -1]) if a.ndim == 1 else a
        right = reshape(b, [-1, 1]) if b.ndim == 1 else b
        product = matmul(left, right, name=name or "Tensordot")
        if a.ndim == 1 or b.ndim == 1:
            return reshape(product, [-1])
        return product
    if axes == 0 and a.ndim == 1 and b.ndim == 1:
        return matmul(reshape(a, [-1, 1]), reshape(b, [1, -1]), name=name or "Tensordot")
    if axes == 2 and a.ndim == 2 and b.ndim == 2:
        return reduce_sum(a * b, name=name or "Tensordot")
    raise UnsupportedOperationError(f"tf.tensordot of ranks {a.ndim} and {b.ndim} with axes={axes} is not supported "
                                    "yet by symopt.compat.v1")
