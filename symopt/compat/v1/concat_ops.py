r"""TF1's ``tf.concat`` and ``tf.stack`` on tensors of rank up to 2, with gradients.

Joining pieces :math:`A_1, \dots, A_k` is a :class:`~.copy_nodes.Joined` node, printed as ``numpy.concatenate``
(an ``inf`` in one piece stays in its own entries, as TF1's); the gradient of each piece is the matching slice of
the result's gradient (TF1's ``ConcatV2`` gradient).  Constant pieces are joined into one explicit matrix.  An
axis whose size is the batch size (``None``) cannot be joined along.
"""

from __future__ import annotations

import sympy

from ...errors import UnsupportedOperationError
from ...nodes import scale, transpose
from ...symbols import is_matrix
from .graph import Tensor, as_tensor, get_default_graph
from .copy_nodes import Joined
from .rank_limits import rank3_refusal
from .recording import recorded
from .tensor_shape import dimension_value, shape_text
from .unknown_lengths import resized
from .variable_views import view

__all__ = ["concat", "stack", "joined"]


def _tensors(values, op: str) -> list[Tensor]:
    """``values`` as tensors of one dtype (Python values take the first tensor's dtype), as TF1 converts them."""
    if isinstance(values, Tensor) or not isinstance(values, (list, tuple)) or not values:
        raise UnsupportedOperationError(f"tf.{op} of {values!r}: expected a non-empty list of tensors (symopt.compat.v1 "
                                        "does not unpack a tensor into its rows)")
    first = next((v for v in values if isinstance(v, Tensor)), None)
    tensors = [as_tensor(v, None if first is None or isinstance(v, Tensor) else first.dtype) for v in values]
    _one_dtype(tensors, op)
    return tensors


def _one_dtype(tensors: list, op: str) -> None:
    if any(tensor.dtype != tensors[0].dtype for tensor in tensors[1:]):
        raise TypeError(f"Tensors in list passed to 'values' of '{op}' Op have types "
                        f"[{', '.join(t.dtype.name for t in tensors)}] that don't all match.")


def _joined_dtypes_check(op: str):
    """A ``check_when_deferred``: the tensors joined are of one dtype, TF1's ``TypeError`` when the op is built,
    also where one reads a placeholder without a shape (probe70 P70-8)."""
    def check(values, *args, **kwargs):
        tensors = [value for value in values if isinstance(value, Tensor)] if isinstance(values, (list, tuple)) else []
        if tensors:
            _one_dtype(tensors, op)
    return check


def joined(pieces: list, rows: bool):
    """The pieces (SymPy matrices) joined along their rows (``rows``) or columns: one explicit matrix when every
    piece is one, else a :class:`~.copy_nodes.Joined` node."""
    if all(isinstance(piece, sympy.ImmutableMatrix) for piece in pieces):
        joined = pieces[0]
        for piece in pieces[1:]:
            joined = joined.col_join(piece) if rows else joined.row_join(piece)
        return joined
    return Joined(0 if rows else 1, *pieces) if len(pieces) > 1 else pieces[0]


@recorded
def concat(values, axis, name="concat") -> Tensor:
    """``tf.concat(values, axis)``: the tensors joined along ``axis`` (0 or 1; negative counts from the end); the
    other dimensions must agree."""
    tensors = _tensors(values, "ConcatV2")
    rank = tensors[0].ndim
    shapes = ", ".join(shape_text(t.shape) for t in tensors)
    if rank == 0:
        raise ValueError(f"Can't concatenate scalars (use tf.stack instead) for '{name}' (op: 'ConcatV2') with input "
                         f"shapes: {shapes}, [].")
    for tensor in tensors:
        if tensor.ndim != rank:
            raise ValueError(f"Shape must be rank {rank} but is rank {tensor.ndim} for '{name}' (op: 'ConcatV2') "
                             f"with input shapes: {shapes}, [].")
    if isinstance(axis, Tensor):  # tf.concat([a, b], tf.constant(1)): a constant integer scalar, as TF1 takes it
        if axis.ndim != 0 or not isinstance(axis.expr, sympy.Integer):
            raise UnsupportedOperationError(f"tf.concat: the axis {axis.name} is known only when the graph runs, "
                                            "which symopt.compat.v1 cannot shape; give a number or a constant")
        axis = axis.expr
    axis = int(axis)
    if not -rank <= axis < rank:
        raise ValueError(f"ConcatOp : Expected concatenating dimensions in the range [{-rank}, {rank}), but got "
                         f"{axis}")
    axis %= rank
    sizes = [dimension_value(t.shape[axis]) for t in tensors]
    if None in sizes:
        fed = all(getattr(t, "is_placeholder", False) for t in tensors)
        advice = "join the data in NumPy before feeding it" if fed else (
            "for two batches through one model (a GAN discriminator on real and generated examples, a batch and "
            "its augmented copy), run the model on each and combine the losses, 0.5 * (tf.reduce_mean(loss_real) + "
            "tf.reduce_mean(loss_fake)), the mean over the joined batch when both have the batch size; for "
            "per-step outputs of shape [?, H] join them along dimension 1 and reshape batch-major, "
            "tf.reshape(tf.concat(outputs, 1), [-1, H]), with the labels as tf.reshape(y, [-1]) (the PTB "
            "tutorial's form), or sum one loss per step with tf.add_n")  # probe13 W5: computed tensors are no data
        raise UnsupportedOperationError(f"tf.concat along dimension {axis} of shapes {shapes}: joining along the batch "
                                        f"dimension (None) is not supported by symopt.compat.v1; {advice}")
    shape = list(tensors[0].shape)
    for tensor in tensors[1:]:
        for dimension in set(range(rank)) - {axis}:
            mine, theirs = dimension_value(shape[dimension]), dimension_value(tensor.shape[dimension])
            if mine is not None and theirs is not None and mine != theirs:
                raise ValueError(f"Dimension {dimension} in both shapes must be equal, but are {mine} and {theirs}. "
                                 f"Shapes are {shape_text(shape)} and {shape_text(tensor.shape)}. for '{name}' "
                                 f"(op: 'ConcatV2') with input shapes: {shapes}, [].")
            shape[dimension] = mine if mine is not None else theirs
    shape[axis] = sum(sizes)
    op_name = get_default_graph().unique_name(name)
    expr = joined([t.expr for t in tensors], axis == 0)
    result = Tensor(expr, tuple(shape), tensors[0].dtype, op_name, exact_name=True)
    return view(result, tensors[0]) if len(tensors) == 1 else result  # TF1: one tensor's concat is its identity


