r"""``tf.nn.top_k(x, k)`` (``tf.math.top_k``): the ``k`` largest entries of each row of ``x`` (of a vector: of
``x``), largest first, and their column indices (``int32``; among equal entries the lower index first, as TF1).

Two nodes (:mod:`.top_k_nodes`) print NumPy's stable sort of :math:`-X` along the rows; a gradient through ``top_k``
raises :class:`~symopt.errors.UnsupportedOperationError` (TF1 scatters the gradient to the chosen entries).
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

from ...errors import UnsupportedOperationError
from ...nodes import transpose
from . import dtypes
from .array_ops import negatable
from .graph import Tensor, as_tensor, shape_text
from .kernel_dtypes import kernel_inputs
from .recording import recorded
from .top_k_nodes import TopKIndices, TopKValues

__all__ = ["TopKValues", "TopKIndices", "TopKV2", "top_k"]


class TopKV2(NamedTuple):
    """What ``tf.nn.top_k`` returns (TF1's ``TopKV2`` namedtuple)."""

    values: Tensor
    indices: Tensor


def top_k(input, k=1, sorted=True, name=None) -> TopKV2:  # noqa: A002 - TF1's names
    """``tf.nn.top_k(x, k=1, sorted=True)``: ``(values, indices)`` of the ``k`` largest entries along the last
    axis, largest first (``indices`` ``int32``)."""
    x = as_tensor(input)
    kernel_inputs("TopKV2")(x)  # bools (probe86 P86-1)
    op = name or "TopKV2"
    if isinstance(k, Tensor) or not isinstance(k, numbers.Integral) or isinstance(k, bool) or k < 0:
        raise UnsupportedOperationError(f"tf.nn.top_k: k must be a Python int >= 0 in symopt.compat.v1; given {k!r}")
    values = _top_values(x, k, op)
    return TopKV2(values, _top_indices(x, k, values.op_name))


def _rows(x: Tensor, k: int, op: str):
    """``x`` as rows (a vector as one row) and the results' shape, TF1's errors for a bad rank or ``k``."""
    if x.ndim not in (1, 2):
        raise ValueError(f"Shape must be at least rank 1 but is rank {x.ndim} for '{op}' (op: 'TopKV2') with input "
                         f"shapes: {shape_text(x.shape)}.")
    columns = x.shape.as_list()[-1]
    if columns is None:
        raise UnsupportedOperationError(
            f"tf.nn.top_k of {x.name} (shape {shape_text(x.shape)}): the last dimension must be known; give the "
            "placeholder it comes from its size there, which may be another placeholder's batch (distances from a "
            "test batch to a training set, as in k-nearest neighbours: the training set's placeholder with its "
            "number of rows, tf.placeholder(tf.float32, [len(x_train), n]))")
    if k > columns:
        raise ValueError(f"input must have at least k columns. Had {columns}, needed {k} for '{op}' (op: 'TopKV2') "
                         f"with input shapes: {shape_text(x.shape)}.")
    expr = negatable(x)  # sorted by -x: integers as float64, exact (probe11 U8)
    return (expr if x.ndim == 2 else transpose(expr)), (*x.shape.as_list()[:-1], k)


def _as_columns(x: Tensor, expr):
    return expr if x.ndim == 2 else transpose(expr)


@recorded
def _top_values(x: Tensor, k: int, op: str) -> Tensor:
    rows, shape = _rows(x, k, op)
    return Tensor(_as_columns(x, TopKValues(rows, k)), shape, x.dtype, op)


@recorded
def _top_indices(x: Tensor, k: int, op_name: str) -> Tensor:
    """The indices output, ``<op>:1`` of the values' op."""
    rows, shape = _rows(x, k, op_name)
    indices = Tensor(_as_columns(x, TopKIndices(rows, k)), shape, dtypes.int32, op_name, exact_name=True)
    indices.name = f"{op_name}:1"
    return indices


_top_indices.result_dtype = dtypes.int32  # of a deferred input (a placeholder without a shape): TF1's int32
_top_values.tf_name = "TopKV2"  # a deferred call's name (a placeholder without a shape), TF1's op (45b-8)
