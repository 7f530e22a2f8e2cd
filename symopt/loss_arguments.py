r"""The checks of a loss's arguments (:func:`symopt.ops.softmax_cross_entropy`, :func:`symopt.ops.sigmoid_cross_entropy`),
before the loss is built: the logits come first (:func:`check_argument_order`), are raw scores, not probabilities
(:func:`check_logits`), and pair with the labels entry by entry (:func:`check_paired`, :func:`check_one_hot`); each
refusal names what was given and what to write.
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from . import functions
from .errors import ConfigurationError, ShapeError
from .matrix_shapes import named, short
from .nodes import LogSumExp
from .symbols import BATCH, is_matrix
from .traversal import free_symbols, nodes_of_type

__all__ = ["check_argument_order", "check_one_hot", "check_logits", "check_paired", "variables_read",
           "placeholders_read"]


def variables_read(expr) -> list:
    """The names of the :class:`~symopt.Variable` symbols ``expr`` reads, sorted."""
    return sorted(str(symbol) for symbol in free_symbols([expr]) if getattr(symbol, "is_variable", False))


def placeholders_read(expr) -> bool:
    """Whether ``expr`` reads a :class:`~symopt.Placeholder` (data)."""
    return any(getattr(symbol, "is_placeholder", False) for symbol in free_symbols([expr]))


def _function_applied(expr) -> bool:
    """``expr`` is a function of something (``softmax(Z)``, ``sigmoid(z)``, entry by entry for a matrix): probabilities
    of a model, which are labels; a model's raw output (``X @ W + b``, ``w*x``) is not."""
    return isinstance(expr, (ElementwiseApplyFunction, sympy.Function))


def check_argument_order(name: str, logits, labels) -> None:
    """The logits come first: ``labels`` that read a :class:`~symopt.Variable` beside ``logits`` that read none
    (``Y`` data, the model ``X @ W`` second) is the labels-first order of ``tf.losses`` and Keras, whose cost is
    unbounded below (a "cross-entropy" trained to -36), so it is refused.  Labels computed from data, or from a
    model beside logits that read parameters too (an entropy term), or labels that are a function of the model such
    as its probabilities (``softmax(Z)`` against a teacher's logits: reverse-KL distillation), pass."""
    read = variables_read(labels)
    if read and not variables_read(logits) and not _function_applied(labels):
        raise ConfigurationError(
            f"symopt.ops.{name}(logits, labels): the logits come first, the labels second; given as logits "
            f"{short(logits)}, which reads no Variable (data), and as labels {short(labels)}, which reads the "
            f"Variable{'s' if len(read) > 1 else ''} {', '.join(read)}. Write symopt.ops.{name}({short(labels)}, "
            f"{short(logits)}) (tf.losses.{name} and Keras' losses take the labels first; symopt's order is tf.nn's "
            "*_with_logits(logits=, labels=)).")


def check_one_hot(logits, labels, axis: int) -> None:
    """Labels of the logits' shape (one-hot or soft, a column per class); one label per example (class indices, as
    ``tf.nn.sparse_softmax_cross_entropy_with_logits`` and Keras' sparse loss take them) is told the encoding."""
    if not is_matrix(labels) or tuple(labels.shape) == tuple(logits.shape):
        return
    classes, examples = logits.shape[axis], logits.shape[1 - axis]
    given = f"the labels {named(labels)} and the logits {named(logits)} differ in shape"
    if tuple(labels.shape)[axis] != 1 or labels.shape[1 - axis] != examples or classes == 1:
        raise ShapeError(f"softmax_cross_entropy: {given}; the labels need the logits' shape, one entry per class "
                         "and example (one-hot or soft labels).")
    size = "None" if examples == BATCH else str(examples)
    declared, fed = ((f"({size}, {classes})", "") if axis == 1 else (f"({classes}, {size})", ".T"))
    raise ShapeError(f"softmax_cross_entropy: {given}: given one label per example (class indices), where the labels "
                     f"are one-hot, {classes} classes along axis {axis} as the logits' are. Declare the labels "
                     f"symopt.Placeholder('Y', {declared}) and feed numpy.eye({classes})[labels.ravel().astype(int)]"
                     f"{fed}.")


def _probabilities(expr) -> str | None:
    """What ``expr`` is when it is already a probability, a model's output passed through the loss's own squashing
    (``sigmoid(z)``, ``softmax(z)`` = ``exp(log_softmax(z))``), else None."""
    if isinstance(expr, functions.sigmoid):
        return "sigmoid"
    if not isinstance(expr, ElementwiseApplyFunction):
        return None
    body = expr.function.expr
    if isinstance(body, functions.sigmoid):
        return "sigmoid"
    if isinstance(body, sympy.exp) and _log_softmax_scores(expr.expr) is not None:
        return "softmax"
    return None


