r"""TF1's ``tf.reshape`` in row-major order onto symopt's layout, where rank-1 tensors are ``(n, 1)`` columns:
``(n,) <-> (n, 1)`` keeps the expression, ``(n,) <-> (1, n)`` is a transpose, other layouts a
:class:`~symopt.reductions.Reshape` node; ``-1`` and a batch size given as a tensor (``[tf.shape(x)[0], -1]``)
resolved against the source's shape."""

from __future__ import annotations

import math
import numbers

import sympy

from ...errors import UnsupportedOperationError
from ...nodes import ElementSum
from ...nodes import transpose as transpose_expr
from ...reductions import Reshape
from ...symbols import BATCH
from .graph import Tensor, as_tensor, matrix_of, shape_text
from .recording import recorded
from .tensors import listed
from .variables import view

__all__ = ["reshape", "holds_tensors"]


def _target_shape(source: tuple, shape, op: str, entries=None) -> tuple:
    """Resolve one ``-1`` in ``shape`` against the source's size (``None`` = the batch dimension); ``entries``: the
    number of entries the source's expression holds (``3*m`` for the ``[?]`` losses of ``[3m, V]`` logits), which
    may pair up where its static shape alone would not."""
    shape = listed(shape)
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
    if batched and (rest == 0 or known % rest) and not _whole_examples(entries, rest):  # [?, 2] to [-1, 4]: TF1
        raise UnsupportedOperationError(
            f"'{op}' of a tensor of shape {shape_text(source)} to {shape_text(target)} is not supported by "
            f"symopt.compat.v1: the rows of {known} entries would have to pair up across examples of the batch; "
            "reshape each example (keep its entries in one row) or reshape the fed array with NumPy; for "
            "per-step values (losses) of a sequence, keep them in a list and combine them with tf.add_n or "
            "tf.stack(steps, axis=1) instead of flattening and reshaping them back")
    if (rest == 0 or known % rest) and not (batched and _whole_examples(entries, rest)):
        raise ValueError(f"Cannot reshape a tensor of shape {shape_text(source)} to shape {shape_text(target)}: "
                         f"{known if not batched else '? x ' + str(known)} elements do not divide into {rest}")
    fill = None if batched else known // rest
    return tuple(fill if d == -1 else d for d in target)


def _whole_examples(entries, rest: int) -> bool:
    """Whether ``entries`` (the source expression's count, ``k*m``) fill rows of ``rest`` with whole examples: a
    whole multiple of the batch size ``m`` per row count (``tf.reshape(ce, [-1, T])`` of the ``T*m`` losses of a
    flattened ``[batch*T]`` layout is one example per row: probe38 P38-6)."""
    if entries is None or rest == 0:
        return False
    per_batch = sympy.expand(entries / (rest * BATCH))
    return per_batch.is_Integer and per_batch > 0


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
    entries = x.expr.shape[0] * x.expr.shape[1] if x.ndim else None
    target = _target_shape(x.shape, shape, op, entries)
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
