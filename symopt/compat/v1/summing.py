r"""Sums of lists of tensors: ``tf.add_n``, ``tf.global_norm``, ``tf.clip_by_global_norm``.

* ``add_n([t_1, ..., t_n])`` is :math:`\sum_i t_i` of tensors of one shape and dtype (no broadcasting), TF1's
  L2 idiom ``tf.add_n([tf.nn.l2_loss(v) for v in tf.trainable_variables()])``.
* ``global_norm(ts)`` is :math:`\sqrt{2 \sum_i \mathrm{l2\_loss}(t_i)} = \sqrt{\sum_i \lVert t_i\rVert^2}`.
* ``clip_by_average_norm(t, c)``: :math:`t \cdot c \min(n/\lVert t\rVert, 1/c)` for ``t`` of :math:`n` entries.
* ``norm(t, ord, axis)``: TF1's vector norms (``'euclidean'`` / 2, 1, ``np.inf``, any :math:`p > 0`) and matrix
  norms over two axes (``'fro'`` / ``'euclidean'``, 1, ``np.inf``; the spectral norm ``ord=2`` is refused).
* ``clip_by_global_norm(ts, c)`` scales every tensor by :math:`c \min(1/N, 1/c)` with :math:`N` the global norm
  (unchanged when :math:`N \le c`), NaN when :math:`N` is not finite, as TF1 computes it; ``None`` entries (the
  gradients of variables a loss does not reach) stay ``None``.
"""

from __future__ import annotations

import numpy as np

from ... import functions
from ...errors import UnsupportedOperationError
from ...nodes import elementwise
from ...symbols import is_matrix
from . import dtypes
from .array_ops import reduce_max, reduce_sum
from .comparison_ops import minimum, where
from .graph import Tensor, as_tensor, binary, get_default_graph, name_scope, shape_text
from .read_snapshots import converted
from .math_ops import abs, cast, floating, rsqrt, sqrt  # noqa: A004 - TF1's abs
from .nn import l2_loss
from .number_tests import is_finite
from .recording import recorded
from .sparse_updates import note_clipped
from .shape_ops import size, squeeze
from .statistics import named_as_scope
from .variables import view

__all__ = ["add_n", "global_norm", "clip_by_global_norm", "clip_by_average_norm", "norm"]

_NOT_A_LIST = "Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype and shape."


def _tensor_list(values, op: str) -> list:
    """``values`` (a list or tuple, not a tensor) as a list; TF1's ``TypeError`` otherwise."""
    if isinstance(values, Tensor) or not isinstance(values, (list, tuple)):
        raise TypeError(f"'{op}' takes a list or tuple of tensors (t_list); given {values!r}: wrap a single tensor "
                        "in a list, e.g. [t]")
    return list(values)


@recorded
def add_n(inputs, name=None) -> Tensor:
    r"""``tf.add_n``: :math:`t_1 + t_2 + \dots + t_n` of tensors of one shape and dtype, added left to right as TF1's
    kernel adds them (each partial sum rounded before the next term)
    (TF1's ``AddN`` does not broadcast: a shape or dtype mismatch is its ``ValueError`` / ``TypeError``).  One
    input is returned as it is (or as ``tf.identity`` when ``name`` is given); the gradient of each input is the
    gradient of the sum."""
    if isinstance(inputs, Tensor) or not isinstance(inputs, (list, tuple)) or not inputs:
        raise ValueError(f"{_NOT_A_LIST} Given {inputs!r}: pass a list, e.g. tf.add_n([a, b])")
    tensors = [as_tensor(value) for value in inputs]
    dtypes_given = [t.dtype.name for t in tensors]
    if len(set(dtypes_given)) > 1:
        raise TypeError(f"Tensors in list passed to 'inputs' of 'AddN' Op have types [{', '.join(dtypes_given)}] "
                        "that don't all match (cast them to one dtype first, e.g. tf.cast(t, tf.float32))")
    first = tensors[0]
    for index, tensor in enumerate(tensors[1:], start=1):
        if not first.shape.is_compatible_with(tensor.shape):
            raise ValueError(f"Shapes must be equal rank and size, but are {shape_text(first.shape)} and "
                             f"{shape_text(tensor.shape)} (inputs 0 and {index} of '{name or 'AddN'}'): tf.add_n does "
                             "not broadcast; reshape or reduce the inputs to one shape")
    if len(tensors) == 1:
        return converted(first) if name is None else view(Tensor(first.expr, first.shape, first.dtype, name), first)
    ordered = len(tensors) <= ORDERED_TERMS
    total = binary("add", tensors[0], tensors[1])
    for tensor in tensors[2:]:
        total = binary("add", _kept_whole(total) if ordered else total, tensor)
    return Tensor(total.expr, first.shape if first.shape.is_fully_defined() else total.shape, first.dtype,
                  name or "AddN")