def _log_softmax_scores(expr):
    """``z`` where ``expr`` is :func:`log_softmax` of it (``z`` minus its log-sum-exp spread along an axis), else
    None."""
    if not isinstance(expr, sympy.MatAdd):
        return None
    return next((node.matrix for node in nodes_of_type(expr, LogSumExp) if node.matrix in expr.args), None)


def check_logits(name: str, logits) -> None:
    """Logits are a model's raw scores: probabilities (``sigmoid(z)``, ``softmax(z)``, PyTorch's ``BCELoss`` /
    ``nn.Softmax`` before ``CrossEntropyLoss`` ported to the logits API) would be squashed twice, a loss that cannot
    fall below ~0.31 per example (probe30 P30-8): refused, naming the logits to pass."""
    squashed = _probabilities(logits)
    if squashed is None:
        return
    if squashed == "softmax":
        scores = _log_softmax_scores(logits.expr)
        habit = "CrossEntropyLoss of z, no nn.Softmax before it"
    else:
        scores = logits.args[0] if isinstance(logits, functions.sigmoid) else logits.expr
        habit = "BCELoss(sigmoid(z), y) is BCEWithLogitsLoss of z"
    raise ConfigurationError(
        f"symopt.ops.{name}(logits, labels): given as logits {squashed}({short(scores)}), probabilities; the loss "
        f"applies the {name.split('_')[0]} itself, so they would be squashed twice (a loss that cannot reach 0). Pass "
        f"the raw scores: symopt.ops.{name}({short(scores)}, labels) (PyTorch: {habit}).")


def check_paired(name: str, logits, labels) -> None:
    """Matrix labels pair with the logits entry by entry, so they need the logits' shape: the batch size ``m``
    against 1 or 12 (labels ``(1, m)`` for logits ``(m, 1)``) would be NumPy's broadcast, an m x m loss and a
    gradient of the wrong shape (probe30 P30-1), so it is refused as ``ops.hadamard`` refuses it; so is the batch
    size ``m`` beside a fixed size (labels ``(None, 1)`` for logits of data declared ``(4, 3)``), which the message
    names (review final35 F35-4)."""
    if not is_matrix(labels) or tuple(labels.shape) == tuple(logits.shape):
        return
    given = f"symopt.ops.{name}: the labels {named(labels)} and the logits {named(logits)} differ in shape"
    declared = "(" + ", ".join("None" if d == BATCH else str(d) for d in logits.shape) + ")"
    fixed = _fixed_beside_batch(labels.shape, logits.shape)
    if fixed:
        batched, other, size = fixed
        if batched == "labels":
            fix = f"the labels symopt.Placeholder('y', {declared}), as the data behind the logits, or that data with " \
                  "None for its examples too"
        else:
            fix = f"the labels symopt.Placeholder('y', {declared}), None for the batch size, as the data behind the " \
                  "logits"
        raise ShapeError(f"{given}: the {batched} have the batch size m (a None dimension) where the {other} have "
                         f"the fixed size {size}, and labels pair with logits entry by entry. Declare both alike: "
                         f"{fix}.")
    if tuple(labels.shape) == tuple(reversed(logits.shape)):
        fix = f"transpose them (labels.T), or declare the labels symopt.Placeholder('y', {declared}) and feed " \
              "y.reshape(logits' shape), e.g. y.reshape(-1, 1) for one logit per example"
    else:
        fix = f"declare the labels with the logits' shape, symopt.Placeholder('y', {declared})"
    raise ShapeError(f"{given}; labels pair with logits entry by entry (no broadcasting: that would give an m x m "
                     f"loss). {fix[0].upper()}{fix[1:]}.")


def _fixed_beside_batch(labels_shape, logits_shape) -> tuple[str, str, int] | None:
    """``(batched, fixed, size)`` where the two shapes differ only in the batch size ``m`` of one (``batched``:
    "labels" or "logits") against a fixed size above 1 of the other, else None."""
    if len(labels_shape) != len(logits_shape):
        return None
    found = set()
    for label_size, logit_size in zip(labels_shape, logits_shape):
        if label_size == logit_size:
            continue
        if label_size == BATCH and _whole_size(logit_size):
            found.add(("labels", "logits", int(logit_size)))
        elif logit_size == BATCH and _whole_size(label_size):
            found.add(("logits", "labels", int(label_size)))
        else:
            return None
    return found.pop() if len(found) == 1 else None


def _whole_size(size) -> bool:
    """Whether a dimension is a whole number above 1 (not the batch size, a symbol, or 1, which would broadcast)."""
    return bool(sympy.sympify(size).is_Integer) and int(size) > 1
