"""TF1's placeholders: ``tf.placeholder`` (a ``None`` dimension is the batch size; one without a shape, or with
two unknown sizes, is deferred until fed) and the stand-in placeholder a session feeds in place of a tensor."""

from __future__ import annotations

from ...errors import ShapeError
from ...symbols import Placeholder as CorePlaceholder
from . import dtypes as _dtypes
from .graph import Tensor, get_default_graph, shape_tuple
from .program_dtypes import symbol_dtype
from .stand_ins import stand_in_for
from .tensor_shape import shape_text
from .errors import rank_above_2

__all__ = ["placeholder", "stand_in"]


def placeholder(dtype, shape=None, name: str | None = None) -> Tensor:
    """``tf.placeholder(dtype, shape, name)``; ``None`` dims are the batch size; without ``shape`` any shape
    may be fed (the session specialises the program to the fed shape)."""
    dtype = _dtypes.as_dtype(dtype)
    graph = get_default_graph()
    shape = None if shape is None else shape_tuple(shape)  # checked before the name is taken (TF1: P63-3)
    negative = next((d for d in shape or () if d is not None and d < 0), None)
    if negative is not None:  # TF1's words
        raise ShapeError(f"Dimension {negative} must be >= 0 (tf.placeholder of shape {list(shape)}: give each size "
                         "as a count, or None for a size fed at run time)")
    op_name = graph.unique_name(name or "Placeholder")  # TF1 builds a rank-3 placeholder: its name is taken
    if shape is not None and shape.count(None) <= 1 and len(shape) > 2:
        raise rank_above_2(f"tf.placeholder of shape {shape_text(shape)}")
    if shape is None or shape.count(None) > 1:  # [None, None]: both sizes come with the feed
        tensor = Tensor(None, shape, dtype, op_name, exact_name=True)
        tensor.deferred = True
    else:
        symbol = CorePlaceholder(op_name, shape=shape, dtype=symbol_dtype(dtype))
        tensor = Tensor(symbol, shape, dtype, op_name, exact_name=True)
        graph.placeholders[symbol] = tensor
    tensor.is_placeholder = True
    tensor.op_type = "Placeholder"
    return tensor


def stand_in(tensor: Tensor, shape: tuple) -> Tensor:
    """A placeholder of ``shape`` that takes the place of ``tensor`` when a session feeds it."""
    result = stand_in_for(tensor, shape, "fed")  # a session's node, not one of the program's
    result.stands_for = tensor
    result.static_shape = tensor.shape  # TF1's, declared (unknown for a placeholder without a shape)
    tensor.graph.placeholders[result.expr] = result
    return result
