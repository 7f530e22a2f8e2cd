"""``tf.losses``: the mean squared error and the Huber loss (the other losses raise ``UnsupportedNameError``)."""

from __future__ import annotations

from ...errors import UnsupportedOperationError
from .array_ops import reduce_mean
from .errors import missing_names
from .graph import Tensor, name_scope
from .comparison_ops import minimum
from .math_ops import abs, add, multiply, squared_difference, subtract  # noqa: A004 - TF1's abs

__all__ = ["mean_squared_error", "huber_loss"]


def _unweighted(loss: str, weights, reduction) -> None:
    """Only TF1's defaults: weight 1, reduction ``SUM_BY_NONZERO_WEIGHTS`` (the mean over every entry)."""
    if isinstance(weights, Tensor) or float(weights) != 1.0 or reduction not in (None, "weighted_sum_by_nonzero_weights"):
        raise UnsupportedOperationError(f"tf.losses.{loss} with weights or a reduction is not supported yet by "
                                        "symopt.compat.v1; reduce the elementwise loss with tf.reduce_mean yourself")


def mean_squared_error(labels, predictions, weights=1.0, scope=None, loss_collection=None, reduction=None) -> Tensor:
    r"""``tf.losses.mean_squared_error``: :math:`\frac1n\sum (p - y)^2` over every entry (TF1's default
    reduction ``SUM_BY_NONZERO_WEIGHTS`` with weight 1); other ``weights`` and reductions are not supported yet."""
    _unweighted("mean_squared_error", weights, reduction)
    with name_scope(scope or "mean_squared_error"):
        return reduce_mean(squared_difference(predictions, labels), name="value")


def huber_loss(labels, predictions, weights=1.0, delta=1.0, scope=None, loss_collection=None,
               reduction=None) -> Tensor:
    r"""``tf.losses.huber_loss``: the mean over every entry of :math:`\tfrac12 q^2 + \delta (|e| - q)` with
    :math:`e = p - y`, :math:`q = \min(|e|, \delta)` (TF1's formula: quadratic within :math:`\delta`, linear
    beyond), weight 1."""
    _unweighted("huber_loss", weights, reduction)
    with name_scope(scope or "huber_loss"):
        error = abs(subtract(predictions, labels))
        quadratic = minimum(error, delta)
        losses = add(multiply(0.5, multiply(quadratic, quadratic)), multiply(delta, subtract(error, quadratic)))
        return reduce_mean(losses, name="value")


__getattr__ = missing_names("tf.losses")
