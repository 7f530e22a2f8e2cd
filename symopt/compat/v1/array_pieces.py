r"""TF1's ``tf.tile``, ``tf.split`` and ``tf.unstack`` on tensors of rank up to 2, with gradients.

Tiling :math:`X` ``[a, b]`` times joins :math:`a` copies of its rows, then :math:`b` of its columns (a
:class:`~.copy_nodes.Joined` node: an ``inf`` stays in its own copies), so its gradient adds up the slices of the
result's gradient where the copies lie (TF1's ``Tile`` gradient).  ``split`` and ``unstack`` are slices of the input (``MatrixSlice``), each a tensor of its own, named as
TF1 names the outputs of one op (``split:0``, ``split:1``); the gradient of each piece is placed back at its rows.
The batch dimension (``None``) can be neither tiled nor split along.
"""

from __future__ import annotations

import numbers

import numpy as np
from sympy import OneMatrix

from ...errors import UnsupportedOperationError
from ...nodes import matmul, transpose
from ...symbols import BATCH
from .copy_nodes import Joined
from .graph import Tensor, as_tensor, get_default_graph, shape_text
from .recording import recorded
from .tensor_shape import dimension_value, graph_time_int
from .tensors import listed

__all__ = ["tile", "split", "unstack", "int_vector_entries", "known_size"]


def int_vector_entries(value, what: str) -> list:
    """The entries of a shape-like argument: Python ints as given, or the SymPy entries of a constant int vector
    tensor (``tf.constant([2, 3])``; ``tf.shape(x)``, whose batch entry is the batch-size symbol)."""
    if isinstance(value, Tensor):
        stacked = _stacked_scalars(value)
        if stacked is not None:  # tf.stack([tf.shape(x)[0], 3]): each entry as tf.shape(x)[0] or a number
            return [_entry(item, what) for item in stacked]
        entries = getattr(value.expr, "tolist", None)
        if not value.dtype.is_integer or value.ndim != 1 or entries is None:
            raise UnsupportedOperationError(f"{what}: only Python ints, a constant int32 vector or tf.shape(x) are "
                                            f"supported by symopt.compat.v1; given {value!r}")
        return [row[0] for row in entries()]
    value = listed(value)
    return [_entry(item, what) for item in value] if isinstance(value, (list, tuple)) else [_entry(value, what)]


def _stacked_scalars(value: Tensor):
    """The scalars ``value`` stacks (``tf.stack([a, b])`` of scalars along axis 0), else None."""
    recipe = value.recipe
    if recipe is None or getattr(recipe[0], "__name__", "") != "stack" or value.ndim != 1:
        return None
    items = recipe[1][0] if recipe[1] else recipe[2].get("values")
    return list(items) if isinstance(items, (list, tuple)) else None


def _entry(item, what: str):
    """One entry of a shape list: a number as given, a scalar int tensor as its SymPy value (``tf.shape(x)[0]``: the
    batch size; a constant)."""
    if not isinstance(item, Tensor):
        return item
    if not item.dtype.is_integer or item.ndim != 0 or item.expr is None \
            or not (item.expr.is_Integer or item.expr.free_symbols == {BATCH}):
        raise UnsupportedOperationError(f"{what}: an entry {item!r} that is neither a number nor the batch size "
                                        "(tf.shape(x)[0] of a [None, ...] placeholder) is not supported by "
                                        "symopt.compat.v1; pass Python ints or tf.shape(x)[0]")
    return item.expr


def _static_ints(value, what: str) -> list[int]:
    """A list of ints from Python numbers or a constant integer vector tensor."""
    entries = int_vector_entries(value, what)
    if any(getattr(entry, "free_symbols", None) for entry in entries):
        raise UnsupportedOperationError(f"{what}: the batch size cannot be a count here; given {entries}")
    return [int(entry) for entry in entries]


def known_size(tensor: Tensor, axis: int, op: str) -> int:
    """The size of ``tensor``'s ``axis``; the batch size (``None``) is refused."""
    size = dimension_value(tensor.shape[axis])
    if size is None:
        raise UnsupportedOperationError(f"'{op}' along dimension {axis} of {tensor.name} (shape "
                                        f"{shape_text(tensor.shape)}): that dimension is the batch size, which "
                                        "symopt.compat.v1 cannot tile, split, reverse or pad along; do it in NumPy before feeding")
    return size


