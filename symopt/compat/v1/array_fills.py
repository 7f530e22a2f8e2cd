r"""TF1's ``tf.fill``, ``tf.linspace``, ``tf.matrix_transpose`` and ``tf.cumsum`` (ranks up to 2).

``fill(dims, v)`` is :math:`v \mathbf 1` (its gradient in ``v`` the sum of the result's gradient, TF1's);
``linspace`` is a constant computed as TF's kernel does (:math:`\delta = (b - a) / (n - 1)`, entries
:math:`a + i\delta` in the dtype of :math:`a`, the last one :math:`b`); ``cumsum`` is TF1's running sum
(:class:`~symopt.compat.v1.running_sums.RunningSum`), its gradient the running sum the other way, as TF1's.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy import OneMatrix

from ...errors import UnsupportedOperationError
from ...nodes import scale
from . import dtypes
from .array_ops import transpose as transpose_op
from .array_pieces import int_vector_entries
from .integer_wraps import integer_value
from .kernel_dtypes import kernel_inputs
from .graph import EXPLICIT_CONSTANT_ENTRIES, Tensor, as_tensor, bound_constant, constant, name_scope, shape_text
from .recording import recorded
from .running_sums import RunningSum
from .tensor_shape import dimension_value, graph_time_int
from .errors import rank_above_2

__all__ = ["fill", "linspace", "lin_space", "matrix_transpose", "cumsum", "constant_matrix"]


def constant_matrix(array: np.ndarray, dtype, name: str):
    """A constant 2-D array as an expression: explicit when small, else bound to a symbol at run time."""
    if array.size > EXPLICIT_CONSTANT_ENTRIES:
        return bound_constant(array, dtype, name).expr
    return sympy.ImmutableMatrix(array.astype(np.int64).tolist())


def dims_of(dims, what: str) -> tuple[tuple, list]:
    """``(TF shape, internal sizes)`` of a shape given as ints or as an int vector tensor whose entries are known
    sizes or the batch size (``tf.shape(x)``); at most rank 2."""
    sizes = [entry if isinstance(entry, sympy.Basic) else sympy.Integer(dimension_value(entry))
             for entry in int_vector_entries(dims, what)]
    if len(sizes) > 2:
        raise rank_above_2(f"{what} {sizes}")
    shape = tuple(int(s) if s.is_Integer else None for s in sizes)
    if any(d is not None and d < 0 for d in shape):
        raise ValueError(f"{what}: dimensions must be non-negative; given {list(shape)}")
    return shape, sizes


@recorded
def fill(dims, value, name=None) -> Tensor:
    """``tf.fill(dims, value)``: a tensor of shape ``dims`` (ints, or ``tf.shape(x)``: a batch dimension included)
    with every entry ``value`` (a number, dtype as ``tf.constant`` infers it, or a scalar tensor)."""
    op = name or "Fill"
    value = as_tensor(value)
    if value.ndim != 0:
        raise ValueError(f"Shape must be rank 0 but is rank {value.ndim} for '{op}' (op: 'Fill') with input shapes: "
                         f"[{len(dims) if isinstance(dims, (list, tuple)) else '?'}], {shape_text(value.shape)}.")
    shape, sizes = dims_of(dims, "tf.fill dims")
    if not shape:
        return Tensor(value.expr, (), value.dtype, op)
    rows, cols = (sizes[0], 1) if len(sizes) == 1 else sizes
    return Tensor(scale(value.expr, OneMatrix(rows, cols)), shape, value.dtype, op)


def _number(value, what: str):
    """A Python number from a number or a constant scalar tensor."""
    if isinstance(value, Tensor):
        if value.ndim != 0 or not isinstance(value.expr, sympy.Number):
            raise UnsupportedOperationError(f"tf.linspace {what}: only numbers or constant scalars are supported by "
                                            f"symopt.compat.v1; given {value!r}")
        return value.expr, value.dtype
    return value, None


def linspace(start, stop, num, name=None, axis=0) -> Tensor:
    """``tf.linspace(start, stop, num)``: ``num`` evenly spaced values from ``start`` to ``stop`` (both included),
    a constant of ``start``'s dtype (float32 for a Python float, float64 for a NumPy float64 or an integer) computed as
    TF's kernel computes it."""
    start, start_dtype = _number(start, "start")
    stop, _ = _number(stop, "stop")
    count, _ = _number(num, "num")
    dtype = start_dtype or dtypes.infer_dtype(start)  # np.float64 data: float64, as TF1
    if dtype.is_integer:  # TF 2.21's tf.compat.v1: tf.linspace(0, 10, 3) is float64
        dtype = dtypes.float64
    if not dtype.is_floating:
        raise TypeError(f"Value passed to parameter 'start' has DataType {dtype.name} not in list of allowed values: "
                        "bfloat16, float16, float32, float64")
    count = int(count)
    if count <= 0 or axis not in (0, -1):
        raise UnsupportedOperationError(f"tf.linspace(num={count}, axis={axis}): symopt.compat.v1 needs num >= 1 "
                                        "and axis 0")
    kind = np.dtype(dtype.name).type
    first, last = kind(float(start)), kind(float(stop))
    step = (last - first) / kind(max(count - 1, 1))
    values = (first + step * np.arange(count, dtype=dtype.name)).astype(dtype.name)
    if count > 1:
        values[-1] = last
    with name_scope(name or "linspace"):  # TF 2.21's name: linspace/Slice:0
        return constant(values, dtype=dtype, name="Slice")


def lin_space(start, stop, num, name=None) -> Tensor:
    """TF1's older name of :func:`linspace`."""
    return linspace(start, stop, num, name=name)


def matrix_transpose(a, name="matrix_transpose", conjugate=False) -> Tensor:
    """``tf.matrix_transpose(a)`` (``tf.linalg.matrix_transpose``): the transpose of a matrix (its last two axes)."""
    a = as_tensor(a)
    if a.shape.known_rank and a.ndim < 2:
        raise ValueError(f"Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` = {a} with shape: "
                         f"{a.shape}")
    with name_scope(name):  # TF1's name: matrix_transpose/transpose:0
        return transpose_op(a, name="transpose")


@recorded
def cumsum(x, axis=0, exclusive=False, reverse=False, name=None) -> Tensor:
    """``tf.cumsum(x, axis)``: running sums along ``axis``; ``exclusive`` leaves the entry itself out (the first sum
    is 0), ``reverse`` sums from the end."""
    x = as_tensor(x)
    kernel_inputs("Cumsum", "x")(x)  # a bool (P81-2)
    op = name or "Cumsum"
    if x.ndim == 0:
        raise ValueError(f"Shape must be at least rank 1 but is rank 0 for '{op}' (op: 'Cumsum')")
    axis = graph_time_int(axis, "the axis", op)
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"'{op}': axis {axis} is out of range for a tensor of rank {x.ndim}")
    axis %= x.ndim
    size = x.shape.as_list()[axis]
    if size is None:
        raise UnsupportedOperationError(f"'{op}' along the batch dimension of {x.name} (shape "
                                        f"{shape_text(x.shape)}) is not supported by symopt.compat.v1; sum along "
                                        "the other axis, or in NumPy before feeding")
    expr = RunningSum(x.expr, axis, exclusive, reverse)
    return Tensor(integer_value(expr, x.dtype), x.shape, x.dtype, op)  # an integer sum wraps, as TF1's
