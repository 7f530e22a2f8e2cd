r"""How ``tf.losses`` turns elementwise losses into one loss: weights, ``tf.losses.Reduction``, the loss collections.

TF1's ``compute_weighted_loss`` (``losses_impl.py``), step by step: the losses :math:`\ell` and the weights :math:`w`
are cast to float32; :math:`\ell \circ w` (``w`` a scalar or of ``ℓ``'s rank with each dimension 1 or ``ℓ``'s);
then by ``reduction``

==================================  ===============================================================
``NONE``                            :math:`\ell \circ w`, ``ℓ``'s shape
``SUM``                             :math:`\sum \ell \circ w`
``MEAN``                            :math:`\sum \ell \circ w \,/\, \sum \mathbf 1 \circ w`
``SUM_OVER_BATCH_SIZE``             :math:`\sum \ell \circ w \,/\, \mathrm{size}(\ell)`
``SUM_BY_NONZERO_WEIGHTS``          :math:`\sum \ell \circ w \,/\, \#\{w \ne 0\}` (counted over ``ℓ``'s shape): the
(the default)                       mean over every entry when :math:`w = 1`
==================================  ===============================================================

each division 0 where the denominator is 0 (``div_no_nan``); the result is cast back to ``ℓ``'s dtype (a float64
loss is computed in float32, as in TF1) and added to the collection ``tf.GraphKeys.LOSSES``, where
``tf.losses.get_total_loss()`` finds it (with the ``REGULARIZATION_LOSSES``).
"""

from __future__ import annotations

from .array_ops import ones_like, reduce_sum
from .comparison_ops import not_equal
from .default_graph import GraphKeys, get_collection, get_default_graph, name_scope
from .graph import Tensor, as_tensor, constant, shape_text
from .math_ops import cast, div_no_nan, multiply
from .recording import recorded
from .shape_ops import size
from .summing import add_n
from . import dtypes

__all__ = ["Reduction", "weighted_reduction", "add_loss", "get_losses", "get_regularization_losses",
           "get_regularization_loss", "get_total_loss"]


class Reduction:
    """``tf.losses.Reduction``: how a loss reduces its weighted elementwise losses (see the module's table)."""

    NONE = "none"
    SUM = "weighted_sum"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    MEAN = "weighted_mean"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS

    @classmethod
    def all(cls) -> tuple:
        return (cls.NONE, cls.SUM, cls.MEAN, cls.SUM_OVER_BATCH_SIZE, cls.SUM_OVER_NONZERO_WEIGHTS,
                cls.SUM_BY_NONZERO_WEIGHTS)

    @classmethod
    def validate(cls, key) -> None:
        """TF1's ``ValueError`` for a key that is not one of :meth:`all`."""
        if key not in cls.all():
            raise ValueError(f"Invalid Reduction Key {key}. Key should be one of {cls.all()}.")


def _broadcastable(weights: Tensor, losses: Tensor) -> None:
    """TF1's ``assert_broadcastable``: ``weights`` a scalar, or of ``losses``' rank with each dimension 1 or the same."""
    if weights.ndim == 0:
        return
    fits = weights.ndim == losses.ndim and all(w in (1, None) or v is None or w == v
                                               for w, v in zip(weights.shape.as_list(), losses.shape.as_list()))
    if not fits:
        raise ValueError(f"weights can not be broadcast to values. values.rank={losses.ndim}. "
                         f"weights.rank={weights.ndim}. values.shape={shape_text(losses.shape)}. "
                         f"weights.shape={shape_text(weights.shape)}. Give weights of the losses' rank, each "
                         "dimension 1 or the losses' (e.g. [batch_size, 1] for per-example weights of [batch_size, k] "
                         "losses), or a scalar")


def _nonzero_count(losses: Tensor, weights: Tensor) -> Tensor:
    """TF1's ``_num_present``: the entries of ``losses`` whose broadcast weight is not 0."""
    with name_scope("num_present"):
        # TF1's where(equal(w, 0), zeros, ones), as arithmetic: SymPy cannot build a choice on a constant condition
        present = cast(not_equal(weights, 0.0), dtypes.float32)
        return reduce_sum(multiply(present, ones_like(losses)))


#: reduction -> the denominator of the weighted sum (None: no division).
_DENOMINATORS = {
    Reduction.SUM: None,
    Reduction.MEAN: lambda losses, weights: reduce_sum(multiply(ones_like(losses), weights)),
    Reduction.SUM_BY_NONZERO_WEIGHTS: _nonzero_count,
    Reduction.SUM_OVER_BATCH_SIZE: lambda losses, weights: cast(size(losses), losses.dtype),
}


@recorded
def weighted_reduction(losses, weights=1.0, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    """TF1's ``compute_weighted_loss`` inside the caller's name scope, without the collection (see the module)."""
    Reduction.validate(reduction)
    losses = as_tensor(losses)
    input_dtype = losses.dtype
    losses = _cast(losses, dtypes.float32)
    weights = _cast(weights if isinstance(weights, Tensor) else constant(weights, dtypes.float32), dtypes.float32)
    _broadcastable(weights, losses)
    weighted = multiply(losses, weights)
    if reduction == Reduction.NONE:
        return _cast(weighted, input_dtype)
    total = reduce_sum(weighted)
    denominator = _DENOMINATORS[reduction]
    if denominator is not None:
        total = div_no_nan(total, denominator(losses, weights), name="value")
    return _cast(total, input_dtype)


def _cast(tensor: Tensor, dtype) -> Tensor:
    """TF1's ``math_ops.cast``: the tensor itself when it has ``dtype`` already (so the loss keeps its name)."""
    return tensor if tensor.dtype == dtype else cast(tensor, dtype)


weighted_reduction.tf_name = "value"


def add_loss(loss, loss_collection=GraphKeys.LOSSES):
    """``tf.losses.add_loss``: ``loss`` added to the collection ``loss_collection`` (none when it is None);
    returns ``loss``."""
    if loss_collection and not get_default_graph().rebuilding:
        get_default_graph().add_to_collection(loss_collection, loss)
    return loss


def get_losses(scope=None, loss_collection=GraphKeys.LOSSES) -> list:
    """``tf.losses.get_losses``: the losses of ``loss_collection`` (those whose name ``scope`` matches)."""
    return get_collection(loss_collection, scope)


def get_regularization_losses(scope=None) -> list:
    """``tf.losses.get_regularization_losses``: the collection ``tf.GraphKeys.REGULARIZATION_LOSSES``."""
    return get_collection(GraphKeys.REGULARIZATION_LOSSES, scope)


def get_regularization_loss(scope=None, name="total_regularization_loss") -> Tensor:
    """``tf.losses.get_regularization_loss``: ``tf.add_n`` of the regularization losses, or the constant 0.0."""
    losses = get_regularization_losses(scope)
    return add_n(losses, name=name) if losses else constant(0.0)


def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None) -> Tensor:
    """``tf.losses.get_total_loss``: ``tf.add_n`` of the losses and (by default) the regularization losses; TF1's
    ``ValueError`` when there are none, or when one is not a scalar (a ``Reduction.NONE`` loss)."""
    losses = get_losses(scope=scope)
    if add_regularization_losses:
        losses += get_regularization_losses(scope=scope)
    return add_n(losses, name=name)