def _axis(axis, rank: int, op: str) -> int:
    axis = graph_time_int(axis, "the axis", op)
    if not -rank <= axis < rank:
        raise ValueError(f"Shape must be at least rank {axis + 1 if axis >= 0 else -axis} but is rank {rank} for "
                         f"'{op}'")
    return axis % rank


def _outputs(pieces: list, dtype, name: str, recipe: tuple) -> list[Tensor]:
    """Tensors named as the outputs of one TF1 op: ``name:0``, ``name:1``, ... (``pieces``: (expr, shape)); each
    records ``recipe`` = (op, args, kwargs) and its position, so a session can rebuild it (recording.py)."""
    op_name = get_default_graph().unique_name(name)
    tensors = []
    for index, (expr, shape) in enumerate(pieces):
        tensor = Tensor(expr, shape, dtype, op_name, exact_name=True)
        tensor.name = f"{op_name}:{index}"
        tensor.recipe = (output_of, (recipe, index), {})
        tensors.append(tensor)
    return tensors


def output_of(recipe: tuple, index: int) -> Tensor:
    """Output ``index`` of the multi-output op ``recipe`` = (op, args, kwargs), built again (a session rebuilding
    a piece of ``tf.split`` with an input fed)."""
    op, args, kwargs = recipe
    return op(*args, **kwargs)[index]


def _not_deferred(x: Tensor, op: str) -> Tensor:
    if x.deferred:
        raise UnsupportedOperationError(f"tf.{op} of {x.name}, whose shape is not known until it is fed, is not "
                                        "supported yet by symopt.compat.v1; give the placeholder a shape")
    return x


@recorded
def tile(input, multiples, name=None) -> Tensor:  # noqa: A002 - TF1's name
    """``tf.tile(x, multiples)``: ``x`` repeated ``multiples[i]`` times along each axis ``i`` (one multiple per
    axis); the gradient adds up the copies."""
    x = as_tensor(input)
    op = name or "Tile"
    counts = int_vector_entries(multiples, "tf.tile multiples")
    if len(counts) != x.ndim:
        raise ValueError(f"Shape must be rank {x.ndim} but is rank {len(counts)} for '{op}' (op: 'Tile') with input "
                         f"shapes: {shape_text(x.shape)}, [{len(counts)}]. (one multiple per axis of the input)")
    batch = [axis for axis, c in enumerate(counts) if getattr(c, "free_symbols", None)]
    if batch and (batch != [0] or counts[0] != BATCH or dimension_value(x.shape[0]) != 1):
        raise UnsupportedOperationError(
            f"'{op}' multiples {counts} of {x.name} (shape {shape_text(x.shape)}): symopt.compat.v1 repeats a tensor "
            "over the batch (m = tf.shape(x)[0]) only as tf.tile(b, [tf.shape(x)[0], ...]) of a b with one row; "
            "TF1's broadcasting says the same without a tile: tf.zeros_like(x[:, :1]) + b, or b * tf.ones_like(...)")
    counts = [c if axis in batch else int(c) for axis, c in enumerate(counts)]
    if any(c < 0 for axis, c in enumerate(counts) if axis not in batch):
        raise ValueError(f"'{op}': Expected multiples argument to be non-negative; given {counts}")
    expr, shape = x.expr, []
    for axis, count in enumerate(counts):
        if axis in batch:  # one row repeated for each example of the batch
            expr = matmul(OneMatrix(BATCH, 1), expr)
            shape.append(None)
            continue
        if count == 1:
            shape.append(x.shape[axis])
            continue
        size = known_size(x, axis, op)
        if not count:
            raise UnsupportedOperationError(f"'{op}' multiples {counts} of {x.name} (shape {shape_text(x.shape)}) "
                                            f"repeat dimension {axis} 0 times: empty tensors are not supported by "
                                            "symopt.compat.v1 (TF1 gives an empty result); leave the tile out")
        expr = Joined(axis, *[expr] * count)  # copies joined: an inf stays in its own copies
        shape.append(size * count)
    return Tensor(expr, tuple(shape), x.dtype, op)


def _piece(x: Tensor, axis: int, start: int, stop: int):
    """Entries ``start:stop`` of ``x`` along ``axis`` as an expression (rows of the internal matrix for axis 0)."""
    return x.expr[start:stop, :] if axis == 0 else x.expr[:, start:stop]


