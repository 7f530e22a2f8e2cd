"""The shapes a softmax cross-entropy takes: logits and labels of one shape (TF1's ``ValueError`` otherwise), the
examples along the same axis of both, and ``[None, k]`` logits beside labels of known shape ``[n, k]`` read at
``[n, k]`` (TF1's static shape: probe53 P53-3); for the sparse one, ``[None]`` labels beside logits of ``n`` known
rows read at ``[n]``, and ``[None, k]`` logits beside ``[n]`` labels at ``[n, k]`` (probe70 P70-3, P70-4)."""

from __future__ import annotations

from ...errors import UnsupportedOperationError
from .graph import Tensor, shape_text
from .unknown_lengths import batched, fixed_lengths, resized

__all__ = ["matched_logits_and_labels", "matched_sparse_rows", "rows_of_sparse_loss", "rows_of_in_top_k"]


def matched_logits_and_labels(logits: Tensor, labels: Tensor, op: str) -> tuple:
    """``(logits, labels)`` of one shape for ``op``: checked as TF1 checks them, an unknown batch length of the
    logits taken from the labels' known one; a ``ValueError`` that says which axis holds the examples otherwise."""
    _same_shape(logits, labels, op)
    try:
        return fixed_lengths(logits, labels, op, exact=(True, False))  # [None, k] beside [2, k]: [2, k]
    except UnsupportedOperationError:  # logits computed from a placeholder of another shape (fix45b)
        return logits, _at_batch_size(labels, logits, op)


def matched_sparse_rows(logits: Tensor, labels: Tensor, op: str) -> tuple:
    """``(logits, labels)`` of rank 2 and 1 with one row of logits per label: an unknown number of rows of one
    taken from the other's known one, read from its placeholder (fed another number: TF1's
    ``InvalidArgumentError``, never NumPy's broadcasting), so the loss and its gradient have one batch size."""
    rows, count = logits.shape.as_list()[0], labels.shape.as_list()[0]
    if count is None and rows is not None:
        labels = resized(labels, {0: rows}, op, logits, exact=True, first=False)
    elif rows is None and count is not None:
        try:
            logits = resized(logits, {0: count}, op, labels, exact=True)
        except UnsupportedOperationError:  # logits computed from a placeholder of another shape (fix45b)
            labels = _at_batch_size(labels, logits, op)
    return logits, labels


def _at_batch_size(labels: Tensor, logits: Tensor, op: str) -> Tensor:
    """Labels of a fixed first length (a placeholder or constant) read at the batch size of logits that cannot be
    read at that length; called while handling :func:`resized`'s refusal, which it re-raises for other labels."""
    stand_in = batched(labels, logits, op) if logits.shape.as_list()[0] is None else None
    if stand_in is None:
        raise  # noqa: PLE0704 - the refusal being handled
    return stand_in


def _same_shape(a: Tensor, b: Tensor, op: str) -> None:
    if len(a.shape) != len(b.shape) or any(x is not None and y is not None and x != y for x, y in zip(a.shape, b.shape)):
        raise ValueError(f"'{op}': logits and labels must have the same shape ({shape_text(a.shape)} vs "
                         f"{shape_text(b.shape)})")
    batch_a = [i for i, d in enumerate(a.shape.as_list()) if d is None]
    batch_b = [i for i, d in enumerate(b.shape.as_list()) if d is None]
    if len(a.shape) == 2 and len(batch_a) == len(batch_b) == 1 and batch_a != batch_b:  # (?, 3) vs (3, ?): P25-2
        raise ValueError(f"'{op}': logits and labels must be broadcastable: logits_size={shape_text(a.shape)} "
                         f"labels_size={shape_text(b.shape)} (TF1 raises this when the session runs): the examples "
                         f"are the {'rows' if batch_a == [0] else 'columns'} of the logits and the "
                         f"{'rows' if batch_b == [0] else 'columns'} of the labels; transpose one of them, e.g. "
                         "labels=tf.transpose(Y) beside logits=tf.transpose(Z)")


def _rows_of(scores) -> tuple | None:
    """TF1's static shape of one result per row of ``scores`` (``[batch, classes]``): ``(batch,)``, or None where
    ``scores`` is no tensor of rank 2."""
    if isinstance(scores, Tensor) and scores.shape.known_rank and scores.ndim == 2:
        return (scores.shape.as_list()[0],)
    return None


def rows_of_sparse_loss(args: tuple, kwargs: dict) -> tuple | None:
    """The ``static_shape`` of a deferred ``sparse_softmax_cross_entropy_with_logits`` (labels without a shape,
    ``tf.placeholder(tf.int64, shape=(None))``): one loss per row of the logits, ``(?,)`` as TF1 (probe84 P84-1)."""
    return _rows_of(kwargs.get("logits", args[2] if len(args) > 2 else None))


def rows_of_in_top_k(args: tuple, kwargs: dict) -> tuple | None:
    """The ``static_shape`` of a deferred ``tf.nn.in_top_k(predictions, targets, k)``: one bool per row of the
    predictions (probe84 P84-1)."""
    return _rows_of(kwargs.get("predictions", args[0] if args else None))
