r"""TF1's array functions: transpose, equal, one_hot, zeros / ones (and their ``_like``), convert_to_tensor,
identity, tensordot; ``tf.reshape`` (:mod:`~symopt.compat.v1.reshape_ops`) and the reductions and ``argmax``
(:mod:`~symopt.compat.v1.reduction_ops`) are re-exported from here.

Tensors of rank 1 are ``(n, 1)`` columns inside; this module maps TF's shapes and axes onto symopt's
matrices, whose math comes from :mod:`symopt.nodes` and :mod:`symopt.reductions`.
"""

from __future__ import annotations

import numbers

import numpy as np
import sympy
from sympy import OneMatrix, ZeroMatrix

from ...errors import UnsupportedOperationError
from ...nodes import ElementSum
from ...nodes import transpose as transpose_expr
from ...reductions import Equal, OneHot
from ...stable import Select
from . import dtypes
from .feeds import note_batch_sources
from .kernel_dtypes import kernel_dtype_error, matmul_kernel, takes
from .errors import DTypeMismatchError
from .default_graph import get_default_graph
from .function_operands import check_first_operand
from .recording import recorded
from .read_snapshots import converted
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
    name_scope,
)
from .reduction_ops import (arg_max, arg_min, argmax, argmin, negatable, reduce_max, reduce_mean, reduce_min,
                            reduce_sum)
from .reshape_ops import holds_tensors, reshape
from .tensors import listed
from .unknown_lengths import fixed_lengths_if_possible

__all__ = ["transpose", "reshape", "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "argmax", "argmin",
           "equal", "one_hot", "zeros", "ones", "zeros_like", "ones_like", "arg_max", "arg_min", "convert_to_tensor",
           "tensordot", "identity", "negatable"]


@recorded
def transpose(a, perm=None, name: str = "transpose", conjugate: bool = False) -> Tensor:
    """``tf.transpose``: a rank-2 tensor's transpose (``perm`` ``[1, 0]``); ranks 0 and 1 are unchanged."""
    a = as_tensor(a)
    order = [1, 0] if perm is None else _permutation(perm, name)
    if a.ndim < 2 or order == [0, 1]:  # TF1 still makes the op: a new tensor named as it (probe77 P77-1)
        return Tensor(a.expr, a.shape, a.dtype, f"{name}:0")
    if order != [1, 0]:
        raise ValueError(f"perm must be a permutation of [0, 1] for a rank-2 tensor; given {list(perm)}")
    return Tensor(transpose_expr(a.expr), a.shape[::-1], a.dtype, f"{name}:0")


def _permutation(perm, op: str) -> list[int]:
    """``perm`` as ints: Python ints, constant int tensors, or a vector of them (``tf.stack([a, 1 - a])`` of
    constants); one computed when the graph runs is refused (typed, probe13 W18)."""
    perm = listed(perm)
    items = perm if isinstance(perm, (list, tuple)) else [perm]
    known = [entry for item in items if isinstance(item, Tensor) for entry in _known_entries(item)]
    if not all(getattr(entry, "is_Integer", False) for entry in known):
        raise UnsupportedOperationError(
            f"'{op}' with perm {perm!r}: symopt.compat.v1 takes a perm known when the graph is built (Python ints "
            "such as perm=[1, 0], or tf.constant of them); given a tensor computed when the graph runs")
    return [int(entry) for item in items for entry in (_known_entries(item) if isinstance(item, Tensor) else [item])]


def _known_entries(tensor: Tensor) -> list:
    """The entries of an integer scalar or vector tensor that reads no input (a constant, a ``tf.stack`` of
    constants), as SymPy numbers; ``[None]`` for any other tensor."""
    expr = tensor.expr
    if not tensor.dtype.is_integer or tensor.ndim > 1 or expr is None or expr.free_symbols:
        return [None]
    return list(expr.as_explicit()) if tensor.ndim == 1 else [expr]


@recorded
def equal(x, y, name=None) -> Tensor:
    """``tf.equal``: elementwise ``x == y`` with broadcasting, dtype bool (1.0 / 0.0 inside the program); both of one
    dtype, as TF1 (``tf.equal(tf.argmax(y, 1), int32_labels)`` is its TypeError: cast the labels to int64)."""
    check_first_operand(x, y, "Equal")
    x, y = fixed_lengths_if_possible(*convert_pair(x, y, "Equal"), "Equal")  # [None] against [5]: TF1's static shape [5]
    shape = broadcast_shape(x.shape, y.shape, (x, y))
    if shape == ():
        return Tensor(ElementSum(Equal(matrix_of(x), matrix_of(y))), (), dtypes.bool, f"{name or 'Equal'}:0")
    expr = Equal(broadcast_matrix(x, shape, (y,)), broadcast_matrix(y, shape, (x,)))
    return Tensor(expr, shape, dtypes.bool, f"{name or 'Equal'}:0")


