r"""``tf.contrib.layers``' weight regularizers and the collection they feed.

A regularizer is a function of a weight tensor that returns a scalar penalty (or ``None``):

=====================================  ===================================================
``l2_regularizer(s)``                  :math:`s \cdot \mathrm{l2\_loss}(W) = \tfrac{s}{2}\sum W^2`
``l1_regularizer(s)``                  :math:`s \sum |W|`
``l1_l2_regularizer(s_1, s_2)``        the sum of both (one of them when the other scale is 0)
``sum_regularizer([r_1, ...])``        :math:`\sum_i r_i(W)` (``tf.add_n``)
=====================================  ===================================================

``tf.get_variable(..., regularizer=r)`` (or a ``tf.variable_scope(..., regularizer=r)`` around it),
``tf.layers.dense(..., kernel_regularizer=r)`` and ``apply_regularization(r, weights)`` add the penalty to
``tf.GraphKeys.REGULARIZATION_LOSSES``, which ``tf.losses.get_regularization_loss()`` and
``tf.losses.get_total_loss()`` sum.  A scale of 0 gives a regularizer that returns ``None`` (nothing is added),
as TF1's; an integer or negative scale is TF1's ``ValueError``.
"""

from __future__ import annotations

import numbers
from typing import Callable

from ...errors import UnsupportedOperationError
from .array_ops import reduce_sum
from .default_graph import GraphKeys, get_default_graph, name_scope
from .graph import Tensor, as_tensor, shape_text
from .math_ops import abs, multiply  # noqa: A004 - TF1's abs
from .nn import l2_loss
from .statistics import named_as_scope
from .summing import add_n

__all__ = ["l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer", "apply_regularization",
           "checked_regularizer", "regularize"]


def _checked_scale(scale, argument: str = "scale"):
    """TF1's checks: a real number (or a tensor) at least 0; ``None`` for 0 (the regularizer is disabled)."""
    if isinstance(scale, numbers.Integral):
        raise ValueError(f"{argument} cannot be an integer: {scale} (write {scale}.0 for a float scale)")
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError(f"Setting a scale less than 0 on a regularizer: {scale:g}.")
        if scale == 0.0:
            return None
    elif not isinstance(scale, Tensor):
        raise TypeError(f"{argument} must be a float or a scalar tensor; given {scale!r}")
    return scale


def _disabled(weights):
    """A regularizer of scale 0: no penalty."""
    return None


def _scaled(scale, penalty: Callable, default_scope: str, scope) -> Callable:
    """``weights -> scale * penalty(weights)`` in the name scope ``scope`` (default ``default_scope``)."""
    def regularizer(weights, name=None):
        weights = as_tensor(weights)
        with name_scope(scope, default_scope) as scope_name:  # TF1 names the product after its scope
            factor = as_tensor(scale if isinstance(scale, Tensor) else float(scale), weights.dtype)
            return named_as_scope(multiply(factor, penalty(weights)), scope_name)
    regularizer.__name__ = default_scope
    return regularizer


def l2_regularizer(scale, scope=None) -> Callable:
    r"""``tf.contrib.layers.l2_regularizer(scale)``: :math:`W \mapsto s\,\mathrm{l2\_loss}(W) = \tfrac s2\sum W^2`
    (contrib's: half the squared norm, unlike Keras's ``l2``)."""
    scale = _checked_scale(scale)
    return _disabled if scale is None else _scaled(scale, l2_loss, "l2_regularizer", scope)


def _absolute_sum(weights: Tensor) -> Tensor:
    return reduce_sum(abs(weights))


def l1_regularizer(scale, scope=None) -> Callable:
    r"""``tf.contrib.layers.l1_regularizer(scale)``: :math:`W \mapsto s \sum |W|`."""
    scale = _checked_scale(scale)
    return _disabled if scale is None else _scaled(scale, _absolute_sum, "l1_regularizer", scope)


def sum_regularizer(regularizer_list, scope=None):
    """``tf.contrib.layers.sum_regularizer``: the sum (``tf.add_n``) of the penalties the regularizers give (those
    that give ``None`` left out); ``None`` when the list holds no regularizer."""
    regularizers = [r for r in regularizer_list if r is not None]
    if not regularizers:
        return None

    def regularizer(weights):
        with name_scope(scope, "sum_regularizer") as scope_name:
            penalties = [p for p in (r(weights) for r in regularizers) if p is not None]
            return named_as_scope(add_n(penalties, name="sum"), scope_name) if penalties else None
    return regularizer


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
    r"""``tf.contrib.layers.l1_l2_regularizer``: :math:`s_1\sum|W| + s_2\,\mathrm{l2\_loss}(W)`."""
    first, second = _checked_scale(scale_l1, "scale_l1"), _checked_scale(scale_l2, "scale_l2")
    scope = scope or "l1_l2_regularizer"
    if first is None:
        return l2_regularizer(scale_l2, scope)
    if second is None:
        return l1_regularizer(scale_l1, scope)
    return sum_regularizer([l1_regularizer(scale_l1), l2_regularizer(scale_l2)], scope=scope)


def apply_regularization(regularizer, weights_list=None, scope=None) -> Tensor:
    """``tf.contrib.layers.apply_regularization``: ``tf.add_n`` of ``regularizer(w)`` over ``weights_list`` (a
    ``None`` penalty counts 0.0), added to ``REGULARIZATION_LOSSES`` and returned.  symopt keeps no ``WEIGHTS``
    collection: give ``weights_list`` (e.g. ``tf.trainable_variables()``)."""
    if not regularizer:
        raise ValueError("No regularizer provided.")
    if not weights_list:
        raise UnsupportedOperationError("apply_regularization without weights_list is not supported by "
                                        "symopt.compat.v1 (TF1 falls back on the GraphKeys.WEIGHTS collection, which "
                                        "symopt does not keep): pass e.g. weights_list=tf.trainable_variables()")
    with name_scope(scope, "get_regularization_penalty") as scope_name:
        penalties = [regularizer(w) for w in weights_list]
        penalties = [as_tensor(0.0) if p is None else p for p in penalties]
        for penalty in penalties:
            if penalty.ndim != 0:
                raise ValueError(f"regularizer must return a scalar Tensor instead of a Tensor with rank "
                                 f"{penalty.ndim} (shape {shape_text(penalty.shape)}).")
        summed = named_as_scope(add_n(penalties, name="sum"), scope_name)
    get_default_graph().add_to_collection(GraphKeys.REGULARIZATION_LOSSES, summed)
    return summed


def checked_regularizer(regularizer, argument: str = "regularizer"):
    """``regularizer`` (None or a function of the weights); TF1's ``TypeError`` for anything else."""
    if regularizer is not None and not callable(regularizer):
        raise TypeError(f"{argument} must be a function of the weights (e.g. tf.contrib.layers.l2_regularizer(0.01)) "
                        f"or None; given {regularizer!r}")
    return regularizer


def regularize(variable, regularizer) -> None:
    """What ``tf.get_variable(..., regularizer=r)`` does for a new variable: ``r(variable)`` in the name scope
    ``<variable name>/Regularizer``, added to ``REGULARIZATION_LOSSES`` unless it is ``None``."""
    if checked_regularizer(regularizer) is None:
        return
    graph = get_default_graph()
    graph.name_scopes.append(f"{variable.op_name}/Regularizer")  # TF1's absolute scope "<name>/Regularizer/"
    try:
        penalty = regularizer(variable)
    finally:
        graph.name_scopes.pop()
    if penalty is not None:
        graph.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, penalty)