#: Up to this many inputs ``tf.add_n`` adds left to right as TF1's kernel does (each partial sum held); a longer
#: list is one sum in SymPy's order (the same value up to float rounding), as a chain of thousands of held partial
#: sums would nest deeper than SymPy's recursive walks allow.
ORDERED_TERMS = 128


def _kept_whole(partial: Tensor) -> Tensor:
    """A partial sum that the next term is added to, not merged with: SymPy would flatten ``(a + b) + c`` into one
    ``Add`` and print its terms in its own order; TF1's ``AddN`` adds left to right (rounding after each).  A float
    sum is wrapped in a rounding to its own precision (:func:`symopt.functions.in_float`, no work at run time)."""
    if not partial.dtype.is_floating:
        return partial  # integer sums are exact in any order
    bits = 64 if partial.dtype == dtypes.float64 else 32
    expr = partial.expr
    held = elementwise(lambda value: functions.in_float(value, bits), expr) if is_matrix(expr) else \
        functions.in_float(expr, bits)
    return Tensor(held, partial.shape, partial.dtype, "AddN_partial")


add_n.tf_name = "AddN"  # a deferred add_n's name


def _present(values: list) -> list:
    return [as_tensor(value) for value in values if value is not None]


def global_norm(t_list, name=None) -> Tensor:
    r"""``tf.global_norm``: :math:`\sqrt{2\sum_i \mathrm{l2\_loss}(t_i)}`, TF1's order of operations (half the squared
    norm of each tensor, their sum, times 2, the square root); ``None`` entries are skipped."""
    values = _present(_tensor_list(t_list, "global_norm"))
    if not values:
        raise ValueError("tf.global_norm needs at least one tensor that is not None (every entry of t_list is None)")
    with name_scope(name or "global_norm"):
        # TF1 sums tf.stack of the halves; added in order here (the same sum, and an infinite one stays infinite)
        half_squared = add_n([l2_loss(v) for v in values])
        norm = sqrt(binary("mul", half_squared, 2.0), name="global_norm")
    norm.set_shape(())  # a scalar, known before a shape-less input is fed (TF1's static shape)
    note_clipped(get_default_graph(), norm, values)  # a gathered variable's gradient: ids checked (sparse_updates.py)
    return norm


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None) -> tuple:
    r"""``tf.clip_by_global_norm``: ``([t_i \cdot s], N)`` with :math:`N` the global norm (or ``use_norm``) and
    :math:`s = c \min(1/N, 1/c)`, TF1's formula, computed as :math:`c \cdot (1/\max(N, c))` (the same number: rounding
    is monotonic; and no division by a zero norm), so ``t_i`` is unchanged when :math:`N \le c`, up to the rounding
    of :math:`c / c`; :math:`s` is NaN when :math:`N` is infinite or NaN (TF1 adds :math:`N - N`).  ``None`` entries
    stay ``None``; the clipped tensors feed ``optimizer.apply_gradients`` as they are."""
    values = _tensor_list(t_list, "clip_by_global_norm")
    if all(value is None for value in values):
        raise ValueError("tf.clip_by_global_norm needs at least one tensor that is not None (every entry of t_list "
                         "is None: no variable receives a gradient)")
    norm = global_norm(values) if use_norm is None else as_tensor(use_norm)
    clip = as_tensor(clip_norm, norm.dtype)
    if clip.ndim != 0 or norm.ndim != 0:
        raise ValueError(f"clip_by_global_norm: clip_norm and use_norm must be scalars; given shapes "
                         f"{shape_text(clip.shape)} and {shape_text(norm.shape)}")
    with name_scope(name or "clip_by_global_norm"):
        # TF1's ops: c * min(1/N, 1/c), so its digits (c * (1/N) rounds twice) and its gradient (NaN at N = 0)
        finite_scale = binary("mul", clip, minimum(binary("truediv", 1.0, norm), binary("truediv", 1.0, clip)))
        # TF1 adds N - N (0, or NaN when N is not finite): chosen here, so its gradient (dy - dy) adds no rounding
        scale = where(is_finite(norm), finite_scale, as_tensor(np.float32(np.nan), norm.dtype))
        clipped = [None if value is None else binary("mul", as_tensor(value), scale, name=f"clip_by_global_norm_{i}")
                   for i, value in enumerate(values)]
    return clipped, norm


