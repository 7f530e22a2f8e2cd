r"""``tf.range(tf.shape(x)[0])``: the row numbers :math:`0, 1, \dots, m - 1` of the fed batch.

Its length is the batch size :math:`m`, known only when a session runs, so it is an input of the program (like
dropout's noise): a symbol of shape ``(m, 1)`` whose value the session makes from the run's batch size.  It serves
TF1's idioms that pair each example with its row number: ``tf.stack([tf.range(n), labels], axis=1)`` as the
indices of ``tf.gather_nd`` (the entry ``q[i, labels[i]]`` of each row), or a row-number feature.
"""

from __future__ import annotations

import numpy as np

from ...symbols import BATCH, Placeholder as CorePlaceholder
from . import dtypes
from .errors import InvalidArgumentError
from .graph import Tensor, get_default_graph
from .program_dtypes import symbol_dtype

__all__ = ["row_numbers", "is_row_numbers", "row_numbers_value", "is_batch_size"]


def is_batch_size(value) -> bool:
    """Whether ``value`` is the batch size as a scalar integer tensor (``tf.shape(x)[0]`` of a ``[None, ...]``)."""
    return isinstance(value, Tensor) and value.expr is not None and value.ndim == 0 and value.dtype.is_integer \
        and value.expr == BATCH


def row_numbers(dtype: dtypes.DType, name: str) -> Tensor:
    """A vector of the batch's row numbers :math:`0 .. m - 1` in ``dtype`` (a run-time input of shape ``(m, 1)``)."""
    graph = get_default_graph()
    op_name = graph.unique_name(name)
    symbol = CorePlaceholder(op_name, shape=(None,), dtype=symbol_dtype(dtype))
    graph.__dict__.setdefault("row_numbers", set()).add(symbol)
    return Tensor(symbol, (None,), dtype, op_name, exact_name=True)


def is_row_numbers(tensor) -> bool:
    """Whether ``tensor`` is a :func:`row_numbers` vector."""
    return isinstance(tensor, Tensor) and tensor.expr in tensor.graph.__dict__.get("row_numbers", ())


def row_numbers_value(symbol, batch_size: int | None) -> np.ndarray:
    """The value of a :func:`row_numbers` symbol in a run with ``batch_size`` examples: a ``(m, 1)`` column."""
    if batch_size is None:
        raise InvalidArgumentError(f"{symbol} counts the rows of the batch, but no placeholder with a batch "
                                   "dimension was fed in this run")
    return np.arange(batch_size, dtype=getattr(symbol, "dtype", "float64")).reshape(-1, 1)
