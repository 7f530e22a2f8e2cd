r"""TF1's ``tf.reverse`` and ``tf.pad`` (constant padding) on tensors of rank up to 2, with gradients.

Reversing an axis of :math:`n` entries copies them in the order :math:`n-1, \dots, 0` (a
:class:`~.copy_nodes.Taken` node, ``X[::-1]``), so its gradient is the reversed gradient.  Padding joins zeros
before and after :math:`X` (a :class:`~.copy_nodes.Joined` node) and chooses the padding value outside
(:class:`~symopt.stable.Select`, so the border is exactly the value, never ``-0.0``); the gradient is the inner part
of the result's gradient.  The batch dimension (``None``) can be neither reversed nor padded.
"""

from __future__ import annotations

import numpy as np
from sympy import OneMatrix, ZeroMatrix

from ...errors import UnsupportedOperationError
from ...nodes import matmul
from ...stable import Select
from .array_fills import constant_matrix
from .array_pieces import int_vector_entries, known_size
from .axis_lists import normalized_axes
from .copy_nodes import Joined, Taken
from .graph import Tensor, as_tensor, shape_text
from .tensor_shape import graph_time_int
from .recording import recorded
from .tensors import listed

__all__ = ["reverse", "reverse_v2", "pad"]


def _padded(expr, axis: int, before: int, after: int):
    """``expr`` with ``before`` zero rows (columns for ``axis`` 1) joined before it and ``after`` after it."""
    rows, cols = expr.shape
    zeros = [ZeroMatrix(n, cols) if axis == 0 else ZeroMatrix(rows, n) for n in (before, after)]
    pieces = [zeros[0]] * bool(before) + [expr] + [zeros[1]] * bool(after)
    return Joined(axis, *pieces) if len(pieces) > 1 else expr


@recorded
def reverse(tensor, axis, name=None) -> Tensor:
    """``tf.reverse(x, axis)`` (``tf.reverse_v2``): ``x`` with the order of the entries along each axis in the list
    ``axis`` reversed."""
    x = as_tensor(tensor)
    op = name or "ReverseV2"
    axes = [int(a) for a in int_vector_entries(axis, "tf.reverse axis")]
    expr = x.expr
    normalized = normalized_axes(  # a scalar has no axis (probe56 P56-5); reversed twice is no reversal (P56-7)
        axes, x.ndim,
        lambda index, a: ValueError(f"'axis'[{index}] = {a} is out of valid range [0, {x.ndim - 1}] for '{op}' (op: "
                                    f"'ReverseV2') with input shapes: {shape_text(x.shape)}, [{len(axes)}]"),
        lambda a: ValueError(f"axis {a} specified more than once. for '{op}' (op: 'ReverseV2') with input shapes: "
                             f"{shape_text(x.shape)}, [{len(axes)}] (axis {axes}): give each axis once"))
    for a in normalized:
        size = known_size(x, a, op)
        expr = Taken(expr, a, range(size - 1, -1, -1))
    return Tensor(expr, x.shape, x.dtype, op)


reverse_v2 = reverse


def _paddings(paddings, rank: int, op: str) -> list[tuple[int, int]]:
    if isinstance(paddings, Tensor):
        entries = getattr(paddings.expr, "tolist", None)
        if not paddings.dtype.is_integer or entries is None:
            raise UnsupportedOperationError(f"{op}: paddings must be Python ints or a constant int32 matrix in "
                                            f"symopt.compat.v1; given {paddings!r}")
        paddings = entries() if paddings.ndim == 2 else [[row[0] for row in entries()]]
    # an entry may be a scalar tensor known when the graph is built (tf.shape(x)[1])
    pairs = [int_vector_entries(pair, f"{op} paddings") if isinstance(pair, (list, tuple)) else [pair]
             for pair in listed(paddings)]
    if any(getattr(p, "free_symbols", None) for pair in pairs for p in pair):
        raise UnsupportedOperationError(f"{op}: paddings by the batch size (tf.shape(x)[0]) are not supported by "
                                        f"symopt.compat.v1; pad by sizes known when the graph is built (Python ints, "
                                        f"or tf.shape(x)[1] of a known dimension); given {paddings}")
    if len(pairs) != rank or any(len(pair) != 2 for pair in pairs):
        raise ValueError(f"The first dimension of paddings must be the rank of inputs[{rank}] and each row a pair "
                         f"[before, after], for '{op}' (op: 'Pad'); given paddings {paddings}")
    pairs = [(graph_time_int(before, "a padding", op), graph_time_int(after, "a padding", op)) for before, after in pairs]
    if any(p < 0 for pair in pairs for p in pair):
        raise ValueError(f"'{op}': paddings must be non-negative; given {pairs}")
    return pairs


@recorded
def pad(tensor, paddings, mode="CONSTANT", name=None, constant_values=0) -> Tensor:
    """``tf.pad(x, [[before, after], ...])``: ``x`` surrounded along each axis by ``before`` and ``after`` entries of
    ``constant_values`` (``mode="CONSTANT"``; ``REFLECT`` and ``SYMMETRIC`` are not supported)."""
    x = as_tensor(tensor)
    if str(mode).upper() != "CONSTANT":
        raise UnsupportedOperationError(f"tf.pad(mode={mode!r}) is not supported yet by symopt.compat.v1; only "
                                        "mode='CONSTANT' (pad the data in NumPy before feeding it)")
    op = name or ("Pad" if not isinstance(constant_values, Tensor) and constant_values == 0 else "PadV2")
    value = as_tensor(constant_values, x.dtype)
    if value.ndim != 0:
        raise ValueError(f"'{op}': constant_values must be a scalar; given shape {shape_text(value.shape)}")
    pairs = _paddings(paddings, x.ndim, op)
    expr, shape, masks = x.expr, [], []  # masks: per axis, 1 inside and 0 in the padding (None: the batch)
    for axis, (before, after) in enumerate(pairs):
        size = x.shape.as_list()[axis]
        if before == after == 0:
            shape.append(size)
            masks.append(None if size is None else np.ones(size))
            continue
        size = known_size(x, axis, op)
        expr = _padded(expr, axis, before, after)
        shape.append(before + size + after)
        masks.append(np.concatenate([np.zeros(before), np.ones(size), np.zeros(after)]))
    rows, cols = masks if x.ndim == 2 else (masks[0], np.ones(1))
    if rows is None:  # every row of the batch: ones(m, 1) times the columns' mask
        inside = matmul(OneMatrix(expr.shape[0], 1), constant_matrix(cols.reshape(1, -1), x.dtype, f"{op}/inside"))
    else:
        inside = constant_matrix(np.outer(rows, cols), x.dtype, f"{op}/inside")
    return Tensor(Select(inside, expr, value.expr), tuple(shape), x.dtype, op)