equal.result_dtype = dtypes.bool  # a deferred one's dtype (of a placeholder without a shape), as in TF1


@recorded
def one_hot(indices, depth: int, on_value=None, off_value=None, axis=None, dtype=None, name=None) -> Tensor:
    """``tf.one_hot``: indices of shape ``(n,)`` give ``(n, depth)`` (``axis=0``: ``(depth, n)``); a scalar ``(depth,)``.

    An index outside ``0 .. depth-1`` gives a row of ``off_value``, as in TF1.
    """
    if isinstance(indices, (np.ndarray, np.generic)) and not takes("OneHot", indices.dtype.name):
        indices = np.asarray(indices).astype(np.int64)  # TF1 converts a NumPy array to int64, truncating (review6 R6-7)
    indices = as_tensor(indices)
    if not takes("OneHot", indices.dtype.name):
        raise kernel_dtype_error("OneHot", indices.dtype.name, f"tf.one_hot of {indices.name}: labels loaded as floats "
                                 f"are cast first, tf.cast({indices.op_name}, tf.int32)", "indices")
    depth = _static_int(depth, "one_hot depth")
    if indices.ndim > 1:
        raise UnsupportedOperationError(f"tf.one_hot of indices of rank {indices.ndim} would give rank "
                                        f"{indices.ndim + 1}; symopt.compat.v1 supports ranks up to 2: one-hot encode "
                                        "tf.reshape(indices, [-1]) and combine the rows yourself")
    if indices.ndim == 0:
        expr, shape = transpose_expr(OneHot(matrix_of(indices), depth)), (depth,)
    elif axis in (None, -1, 1):
        expr, shape = OneHot(indices.expr, depth), (indices.shape[0], depth)
    elif axis == 0:
        expr, shape = transpose_expr(OneHot(indices.expr, depth)), (depth, indices.shape[0])
    else:
        raise ValueError(f"one_hot: axis must be -1, 0 or 1 for indices of rank 1; given {axis}")
    with name_scope(name or "one_hot") as scope:
        on, off, dtype = _one_hot_values(on_value, off_value, dtype)
        if not (_is_number(on, 1) and _is_number(off, 0)):  # a bool one-hot is 1 / 0 inside the program
            if dtype == dtypes.bool:
                on, off = (constant(float(bool(t.expr)), dtypes.float32) for t in (on, off))
            expr = Select(expr, on.expr, off.expr)  # chosen, as TF1's kernel: on_value=-inf leaves off_value as
            # it is (on * onehot + off * (1 - onehot) made NaN of every other entry: probe31 P31-10)
    return Tensor(expr, shape, dtype, scope[:-1], exact_name=True)


def _one_hot_values(on_value, off_value, dtype) -> tuple:
    """``(on, off, dtype)`` of ``tf.one_hot`` as TF1 infers them: without ``dtype=`` the dtype of ``on_value``
    (else of ``off_value``; ``1`` is int32, ``True`` bool, ``1.0`` float32), float32 when neither is given; each
    value given is converted to ``dtype`` where given; values of other dtypes than each other or than ``dtype``
    are TF1's ``TypeError``."""
    given = [(value, what) for value, what in ((on_value, "on_value"), (off_value, "off_value")) if value is not None]
    converted = {what: _hinted(value, dtype, what) for value, what in given}
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
        for what, tensor in converted.items():
            if tensor.dtype != dtype:
                raise DTypeMismatchError(f"dtype <dtype: '{tensor.dtype.name}'> of {what} does not match dtype parameter "
                                         f"<dtype: '{dtype.name}'> (give {what} of dtype {dtype.name}, or leave "
                                         "dtype= out: the one-hot takes on_value's dtype)")
    elif converted:
        dtype = next(iter(converted.values())).dtype
    else:
        dtype = dtypes.float32
    if len(converted) == 2 and converted["on_value"].dtype != converted["off_value"].dtype:
        raise DTypeMismatchError(f"dtype <dtype: '{converted['on_value'].dtype.name}'> of on_value does not match "
                                 f"dtype <dtype: '{converted['off_value'].dtype.name}'> of off_value (give both of one "
                                 "dtype: 1 and 0, or 1.0 and 0.0)")
    for what, default in (("on_value", 1), ("off_value", 0)):
        if what not in converted:
            if dtype == dtypes.bool:  # TF1 fills the missing one with an int
                raise DTypeMismatchError(f"Expected bool, but got {default} of type 'int'. (a bool one-hot takes "
                                         "on_value=True, off_value=False)")
            converted[what] = constant(default, dtype, name=what)
    return converted["on_value"], converted["off_value"], dtype


