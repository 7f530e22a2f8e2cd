r"""TF1's reductions (``reduce_sum``, ``reduce_mean``, ``reduce_max``, ``reduce_min``) and ``argmax`` / ``argmin``.

Tensors of rank 1 are ``(n, 1)`` columns inside, so a TF result of shape ``(n,)``
reuses the ``(n, 1)`` matrix symopt's reductions keep (``ops.sum(A, axis=1)``), and
one of shape ``(1, n)`` reduced to ``(n,)`` is transposed.  The math itself comes
from :mod:`symopt.ops` and :mod:`symopt.reductions`; this module only maps TF's
axes, ``keepdims`` and ranks onto it.
"""

from __future__ import annotations

import sympy

from ... import ops
from ...errors import UnsupportedOperationError
from ...functions import in_float
from ...nodes import ElementSum, elementwise, scale
from ...nodes import transpose as transpose_expr
from ...reductions import ArgMax, ReduceMax, rank_one
from ...symbols import is_matrix
from . import dtypes
from .axis_lists import normalized_axes
from .broadcasting import exact_in_float64, in_floats, truncate
from .errors import InvalidArgumentError
from .graph import Tensor, as_tensor, get_default_graph, shape_text
from .integer_wraps import integer_value
from .recording import recorded
from .tensors import listed

__all__ = ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "argmax", "argmin", "arg_max", "arg_min",
           "not_boolean", "negatable", "reduction_axes", "float16_rounded"]


def reduction_axes(tensor: Tensor, axis, op: str) -> tuple:
    """TF axes, normalized to ``0 .. rank-1`` and sorted; ``None`` = all.  An axis out of range is TF1's
    ``ValueError``, one given twice (``[0, -1]`` of a vector) TF1's ``InvalidArgumentError`` (TF1 raises it when the
    graph runs; here when it is built: probe56 P56-2)."""
    rank = tensor.ndim
    if axis is None:
        return tuple(range(rank))
    if isinstance(axis, Tensor):  # tf.constant(1): its value, known when the graph is built
        axis = _constant_axes(axis, op)
    axis = listed(axis)
    axes = [int(a) for a in (axis if isinstance(axis, (list, tuple)) else [axis])]
    op = _scoped(op)  # TF1's op name: ReduceLogSumExp/Max, not the inner reduction's own Max (F41a-9)
    normalized = normalized_axes(
        axes, rank,
        lambda index, a: ValueError(f"Invalid reduction dimension {a} for input with {rank} dimensions. for '{op}' "
                                    f"with input shapes: {shape_text(tensor.shape)}"),
        lambda repeated: InvalidArgumentError(f"Invalid reduction arguments: Axes contains duplicate dimension: "
                                              f"{repeated} (in '{op}', axis {axes} of a tensor of rank {rank}); give "
                                              f"each axis once"))
    return tuple(sorted(normalized))


def _scoped(op: str) -> str:
    """``op`` inside the current name scope, as TF1 names it in its errors (``ReduceLogSumExp/Max``)."""
    scopes = get_default_graph().name_scopes
    return f"{scopes[-1]}/{op}" if scopes and scopes[-1] else op


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
    # min(x) = -max(-x): the same node and gradient rule; negated before the 1 x 1 sum, whose + 0.0 would turn the
    # -0.0 of a +0.0 minimum's negation into the minimum -0.0 (final34 F34-2: 1 / reduce_min of ReLU outputs -inf)
    "Min": (lambda matrix, axes: scale(-1, ReduceMax(scale(-1, matrix), axes)),
            lambda matrix: ElementSum(scale(-1, ReduceMax(scale(-1, matrix), None)))),
}


def _float16_sum_or_mean(kind: str, matrix, axes: tuple, everything: bool):
    r"""A float16 tensor's sum over ``axes`` (``everything``: to a scalar), rounded to float16 before anything reads
    it, and for ``"Mean"`` then divided by the count: TF1's float16 sum is a float16 tensor, so
    :math:`60000 + 60000` is ``inf`` and so is its mean, and ``tf.reduce_sum(c) / 2`` (the program computes
    float16 in float32, where the division would have come first: probe53 P53-1)."""
    rounded = float16_rounded(ops.sum(matrix) if everything else _sum_kept(matrix, axes), dtypes.float16)
    if kind == "Sum":
        return rounded
    count = sympy.Mul(*(matrix.shape[axis] for axis in (range(2) if everything else axes)))
    return rounded / count if everything else scale(1 / count, rounded)


