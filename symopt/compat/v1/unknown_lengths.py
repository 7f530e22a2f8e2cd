r"""TF1's broadcasting of an unknown dimension against a known one: ``x = tf.placeholder(tf.float32, [None])`` times
``v`` of shape ``[2]`` has the static shape ``[2]`` (the unknown length can only be 2, or 1 and broadcast).

symopt's ``None`` dimensions are the one batch size :math:`m`; here the unknown length is the known one instead.
The placeholder's fed value then reaches the product through a *resized* placeholder of the known shape, fed from
the placeholder's value at run time (:func:`resized_value`): a value of that length as it is, of length 1 broadcast,
any other length TF1's ``InvalidArgumentError: Incompatible shapes``.  A tensor computed from such a placeholder is
rebuilt on the resized one when nothing else in it has the batch size; otherwise the product is refused with a
typed error saying what to declare.  Rebuilt so, it has TF1's value for a fed value of the known length; for one of
length 1 only where it is computed entry by entry from the placeholder (:mod:`.row_wise`): a sum over it, an entry
picked or a softmax refuses that value at run time (TF1 computes at length 1 and broadcasts the result).
"""

from __future__ import annotations

import itertools

import numpy as np
import sympy

from ...compiler import free_inputs
from ...errors import ShapeError, UnsupportedOperationError
from ...symbols import BATCH
from .errors import InvalidArgumentError
from .row_wise import mixing_node
from .stand_ins import stand_in_for
from .tensor_shape import shape_text

__all__ = ["fixed_lengths", "fixed_lengths_if_possible", "resized", "batched", "source_value", "resized_value", "resized_reads"]


def _known_lengths(short: list, other: list) -> dict:
    """``{axis of short: n}`` where ``short`` has ``None`` and ``other`` a known ``n > 1`` (aligned from the end)."""
    found = {}
    for axis, (mine, theirs) in enumerate(itertools.zip_longest(reversed(short), reversed(other), fillvalue=1)):
        if axis < len(short) and mine is None and isinstance(theirs, int) and theirs > 1:
            found[len(short) - 1 - axis] = theirs
    return found


def fixed_lengths(left, right, op: str, exact: bool | tuple[bool, bool] = False) -> tuple:
    """``left`` and ``right`` with each unknown dimension that meets a known length ``n > 1`` made ``n`` (TF1's
    static broadcasting); unchanged when there is none.  ``exact``: the op does not broadcast (TF1's ``Select``),
    so only a value of length ``n`` may be fed; a pair says it of each operand (TF1's softmax cross-entropy
    broadcasts one row of labels, not of logits, whose shape its result takes)."""
    if not (left.shape.known_rank and right.shape.known_rank) or left.deferred or right.deferred:
        return left, right
    left_exact, right_exact = exact if isinstance(exact, tuple) else (exact, exact)
    a, b = left.shape.as_list(), right.shape.as_list()
    return (resized(left, _known_lengths(a, b), op, right, left_exact),
            resized(right, _known_lengths(b, a), op, left, right_exact, first=False))


def fixed_lengths_if_possible(left, right, op: str) -> tuple:
    """:func:`fixed_lengths`, or ``left`` and ``right`` unchanged where it refuses: the op's own broadcasting then
    refuses with its advice (a prediction grid against a training batch of fixed size: compare in NumPy)."""
    try:
        return fixed_lengths(left, right, op)
    except UnsupportedOperationError:
        return left, right


def _advice(tensor, other, lengths: dict, shape: tuple, batched: list, graph) -> str:
    """What to write instead (probe13 W9): the placeholder the unknown dimension comes from, declared with the known
    size in its own shape (not the op's: a hidden layer's width is not the input's), and for a random tensor of
    fixed shape, one drawn in the computed tensor's shape."""
    if len(batched) == 1:
        source = graph.placeholders[batched[0]]
        size = lengths.get(0, next(iter(lengths.values())))
        declared = [size if d is None else d for d in source.shape.as_list()]
        advice = (f"declare {source.name} with the known size, e.g. tf.placeholder(tf.{source.dtype.name}, "
                  f"{declared})")
    else:
        advice = f"declare the placeholder with the known size, e.g. tf.placeholder(tf.float32, {list(shape)})"
    if any(s in graph.random_draws or s in graph.random_inputs for s in free_inputs([other.expr])):
        advice += (f", or draw the random tensor in the shape of the tensor it meets: tf.random_normal(tf.shape(t)) "
                   f"with t {tensor.name}")
    return advice


