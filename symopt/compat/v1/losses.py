"""``tf.losses``: the mean squared error (the other losses raise ``UnsupportedNameError``)."""

from __future__ import annotations

from ...errors import UnsupportedOperationError
from .array_ops import reduce_mean
from .errors import missing_names
from .graph import Tensor, name_scope
from .math_ops import squared_difference

__all__ = ["mean_squared_error"]


def mean_squared_error(labels, predictions, weights=1.0, scope=None, loss_collection=None, reduction=None) -> Tensor:
    r"""``tf.losses.mean_squared_error``: :math:`\frac1n\sum (p - y)^2` over every entry (TF1's default
    reduction ``SUM_BY_NONZERO_WEIGHTS`` with weight 1); other ``weights`` and reductions are not supported yet."""
    if isinstance(weights, Tensor) or float(weights) != 1.0 or reduction not in (None, "weighted_sum_by_nonzero_weights"):
        raise UnsupportedOperationError("tf.losses.mean_squared_error with weights or a reduction is not supported "
                                        "yet by symopt.compat.v1; use tf.reduce_mean(tf.squared_difference(...))")
    with name_scope(scope or "mean_squared_error"):
        return reduce_mean(squared_difference(predictions, labels), name="value")


__getattr__ = missing_names("tf.losses")
