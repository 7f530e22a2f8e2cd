r"""``tf.sequence_mask(lengths, maxlen)``: row ``i`` is true in its first ``lengths[i]`` entries (TF1's
``range(maxlen) < lengths[:, None]``, a ``tf.bool`` matrix, or of ``dtype``).  ``tf.boolean_mask(tensor, mask)``:
the rows (entries) where ``mask`` is true; of a mask known only when the graph runs (fed, or computed), a copy of
the rows at the row numbers of its true entries, which a run computes from the mask's value (:func:`row_selections`,
:class:`~.gathered_rows.KeptRows`): each number of true entries is a program of its own, and the gradient is TF1's
scatter into the kept rows."""

from __future__ import annotations

import numpy as np
import sympy

from ...errors import UnsupportedOperationError
from . import dtypes
from .array_ops import reshape
from .comparison_ops import known_truth, less
from .gather_ops import gather
from .gathered_rows import KeptRows
from .recording import recorded
from .graph import Tensor, as_tensor, constant, get_default_graph, name_scope, shape_text
from .math_ops import cast
from .recording import reachable
from .shape_ops import expand_dims, range as range_op

__all__ = ["sequence_mask", "boolean_mask", "row_selections"]


def _maxlen(lengths: Tensor, maxlen) -> int:
    """``maxlen`` as an int: given, or the largest of constant ``lengths``."""
    if maxlen is None:
        entries = getattr(lengths.expr, "tolist", None)
        values = [row[0] for row in entries()] if entries is not None else [lengths.expr]
        if not all(isinstance(v, sympy.Integer) for v in values):
            raise UnsupportedOperationError("tf.sequence_mask without maxlen takes the largest length when the graph "
                                            "runs, which symopt.compat.v1 cannot shape; give maxlen=")
        return int(max(values))
    if isinstance(maxlen, Tensor):
        if maxlen.ndim != 0 or not isinstance(maxlen.expr, sympy.Integer):
            raise UnsupportedOperationError(f"tf.sequence_mask: maxlen must be a number or a constant scalar; given "
                                            f"{maxlen!r}")
        return int(maxlen.expr)
    return int(maxlen)


@recorded
def sequence_mask(lengths, maxlen=None, dtype=dtypes.bool, name=None) -> Tensor:
    """``tf.sequence_mask(lengths, maxlen)``: ``mask[i, j] = j < lengths[i]``, shape ``lengths.shape + (maxlen,)``
    (``lengths`` a vector or a scalar of ints; of a placeholder without a shape, built for the fed shape)."""
    lengths = as_tensor(lengths)
    if not lengths.dtype.is_integer or lengths.ndim > 1:
        raise UnsupportedOperationError(f"tf.sequence_mask of {lengths!r}: symopt.compat.v1 takes a vector or a "
                                        "scalar of integer lengths")
    size = _maxlen(lengths, maxlen)
    dtype = dtypes.as_dtype(dtype)
    with name_scope(name or "SequenceMask"):
        positions = range_op(0, size, dtype=lengths.dtype, name="Range")
        mask = less(positions, expand_dims(lengths, -1) if lengths.ndim else lengths, name="Less")
        return mask if dtype == dtypes.bool else cast(mask, dtype, name="Cast_1")


def _sequence_mask_result(args: tuple, kwargs: dict) -> str:
    """The inner op ``tf.sequence_mask``'s result is: ``Less``, or ``Cast_1`` for another dtype than bool."""
    dtype = kwargs.get("dtype", args[2] if len(args) > 2 else dtypes.bool)
    return "Less" if dtypes.as_dtype(dtype) == dtypes.bool else "Cast_1"


sequence_mask.inner_result_name = _sequence_mask_result


def _run_time_mask(tensor: Tensor, mask: Tensor, name: str) -> Tensor:
    """``tf.boolean_mask`` of a mask known when a run computes it: a rank-1 ``tf.bool`` mask of the tensor's rows."""
    first = [tensor.shape.as_list()[0] if tensor.ndim else "no", mask.shape.as_list()[0] if mask.ndim == 1 else "no"]
    if mask.dtype != dtypes.bool or mask.ndim != 1 or tensor.ndim not in (1, 2) or \
            (None not in first and first[0] != first[1]):
        raise UnsupportedOperationError(
            f"tf.boolean_mask of {tensor.name} (shape {shape_text(tensor.shape)}) with the mask {mask.name} (shape "
            f"{shape_text(mask.shape)}, {mask.dtype.name}), whose values are known only when the graph runs: "
            "symopt.compat.v1 takes a tf.bool vector choosing the rows of a vector or a matrix; for a masked mean "
            "write tf.reduce_sum(x * tf.cast(mask, x.dtype)) / tf.reduce_sum(tf.cast(mask, x.dtype))")
    graph = get_default_graph()
    selection = Tensor(None, None, dtypes.int64, f"{name}/selection")  # fed by the session: row_selections
    selection.deferred, selection.selects_rows = True, mask
    selection.unresolved = mask.unresolved if mask.deferred else selection.unresolved
    graph.__dict__.setdefault("mask_selections", []).append(selection)
    return _selected_rows(tensor, mask, selection, name)