def resized(tensor, lengths: dict, op: str, other, exact: bool = False, first: bool = True):
    """``tensor`` with its dimensions ``{axis: n}`` of unknown length made ``n``, read from the one placeholder it
    comes straight from (fed a value of length ``n``, or 1 broadcast unless ``exact``); else a typed refusal.
    ``first``: ``tensor`` is the op's first operand (TF1's error names the operands' shapes in their order)."""
    if not lengths:
        return tensor
    from .graph import Tensor
    shape = tuple(lengths.get(i, d) for i, d in enumerate(tensor.shape.as_list()))
    graph = tensor.graph
    batched = [s for s in free_inputs([tensor.expr]) if s in graph.placeholders and BATCH in s.shape]
    source = graph.placeholders[batched[0]] if len(batched) == 1 else None
    if source is None or getattr(source, "resizes", None) is not None or len(source.shape) != len(shape) or \
            any(d is not None and d != n for d, n in zip(source.shape.as_list(), shape)):
        origin = "" if source is None or source is tensor else \
            f" ({tensor.name} is computed from {source.name}, of shape {shape_text(source.shape)})"
        raise UnsupportedOperationError(
            f"'{op}' of {tensor.name} (shape {shape_text(tensor.shape)}) and {other.name} (shape "
            f"{shape_text(other.shape)}): symopt.compat.v1 takes an unknown dimension meeting a known one only "
            f"straight from one placeholder, in a tensor of that placeholder's shape (x, x * 2.0){origin}; "
            f"{_advice(tensor, other, lengths, shape, batched, graph)}")
    mixing = None if source is tensor else mixing_node(tensor.expr, source.expr, lengths)
    met = tuple(other.shape.as_list()) if other.shape.known_rank else shape  # TF1's message names its whole shape
    stand_in = _resized_placeholder(source, shape, exact, (op, first, met), mixing and (tensor.name, _shown(mixing)))
    sizes = {n for axis, n in lengths.items() if source.shape.as_list()[axis] is None}
    replaced = {source.expr: stand_in.expr, **({BATCH: sizes.pop()} if len(sizes) == 1 else {})}  # the batch size
    try:  # of the constants made of the placeholder's length too (tf.maximum(x, 0.3): 0.3 in m entries)
        expr = tensor.expr.xreplace(replaced)
    except ShapeError:
        expr = BATCH  # refused below
    if BATCH in getattr(expr, "free_symbols", set()) or any(BATCH in getattr(s, "shape", ()) for s in
                                                            free_inputs([expr])):
        raise UnsupportedOperationError(
            f"'{op}' of {tensor.name} (shape {shape_text(tensor.shape)}) and {other.name}: {tensor.name} also has "
            f"the batch size m elsewhere; declare {source.op_name} with the known size, e.g. "
            f"tf.placeholder(tf.float32, {list(shape)})")
    graph.rebuilding += 1
    try:
        return Tensor(expr, shape, tensor.dtype, tensor.op_name, exact_name=True)
    finally:
        graph.rebuilding -= 1


def batched(tensor, other, op: str):
    """``tensor``, a placeholder or constant of a known first length ``n``, read at the batch size of ``other``
    (``[None, k]`` logits computed from a placeholder of another shape, which cannot be read at ``n``): it runs when
    the batch is ``n`` and is TF1's ``InvalidArgumentError`` otherwise; None where ``tensor`` is neither.  ``other``
    is the op's first operand."""
    known = tensor.shape.known_rank and tensor.shape.as_list() and tensor.shape.as_list()[0] is not None
    literal = isinstance(tensor.expr, sympy.MatrixBase) and tensor.recipe is None
    if not known or not (literal or tensor.graph.placeholders.get(tensor.expr) is tensor):
        return None
    shape = (None, *tensor.shape.as_list()[1:])
    return _resized_placeholder(tensor, shape, True, (op, False, tuple(other.shape.as_list())), None)


def source_value(placeholder, feed: dict):
    """The value a resized ``placeholder`` is read from: its source's fed value, or the constant's own (:func:`batched`);
    None where the source is not fed."""
    source = placeholder.resizes
    if isinstance(source.expr, sympy.MatrixBase):
        return np.asarray(source.expr.tolist(), dtype=source.dtype.name).reshape(tuple(source.shape.as_list()))
    return feed.get(source.expr)


def _shown(node) -> str:
    text = str(node)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _resized_placeholder(source, shape: tuple, exact: bool, reader: tuple, mixed: tuple | None):
    """The placeholder of ``shape`` fed from ``source``'s value (one per source, shape, ``exact``, ``mixed`` and
    ``reader = (op, whether it is the op's first operand)``: a gradient's refusal names the op, and a run-time error
    the operands' shapes in the op's order).  ``mixed``: the tensor computed from it and
    the node mixing its entries, when a value of length 1 cannot be broadcast before computing."""
    graph = source.graph
    made = graph.__dict__.setdefault("resized_placeholders", {})
    key = (id(source), shape, exact, mixed, reader)
    if key not in made:
        result = stand_in_for(source, shape, "resized")
        result.resizes, result.exact, result.mixed = source, exact, mixed
        result.resized_in, result.read_first, result.meets = reader
        graph.placeholders[result.expr] = result
        made[key] = result
    return made[key]