def _of_one_shape(tensors: list, name: str) -> list:
    """The tensors ``tf.stack`` joins, of one shape: TF1 merges the static shapes, so an unknown length beside a
    known ``n`` is ``n`` (read from its placeholder at that length, fed another: TF1's ``InvalidArgumentError``;
    probe70 P70-5), and shapes that cannot merge are TF1's ``ValueError``."""
    rank = tensors[0].ndim
    merged = [None] * rank if all(t.ndim == rank for t in tensors) else None
    for tensor in tensors if merged is not None else ():
        for axis, length in enumerate(tensor.shape.as_list()):
            if length is not None and merged[axis] not in (None, length):
                merged = None
                break
            merged[axis] = length if length is not None else merged[axis]
        if merged is None:
            break
    if merged is None:
        raise ValueError(f"Shapes must be equal for '{name}' (op: 'Pack'): "
                         f"{', '.join(shape_text(t.shape) for t in tensors)}")
    known = next((t for t in tensors if t.shape.as_list() == merged), tensors[0])
    return [resized(t, {axis: n for axis, (mine, n) in enumerate(zip(t.shape.as_list(), merged))
                        if mine is None and n is not None}, "Pack", known, exact=True, first=i == 0)
            for i, t in enumerate(tensors)]


@recorded
def stack(values, axis=0, name="stack") -> Tensor:
    """``tf.stack(values, axis)``: scalars into a vector, or vectors into the rows (``axis=0``) or columns
    (``axis=1``) of a matrix."""
    tensors = _tensors(values, "Pack")
    rank = tensors[0].ndim
    tensors = _of_one_shape(tensors, name)
    if rank > 1:
        raise rank3_refusal(f"tf.stack of rank-{rank} tensors makes a rank-{rank + 1} tensor")
    axis = int(axis)
    if not -(rank + 1) <= axis <= rank:
        raise ValueError(f"Argument 'axis' = {axis} not in range [{-(rank + 1)}, {rank + 1})")
    axis %= rank + 1
    if any(t.expr is None and not t.deferred for t in tensors):  # a string tensor: no expression to join
        raise UnsupportedOperationError(f"tf.stack of {tensors[0].dtype.name} tensors is not supported by "
                                        "symopt.compat.v1; join the values in Python or NumPy")
    op_name = get_default_graph().unique_name(name)
    if rank == 0 and not any(is_matrix(t.expr) for t in tensors):  # entries of an explicit vector: a product with
        # placement vectors makes every entry NaN where one is inf or NaN (inf * 0: probe28 P28-2's stacked log(0))
        return Tensor(sympy.ImmutableMatrix([[t.expr] for t in tensors]), (len(tensors),), tensors[0].dtype, op_name,
                      exact_name=True)
    if rank == 0:
        pieces = [scale(t.expr, sympy.OneMatrix(1, 1)) for t in tensors]
        shape = (len(tensors),)
    elif axis == 0:
        pieces = [transpose(t.expr) for t in tensors]
        shape = (len(tensors), tensors[0].shape[0])
    else:
        pieces = [t.expr for t in tensors]
        shape = (tensors[0].shape[0], len(tensors))
    expr = joined(pieces, rank == 0 or axis == 0)
    return Tensor(expr, shape, tensors[0].dtype, op_name, exact_name=True)


concat.check_when_deferred = _joined_dtypes_check("ConcatV2")
stack.check_when_deferred = _joined_dtypes_check("Pack")