def split(value, num_or_size_splits, axis=0, num=None, name="split") -> list:
    """``tf.split(x, 3)`` (equal pieces; the size must divide) or ``tf.split(x, [2, -1])`` (sizes, one of them -1
    for the rest): the pieces of ``x`` along ``axis``, in order."""
    with get_default_graph().name_used_on_failure(name):  # a failed build uses its name up, as TF1's (F43b-4)
        return _split(value, num_or_size_splits, axis, name)


def _split(value, num_or_size_splits, axis, name) -> list:
    x = _not_deferred(as_tensor(value), "split")
    if x.ndim == 0:
        raise ValueError(f"Shape must be at least rank 1 but is rank 0 for '{name}' (op: 'Split')")
    axis = _axis(axis, x.ndim, name)
    size = known_size(x, axis, name)
    if isinstance(num_or_size_splits, np.ndarray) and num_or_size_splits.ndim == 0:
        raise ValueError("Rank-0 tensors are not supported as the num_or_size_splits argument to split. Argument "
                         f"provided: {num_or_size_splits} (a count is an int: int(n))")
    if isinstance(num_or_size_splits, numbers.Integral) or (isinstance(num_or_size_splits, Tensor)  # np.int64(3)
                                                             and num_or_size_splits.ndim == 0):  # too: a count
        count = int(num_or_size_splits.expr if isinstance(num_or_size_splits, Tensor) else num_or_size_splits)
        if count <= 0 or size % count:
            raise ValueError(f"Dimension size must be evenly divisible by {count} but is {size}\n\tNumber of ways to "
                             f"split should evenly divide the split dimension for '{name}' (op: 'Split') with input "
                             f"shapes: [], {shape_text(x.shape)}.")
        sizes = [size // count] * count
    else:
        sizes = _static_ints(num_or_size_splits, "tf.split size_splits")
        if sizes.count(-1) > 1 or any(s < -1 for s in sizes):
            raise ValueError(f"'{name}': at most one size may be -1 and none below it; given {sizes}")
        if -1 in sizes:
            sizes[sizes.index(-1)] = size - sum(s for s in sizes if s != -1)
        if sum(sizes) != size or min(sizes) < 0:
            raise ValueError(f"can't split axis of size {size} into pieces of size [{','.join(map(str, sizes))}] for "
                             f"'{name}' (op: 'SplitV') with input shapes: {shape_text(x.shape)}, [{len(sizes)}], [] and "
                             f"with computed input tensors: input[1] = <{' '.join(map(str, sizes))}>, input[2] = "
                             f"<{axis}>.")
    pieces, start = [], 0
    for length in sizes:
        shape = list(x.shape)
        shape[axis] = length
        pieces.append((_piece(x, axis, start, start + length), tuple(shape)))
        start += length
    return _outputs(pieces, x.dtype, name, (split, (x, sizes), {"axis": axis, "name": name}))


def unstack(value, num=None, axis=0, name="unstack") -> list:
    """``tf.unstack(x, axis=0)``: the rows of a matrix (``axis=1``: its columns) as vectors, or the entries of a
    vector as scalars."""
    x = _not_deferred(as_tensor(value), "unstack")
    if x.ndim == 0:
        raise ValueError(f"Shape must be at least rank 1 but is rank 0 for '{name}' (op: 'Unpack')")
    axis = _axis(axis, x.ndim, name)
    count = dimension_value(x.shape[axis])
    if count is None and num is not None:  # TF1 splits the fed batch and checks its size when the graph runs
        raise UnsupportedOperationError(f"tf.unstack(num={num}) along the batch dimension of {x.name} (shape "
                                        f"{shape_text(x.shape)}) is not supported by symopt.compat.v1: give the "
                                        f"placeholder its size ([{num}, ...]) or take rows with x[i]")
    if count is None:
        raise ValueError(f"Cannot infer argument `num` from shape {x.shape}")
    if num is not None and int(num) != count:
        raise ValueError(f"Dimension must be {num} but is {count} for '{name}' (op: 'Unpack') with input shapes: "
                         f"{shape_text(x.shape)}.")
    if x.ndim == 1:
        pieces = [(x.expr[i, 0], ()) for i in range(count)]
    elif axis == 0:
        pieces = [(transpose(x.expr[i:i + 1, :]), (x.shape[1],)) for i in range(count)]
    else:
        pieces = [(x.expr[:, i:i + 1], (x.shape[0],)) for i in range(count)]
    return _outputs(pieces, x.dtype, name, (unstack, (x,), {"axis": axis, "name": name}))