#: TF1's run-time message of an op whose operands' lengths differ, of their shapes in the op's order (the default:
#: ``Incompatible shapes: [5] vs. [4]``, a broadcasting op's).
INCOMPATIBLE_SHAPES = {
    "SparseSoftmaxCrossEntropyWithLogits": "logits and labels must have the same first dimension, got logits shape "
                                           "{} and labels shape {}",
    "softmax_cross_entropy_with_logits": "logits and labels must be broadcastable: logits_size={} labels_size={}",
}


def resized_value(placeholder, fed: np.ndarray, batch_size: int | None = None) -> np.ndarray:
    """The value of a resized ``placeholder`` from the array fed to the placeholder it resizes: as it is, or
    broadcast from length 1 (not for an ``exact`` one); another length is TF1's ``InvalidArgumentError``, naming
    the other operand's shape with the run's ``batch_size`` for its ``None``."""
    shape = tuple(batch_size if d is None else d for d in placeholder.shape.as_list())  # batched(): the run's m
    if placeholder.mixed is not None and fed.shape != shape:
        tensor, node = placeholder.mixed
        raise UnsupportedOperationError(
            f"{placeholder.resizes.name} fed a value of shape {list(fed.shape)} meets a tensor of shape "
            f"{shape_text(shape)} in '{placeholder.resized_in}' after {tensor}, which mixes its entries ({node}): "
            f"TF1 computes {tensor} at the fed length and broadcasts the result; symopt.compat.v1 computes it at the "
            f"known length only, which is not supported for a value of another length; feed a value of shape "
            f"{list(shape)}, or declare {placeholder.resizes.name} with that size, e.g. "
            f"tf.placeholder(tf.{placeholder.resizes.dtype.name}, {list(shape)})")
    try:
        if placeholder.exact and fed.shape != shape or None in shape:
            raise ValueError(shape)
        return np.broadcast_to(fed, shape)
    except ValueError:
        met = shape_text([batch_size if d is None else d for d in placeholder.meets])  # [4,3] vs. [4] (F43b-5)
        shapes = [shape_text(fed.shape), met]  # TF1's: the op's operands in order, "[5] vs. [4]"
        left, right = shapes if placeholder.read_first else shapes[::-1]
        text = INCOMPATIBLE_SHAPES.get(placeholder.resized_in, "Incompatible shapes: {} vs. {}").format(left, right)
        source = placeholder.resizes
        if None in placeholder.shape.as_list():  # batched(): a fixed length read at the batch size
            length = source.shape.as_list()[0]
            declared = ", ".join(["None", *map(str, source.shape.as_list()[1:])])
            other = ("declare it with None for its length" if source.op.type == "Placeholder" else  # a constant
                     f"give the values through tf.placeholder(..., [{declared}]), fed with each batch's rows")  # 45b-10
            raise InvalidArgumentError(f"{text} ({source.name}, of fixed length {length}, meets a batch of "
                                       f"{batch_size} in '{placeholder.resized_in}'; feed batches of {length} rows, "
                                       f"or {other})") from None
        raise InvalidArgumentError(f"{text} (the value fed to "
                                   f"{source.name} meets a tensor of shape {met} in "
                                   f"'{placeholder.resized_in}'; feed a value of shape {shape_text(shape)}"
                                   f"{'' if placeholder.exact else ', or of length 1 to broadcast'})") from None


def resized_reads(xs: list, ys: list) -> dict:
    """``{index in xs: resized placeholder}`` for each placeholder of ``xs`` that ``ys`` read only through one resized
    placeholder of the exact length (TF1's ``[None, k]`` logits beside ``[4]`` labels): its gradient is the resized
    one's, of the fed value's shape.  One read otherwise too (itself, a broadcast one, two resized ones) is refused
    with a typed error, never a silent zero.  An op elsewhere in the graph that reads it resized (built, never run)
    changes nothing."""
    read = set(free_inputs([y.expr for y in ys if getattr(y, "expr", None) is not None]))
    reads = {}
    for index, x in enumerate(xs):
        graph = getattr(x, "graph", None)
        made = graph.__dict__.get("resized_placeholders", {}) if graph is not None else {}
        found = [(shape, resized) for (owner, shape, *_), resized in made.items()
                 if owner == id(x) and resized.expr in read]
        if not found:
            continue
        (shape, resized), *others = found
        if others or not resized.exact or x.expr in read:
            reason = (" and other ops read otherwise" if others or x.expr in read else  # 45b-11: what symopt lacks
                      " (a read that would also take a fed row broadcast to that shape, which has no gradient here)")
            raise UnsupportedOperationError(
                f"tf.gradients with respect to {x.name} (shape {shape_text(x.shape)}), which '{resized.resized_in}' "
                f"reads at the known shape {shape_text(shape)} of the tensor it meets there"
                f"{reason}, is "
                f"not supported by symopt.compat.v1; declare it with that size, e.g. "
                f"tf.placeholder(tf.{x.dtype.name}, {list(shape)})")
        reads[index] = resized
    return reads