@recorded
def clip_by_average_norm(t, clip_norm, name=None) -> Tensor:
    r"""``tf.clip_by_average_norm`` (deprecated in TF 1.15): :math:`t \cdot c \cdot \min(n\,\mathrm{rsqrt}(\sum t^2),
    1/c)` for ``t`` of :math:`n` entries, TF1's order of operations: ``t`` unchanged (up to rounding) while its L2
    norm per entry, :math:`\lVert t\rVert / n`, is at most :math:`c`."""
    t = as_tensor(t)
    with name_scope(name, "clip_by_average_norm") as scope:
        entries = cast(size(t), dtypes.float32)
        inverse_norm = rsqrt(reduce_sum(binary("mul", t, t)))
        scale = minimum(binary("mul", inverse_norm, entries), binary("truediv", 1.0, as_tensor(clip_norm)))
        return named_as_scope(binary("mul", binary("mul", t, clip_norm), scale), scope)


def _norm_axes(ord, axis) -> tuple:
    """``(axes or None, matrix norm?)`` after TF1's checks of ``ord`` and ``axis``."""
    matrix = isinstance(axis, (tuple, list)) and len(axis) == 2
    if matrix:
        axis = tuple(axis)
        if not all(isinstance(a, int) for a in axis) or axis[0] == axis[1]:
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        if ord not in ("euclidean", "fro", 1, 2, np.inf):
            raise ValueError(f"'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got {ord}")
        if ord == 2:
            raise UnsupportedOperationError("tf.norm(ord=2) of a matrix (its largest singular value) is not supported "
                                            "by symopt.compat.v1; use ord='fro' (Frobenius), 1 or np.inf")
        return axis, True
    if not (isinstance(axis, int) or axis is None):
        raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
    if ord not in ("euclidean", 1, 2, np.inf) and (isinstance(ord, str) or not np.isreal(ord) or ord <= 0):
        raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
    return (None if axis is None else (axis,)), False


@recorded
def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None, keep_dims=None) -> Tensor:  # noqa: A002
    r"""``tf.norm``: :math:`\sqrt{\sum t^2}` (``'euclidean'``, ``'fro'``, 2), :math:`\sum |t|` (1),
    :math:`\max |t|` (``np.inf``), :math:`(\sum |t|^p)^{1/p}`, over ``axis`` (None: all entries); over two axes the
    matrix norms: Frobenius, 1 (the largest column sum of :math:`|t|`), ``np.inf`` (the largest row sum).  TF1's ops
    in TF1's order; the reduced axes are dropped unless ``keepdims``."""
    keepdims = bool(keep_dims if keepdims is None else keepdims)
    axes, matrix = _norm_axes(ord, axis)
    x = floating(as_tensor(tensor), "norm", "tensor")
    with name_scope(name, "norm"):
        if ord in ("fro", "euclidean", 2):
            result = sqrt(reduce_sum(binary("mul", x, x), axes, keepdims=True))
        elif ord == 1:
            result = reduce_sum(abs(x), None if axes is None else axes[0], keepdims=True)
            if matrix:
                result = reduce_max(result, axes[-1], keepdims=True)
        elif ord == np.inf:
            result = reduce_sum(abs(x), axes[1], keepdims=True) if matrix else abs(x)
            result = reduce_max(result, None if axes is None else axes[0], keepdims=True)
        else:
            result = binary("pow", reduce_sum(binary("pow", abs(x), ord), axes, keepdims=True), 1.0 / ord)
        return result if keepdims else squeeze(result, axes)
