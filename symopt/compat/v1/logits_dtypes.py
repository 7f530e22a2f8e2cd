"""TF1's ``TypeError`` for cross-entropy logits of a dtype its kernels lack (probe86 P86-1): ``tf.nn.softmax_cross_
entropy_with_logits(_v2)`` and ``sparse_softmax_cross_entropy_with_logits`` name their kernel's ``features`` (floats
only); ``sigmoid_cross_entropy_with_logits`` is built from ops, and TF1's first one to refuse names ``x``: the
comparison ``logits >= 0`` for bools, ``-logits`` for unsigned integers, ``exp`` for signed ones.  Bool or integer logits gave a bool ``True`` or a
negative, wrapped-around integer loss before."""

from __future__ import annotations

from .kernel_dtypes import kernel_dtype_error, takes

__all__ = ["softmax_logits", "sigmoid_logits", "checked_logits"]


def _refuse(logits, op: str, parameter: str, function: str) -> None:
    raise kernel_dtype_error(op, logits.dtype.name, f"in '{function}' of {logits.name}: logits are floats; cast "
                             f"them first, e.g. tf.cast({logits.op_name}, tf.float32)", parameter)


def softmax_logits(logits, function: str) -> None:
    """TF1's ``TypeError`` naming ``features`` for softmax cross-entropy logits that are not floats."""
    if not takes("SoftmaxCrossEntropyWithLogits", logits.dtype.name):
        _refuse(logits, "SoftmaxCrossEntropyWithLogits", "features", function)


def sigmoid_logits(logits, function: str) -> None:
    """TF1's ``TypeError`` naming ``x`` for sigmoid cross-entropy logits that are bools (its ``GreaterEqual``),
    unsigned integers (its ``Neg``) or signed ones (its ``Exp``)."""
    op = "GreaterEqual" if logits.dtype.name == "bool" else "Neg" if logits.dtype.is_unsigned else "Exp"
    if not takes(op, logits.dtype.name):
        _refuse(logits, op, "x", function)


def checked_logits(check, function: str):
    """A ``check_when_deferred`` of ``function``: ``check`` of its ``logits`` (by name, or second by position as
    ``softmax_cross_entropy_with_logits_v2(labels, logits)``) where it is a tensor (of a placeholder without a shape
    too)."""
    def checked(*args, **kwargs):
        logits = kwargs.get("logits", args[1] if len(args) > 1 and function.endswith("_v2") else None)
        if logits is not None and hasattr(logits, "op_name") and getattr(logits, "dtype", None) is not None:
            check(logits, function)
    return checked