def float16_rounded(value, dtype):
    """A reduction's ``value`` (a number or a matrix) rounded to float16 when ``dtype`` is float16, else itself:
    TF1's float16 sums, products and norms are float16 tensors (``inf`` past 65504), where symopt computes float16
    in float32; the sum itself is computed in float32 and rounded once (TF1 adds in float16: ``2048 + 1 + 1`` is
    its ``2048``, symopt's ``2050``)."""
    if dtype != dtypes.float16:
        return value
    return elementwise(lambda v: in_float(v, 16), value) if is_matrix(value) else in_float(value, 16)


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


def matrix_view(x: Tensor):
    """``x``'s expression as the 2-D matrix its static shape says: a rank-2 tensor that is a rank-1 symbol (``tf.reshape(x,
    [-1, 1])``, ``tf.expand_dims(x, 1)`` of a ``[n]`` placeholder) is the column ``x[:, :]``, whose axis 1 is its
    rows' one entry, where the symbol itself has NumPy's one axis and refuses axis 1 (probe81 P81-3)."""
    return x.expr[:, :] if x.ndim == 2 and rank_one(x.expr) else x.expr


def _reduce(kind: str, input_tensor, axis, keepdims, name, reduction_indices, keep_dims) -> Tensor:
    x = not_boolean(as_tensor(input_tensor), name or kind)
    axis = reduction_indices if axis is None else axis
    keepdims = bool(keep_dims if keepdims is None else keepdims)
    op = name or kind
    axes = reduction_axes(x, axis, op)
    if not axes:  # TF1 still makes the op: a new tensor named as it (loss/mse:0, probe77 P77-1)
        return Tensor(x.expr, x.shape, x.dtype, f"{op}:0")
    kept, total = _REDUCERS[kind]
    shape = tuple(1 if i in axes else d for i, d in enumerate(x.shape)) if keepdims else \
        tuple(d for i, d in enumerate(x.shape) if i not in axes)
    expr = negatable(x) if kind == "Min" else matrix_view(x)
    if x.dtype == dtypes.float16 and kind in ("Sum", "Mean"):
        reduced = _float16_sum_or_mean(kind, expr, axes, everything=shape == ())
    else:
        reduced = total(expr) if shape == () else kept(expr, axes)
    if x.ndim == 2 and axes == (0,) and not keepdims:
        reduced = transpose_expr(reduced)  # the (1, n) column sums as the rank-1 (n,), by either route (F41a-8)
    if kind == "Mean" and x.dtype.is_integer:  # TF1's integer mean: the exact mean truncated toward zero, also
        reduced = truncate(reduced) if shape == () else elementwise(truncate, reduced)  # read by other ops (P25-1)
    if kind != "Mean":  # a sum wraps as TF1's; an extremum is read back in the dtype (NumPy sums uint8 in uint64)
        reduced = integer_value(reduced, x.dtype)
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


def _numbers_reduced(kind: str):
    """A reduction's ``check_when_deferred``: :func:`not_boolean`'s ``TypeError`` when built, also of a placeholder
    without a shape (final44b F44b-2)."""
    def check(input_tensor, *args, **kwargs):
        if isinstance(input_tensor, Tensor):
            not_boolean(input_tensor, kwargs.get("name") or kind)
    return check


for _reduction, _kind in ((reduce_sum, "Sum"), (reduce_mean, "Mean"), (reduce_max, "Max"), (reduce_min, "Min")):
    _reduction.static_shape = _full_reduction_shape
    _reduction.check_when_deferred = _numbers_reduced(_kind)


def _arg_extremum(input, axis, name, dimension, output_type, sign: int, op: str) -> Tensor:  # noqa: A002
    x = as_tensor(input)
    if x.ndim == 0:
        raise ValueError(f"'{name or op}' needs a tensor of rank 1 or 2; given a scalar")
    axis = dimension if axis is None else axis
    if isinstance(axis, (list, tuple)):
        raise ValueError(f"'{name or op}' takes one axis; given {axis}")
    (axis,) = reduction_axes(x, 0 if axis is None else axis, name or op)
    matrix = matrix_view(x) if sign == 1 else scale(-1, negatable(x))
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