@recorded
def _selected_rows(tensor: Tensor, mask: Tensor, selection: Tensor, name: str) -> Tensor:
    """The rows of ``tensor`` at the fed row numbers ``selection`` of ``mask``'s true entries, copied
    (:class:`~.gathered_rows.KeptRows`): a row left out is never read (an infinity or NaN there stays out, as in
    TF1), and the gradient is scattered back into the kept rows.  ``mask`` is read only as an input of the record, so
    a rebuild for the fed shapes keeps it."""
    shape = tuple(selection.shape) + tuple(tensor.shape[1:])
    return Tensor(KeptRows(tensor.expr, selection.expr), shape, tensor.dtype,
                  get_default_graph().unique_name(f"{name}/GatherV2"), exact_name=True)


_selected_rows.static_shape = lambda args, kwargs: (None, *args[0].shape.as_list()[1:])  # TF1's (?,), (?, d)


def row_selections(graph, leaves: list, items: list, evaluate) -> list:
    """Feed items ``(selection, S)`` for the run-time ``tf.boolean_mask`` selections the fetched ``leaves`` read:
    :math:`S` holds the row number of each true entry of the mask's value (fed in ``items``, else
    ``evaluate(mask)``), a vector of ints."""
    selections = graph.__dict__.get("mask_selections")
    if not selections:
        return []
    reached = reachable(leaves, lambda node: True)
    fed = {id(key): array for key, array in items}
    found = []
    for selection in selections:
        if id(selection) not in reached:
            continue
        mask = selection.selects_rows
        value = fed[id(mask)] if id(mask) in fed else evaluate(mask)
        value = np.asarray(value).reshape(-1) != 0
        if not value.any():  # before anything runs
            raise UnsupportedOperationError(
                f"tf.boolean_mask with the mask {mask.name}: this run's mask is false everywhere, and symopt.compat.v1 "
                "has no empty tensors (TF1 gives an empty result, whose tf.reduce_mean is nan); skip such batches, or "
                "write the masked mean tf.reduce_sum(x * tf.cast(mask, x.dtype)) / tf.reduce_sum(tf.cast(mask, "
                "x.dtype))")
        found.append((selection, np.flatnonzero(value)))
    return found


@recorded  # deferred while a placeholder without a shape leaves the rank unknown
def boolean_mask(tensor, mask, name="boolean_mask", axis=None) -> Tensor:
    """``tf.boolean_mask(tensor, mask)`` of a mask known when the graph is built (a list, an array, a constant
    ``tf.bool`` tensor): the rows (a rank-1 mask) or entries (a mask of the tensor's shape, flattened in row-major
    order) where it is true, a ``tf.gather`` with the gather's gradient.  The static shape is the number of true
    entries (TF1 prints ``?``).  A mask known when the graph runs (fed or computed) chooses rows: see the module."""
    tensor = as_tensor(tensor)
    values = known_truth(mask)
    if axis not in (None, 0):
        raise UnsupportedOperationError(f"tf.boolean_mask(axis={axis}) is not supported yet by symopt.compat.v1; "
                                        "transpose the tensor and mask along axis 0")
    if values is None:
        return _run_time_mask(tensor, mask, name)
    shape = tensor.shape.as_list()
    if values.ndim == 0 or values.ndim > tensor.ndim or list(values.shape) != shape[:values.ndim]:
        raise ValueError(f"Shapes {shape_text(tuple(values.shape))} and {shape_text(tensor.shape)} are incompatible "
                         "(tf.boolean_mask: the mask's shape must be the first dimensions of the tensor's)")
    picked = [int(i) for i in np.flatnonzero(values.ravel())]
    with name_scope(name):
        source = tensor if values.ndim == 1 else reshape(tensor, [-1])
        return gather(source, constant(picked, dtype=dtypes.int32), name="GatherV2")


def _mask_rank_known(tensor, mask, *args, **kwargs) -> None:
    """:func:`boolean_mask`'s ``check_when_deferred``: TF1's ``ValueError`` for a mask of unknown rank, when built
    (it was an internal error at run: final44b F44b-2)."""
    if isinstance(mask, Tensor) and not mask.shape.known_rank:
        raise ValueError("Number of mask dimensions must be specified, even if some dimensions are None.  E.g. "
                         f"shape=[None] is ok, but shape=None is not. (tf.boolean_mask of {mask.name}: give the "
                         "mask's placeholder a shape, tf.placeholder(tf.bool, [None]))")


boolean_mask.check_when_deferred = _mask_rank_known