def _is_number(tensor: Tensor, number: int) -> bool:
    """Whether ``tensor`` is the constant ``number`` (``1``, ``1.0`` and ``True`` are 1)."""
    return isinstance(tensor.expr, sympy.Number) and float(tensor.expr) == number


def _hinted(value, dtype, name: str) -> Tensor:
    """``value`` as a tensor: of ``dtype`` where it converts to it (``1`` for float32), else of its own dtype."""
    if isinstance(value, Tensor) or dtype is None:
        return as_tensor(value, name=name)
    try:
        return as_tensor(value, dtype, name)
    except (TypeError, ValueError):
        return as_tensor(value, name=name)


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
        return filled(shape, constant(float(fill) if dtype.is_floating else fill, dtype=dtype), name=name)  # the program's name, as checked
    shape = tuple(int(d) for d in ([shape] if isinstance(shape, numbers.Integral) else shape))
    if len(shape) > 2:  # a conv kernel [5, 5, 1, 32], an image batch
        raise UnsupportedOperationError(f"tf.{'ones' if fill else 'zeros'} of shape {list(shape)}: only ranks 0, 1 "
                                        "and 2 are supported by symopt.compat.v1")
    if shape == ():  # TF1 opens the op's name scope first: its root-scope message for 'z:0', not constant's (46b-4)
        get_default_graph().check_name(name)
        return constant(float(fill) if dtype.is_floating else fill, dtype=dtype, name=name)
    rows, cols = (shape[0], 1) if len(shape) == 1 else shape
    expr = OneMatrix(rows, cols) if fill else ZeroMatrix(rows, cols)
    return Tensor(expr, shape, dtype, f"{name}:0")


def zeros(shape, dtype=dtypes.float32, name=None) -> Tensor:
    """``tf.zeros``: a symbolic all-zeros matrix (no array is stored)."""
    dtype = dtypes.as_dtype(dtype)  # before the name scope, as TF1: a TypeError takes no name (F43b-7)
    with get_default_graph().name_used_on_failure(name or "zeros"):  # TF1's name scope first (P63-3)
        return _filled(shape, dtype, 0, name or "zeros")


def ones(shape, dtype=dtypes.float32, name=None) -> Tensor:
    """``tf.ones``: a symbolic all-ones matrix."""
    dtype = dtypes.as_dtype(dtype)  # before the name scope, as TF1: a TypeError takes no name (F43b-7)
    with get_default_graph().name_used_on_failure(name or "ones"):
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
    """``tf.convert_to_tensor``: a tensor as is, a number or array as a constant (TF1's dtype inference); a
    gradient of a variable (TF1's ``IndexedSlices`` of a gathered one) as its dense sum, :func:`densified`."""
    if isinstance(value, Tensor) and getattr(value, "gradient_of", None) is not None and dtype in (None, value.dtype):
        return densified(value)
    if isinstance(value, Tensor) and dtype in (None, value.dtype):
        return converted(value)  # a variable's v/read:0, as TF1's
    return as_tensor(value, dtype if dtype is not None else (preferred_dtype if not isinstance(value, Tensor)
                                                             and preferred_dtype is not None else None),
                     name=None if isinstance(value, Tensor) else name)  # a constant takes the name, as TF1's


@recorded
def densified(gradient: Tensor) -> Tensor:
    """The gradient ``tf.convert_to_tensor`` makes dense: the same values, marked ``densified``, so that an optimizer
    given it updates every row, as TF1 does with a dense gradient, and a clip of it is a clip of the dense matrix
    (probe18 G9; sparse_updates.py)."""
    tensor = Tensor(gradient.expr, gradient.shape, gradient.dtype, "Identity")
    tensor.densified = True
    return tensor


@recorded
def identity(input, name=None) -> Tensor:  # noqa: A002
    """``tf.identity``: the same value as a new tensor (of a string tensor too: computed on the host as it is)."""
    x = as_tensor(input)
    result = view(Tensor(x.expr, x.shape, x.dtype, name or "Identity"), x)
    result.host = x.host  # final46a 46a-12: a string's has no expression (it crashed the compiler)
    return result


identity.tf_name = "Identity"  # TF1's op type, whatever the tensor's name (tf.identity(x, name="out"))


@recorded
def tensordot(a, b, axes, name=None) -> Tensor:
    """``tf.tensordot`` for ranks up to 2: ``axes=1`` (or ``[[1], [0]]``) is the matrix product, ``axes=0`` the
    outer product of two vectors, ``axes=2`` the sum of the elementwise product of two matrices.  TF1 builds a
    MatMul whatever the axes, so its dtypes are MatMul's (no bool, int8, int16, unsigned)."""
    a, b = convert_pair(as_tensor(a), as_tensor(b), "MatMul")  # converted alone, as TF1: a dtype mismatch first
    matmul_kernel(a, b, f"{name or 'Tensordot'}/MatMul")
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
