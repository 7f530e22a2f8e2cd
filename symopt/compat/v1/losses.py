r"""``tf.losses`` (TF 1.15): each loss is an elementwise loss reduced with weights by
:func:`~symopt.compat.v1.loss_reduction.weighted_reduction` (default: the mean over the entries with a nonzero
weight) and added to ``tf.GraphKeys.LOSSES``.

================================  =====================================================================
loss                              elementwise, as TF1 computes it (labels :math:`y`, predictions :math:`p`)
================================  =====================================================================
``mean_squared_error``            :math:`(p - y)^2`
``absolute_difference``           :math:`|p - y|`
``log_loss``                      :math:`-y\log(p + \epsilon) - (1 - y)\log(1 - p + \epsilon)`
``huber_loss``                    :math:`\tfrac12 q^2 + \delta(|p - y| - q)`, :math:`q = \min(|p - y|, \delta)`
``cosine_distance``               :math:`1 - \sum_{\text{axis}} p\,y` (unit vectors; the axis kept, size 1)
``mean_pairwise_squared_error``   per example, the mean over pairs of entries of
                                  :math:`((p_i - p_j) - (y_i - y_j))^2` (its own reduction, below)
``hinge_loss``                    :math:`\max(0, 1 - (2y - 1) z)` (labels 0/1, logits :math:`z`)
``sigmoid_cross_entropy``         ``tf.nn.sigmoid_cross_entropy_with_logits``, labels smoothed to
                                  :math:`y(1 - s) + s/2`
``softmax_cross_entropy``         ``tf.nn.softmax_cross_entropy_with_logits_v2`` per example, one-hot labels
                                  smoothed to :math:`y(1 - s) + s/k` and held constant
``sparse_softmax_cross_entropy``  ``tf.nn.sparse_softmax_cross_entropy_with_logits`` per example
================================  =====================================================================

Labels and predictions of the regression losses are cast to float32 first (TF1 does), and must have compatible
shapes (no broadcasting).
"""

from __future__ import annotations

import numpy as np

from ...errors import UnsupportedOperationError
from . import dtypes
from .array_ops import ones_like, reduce_sum
from .comparison_ops import greater, maximum, minimum, not_equal
from .cross_entropy_shapes import rows_of_sparse_loss
from .default_graph import GraphKeys
from .errors import missing_names
from .graph import Tensor, as_tensor, binary, name_scope, shape_text
from .logits_dtypes import checked_logits, softmax_logits
from .loss_reduction import (Reduction, add_loss, get_losses, get_regularization_loss, get_regularization_losses,
                             get_total_loss, weighted_reduction)
from .math_ops import (abs, cast, div_no_nan, log, relu, square, squared_difference,  # noqa: A004 - TF1's abs
                       stop_gradient)
from .nn import (sigmoid_cross_entropy_with_logits, softmax_cross_entropy_with_logits_v2,
                 sparse_softmax_cross_entropy_with_logits)
from .recording import recorded
from .shape_ops import squeeze

__all__ = ["Reduction", "absolute_difference", "add_loss", "compute_weighted_loss", "cosine_distance", "get_losses",
           "get_regularization_loss", "get_regularization_losses", "get_total_loss", "hinge_loss", "huber_loss",
           "log_loss", "mean_pairwise_squared_error", "mean_squared_error", "sigmoid_cross_entropy", "softmax_cross_entropy",
           "sparse_softmax_cross_entropy"]

SUM_BY_NONZERO_WEIGHTS = Reduction.SUM_BY_NONZERO_WEIGHTS


def _pair(labels, predictions, second: str = "predictions", cast_to=dtypes.float32) -> tuple:
    """``labels`` and ``predictions`` (or logits) as tensors of ``cast_to`` (``None``: the predictions' dtype) whose
    shapes are compatible, as TF1's ``assert_is_compatible_with``."""
    for argument, value in (("labels", labels), (second, predictions)):
        if value is None:
            raise ValueError(f"Argument `{argument}` must not be None.")
    predictions = as_tensor(predictions)
    target = cast_to or predictions.dtype
    predictions, labels = cast(predictions, target), cast(as_tensor(labels), target)
    if not predictions.shape.is_compatible_with(labels.shape):
        raise ValueError(f"Shapes {shape_text(predictions.shape)} and {shape_text(labels.shape)} are incompatible "
                         f"({second} and labels of a tf.losses loss must have one shape; no broadcasting)")
    return labels, predictions


def _squared(labels, predictions):
    labels, predictions = _pair(labels, predictions)
    return squared_difference(predictions, labels)


def _absolute(labels, predictions):
    labels, predictions = _pair(labels, predictions)
    return abs(binary("sub", predictions, labels))


def _logarithmic(labels, predictions, epsilon):
    labels, predictions = _pair(labels, predictions)
    positive = binary("mul", labels, log(binary("add", predictions, epsilon)))
    negative = binary("mul", binary("sub", 1, labels), log(binary("add", binary("sub", 1, predictions), epsilon)))
    return binary("sub", -positive, negative)


def _huber(labels, predictions, delta):
    labels, predictions = _pair(labels, predictions)
    error = abs(binary("sub", predictions, labels))
    quadratic = minimum(error, delta)
    linear = binary("sub", error, quadratic)  # TF1's form: its gradient is 0 where |e| = delta
    return binary("add", binary("mul", 0.5, binary("mul", quadratic, quadratic)), binary("mul", delta, linear))


def _cosine(labels, predictions, axis):
    labels, predictions = _pair(labels, predictions)
    return binary("sub", 1, reduce_sum(binary("mul", predictions, labels), axis=(axis,), keepdims=True))


def _hinge(labels, logits):
    labels, logits = _pair(labels, logits, "logits")
    signs = binary("sub", binary("mul", 2, labels), 1.0)
    return relu(binary("sub", 1.0, binary("mul", signs, logits)))


def _smoothing(label_smoothing) -> float:
    if isinstance(label_smoothing, Tensor):
        raise TypeError("label_smoothing must be a Python number (TF1 compares it with 0 while building the graph); "
                        f"given {label_smoothing!r}")
    return float(label_smoothing)


def _sigmoid(labels, logits, label_smoothing):
    labels, logits = _pair(labels, logits, "logits", cast_to=None)
    smoothing = _smoothing(label_smoothing)
    if smoothing > 0:
        labels = binary("add", binary("mul", labels, 1 - smoothing), 0.5 * smoothing)
    return sigmoid_cross_entropy_with_logits(labels=labels, logits=logits, name="xentropy")


def _softmax(labels, logits, label_smoothing):
    labels, logits = _pair(labels, logits, "logits", cast_to=None)
    smoothing = _smoothing(label_smoothing)
    if smoothing > 0:
        classes = logits.shape.as_list()[-1]
        if classes is None:
            raise UnsupportedOperationError(f"softmax_cross_entropy with label_smoothing of logits whose number of "
                                            f"classes is unknown ({shape_text(logits.shape)}) is not supported by "
                                            "symopt.compat.v1; give the last dimension in the placeholder's shape")
        number = np.dtype(logits.dtype.name).type  # TF1: s / num_classes in the logits' dtype
        labels = binary("add", binary("mul", labels, 1.0 - smoothing), number(smoothing) / number(classes))
    labels = stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, name="xentropy")


def _sparse_softmax(labels, logits):
    for argument, value in (("labels", labels), ("logits", logits)):
        if value is None:
            raise ValueError(f"Argument `{argument}` must not be None.")
    labels, logits = as_tensor(labels), as_tensor(logits)
    if labels.ndim == logits.ndim and labels.shape.as_list()[-1] in (1, None):  # TF1: [batch, 1] labels squeezed
        labels = squeeze(labels, [-1])
    return sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits, name="xentropy")


@recorded
def _reduced(elementwise, weights, reduction: str, inputs: tuple, parameters: dict) -> Tensor:
    """The elementwise loss ``elementwise(*inputs, **parameters)`` reduced with ``weights`` (TF1's
    ``compute_weighted_loss``); a deferred input defers it all until the session knows the shapes."""
    Reduction.validate(reduction)
    losses = elementwise(*inputs, **parameters)
    rank = weights.ndim if isinstance(weights, Tensor) else np.ndim(weights)  # a list or array too (P62-3)
    if elementwise is _sparse_softmax and rank == losses.ndim + 1:
        weights = squeeze(as_tensor(weights, losses.dtype), [-1])  # TF1: [batch, 1] weights of [batch] losses
    return weighted_reduction(losses, weights, reduction)


_reduced.tf_name = "value"


#: The losses in their last input's dtype: the cross entropies (their logits') and compute_weighted_loss (its
#: losses'); every other loss casts its labels and predictions to float32 (TF1's mean_squared_error, hinge_loss,
#: huber_loss, ...: ``_pair``'s ``cast_to``).
_IN_INPUT_DTYPE = (_sigmoid, _softmax, _sparse_softmax, as_tensor)


def _loss_dtype(args: tuple, kwargs: dict):
    """The dtype of a ``_reduced`` call's loss, as TF1's ``compute_weighted_loss`` casts back to the elementwise
    loss's: float32, or a cross entropy's logits' (its last input: a tensor, NumPy array or list; final46a 46a-6)."""
    elementwise = args[0] if args else kwargs.get("elementwise")
    if elementwise not in _IN_INPUT_DTYPE:
        return dtypes.float32
    inputs = args[3] if len(args) > 3 else kwargs.get("inputs", ())
    return inputs[-1] if inputs else None


_reduced.dtype_from = _loss_dtype


def _reduced_shape(args: tuple, kwargs: dict) -> tuple | None:
    """A deferred loss's static shape: a scalar, or unreduced (``Reduction.NONE``) with weights of no shape of their
    own, the sparse cross entropy's ``(?,)``, one per row of its logits, as ``tf.nn``'s (final47a2 47a2-11)."""
    if args[2] != Reduction.NONE:
        return ()
    if args[0] is _sparse_softmax and np.ndim(args[1]) == 0 and not isinstance(args[1], Tensor):
        return rows_of_sparse_loss((), {"logits": args[3][-1]})
    return None


_reduced.static_shape = _reduced_shape


def _sparse_logits_when_deferred(elementwise, weights, reduction, inputs: tuple, parameters: dict) -> None:
    """The sparse cross entropy's logits dtype check, also where the labels or logits have no shape yet: TF1
    refuses int logits when the graph is built (final47a2 47a2-12)."""
    if elementwise is _sparse_softmax:
        checked_logits(softmax_logits, "sparse_softmax_cross_entropy_with_logits")(logits=inputs[-1])


_reduced.check_when_deferred = _sparse_logits_when_deferred


def _loss(scope, default_scope: str, elementwise, weights, reduction, loss_collection, *inputs, **parameters):
    Reduction.validate(reduction)
    with name_scope(scope, default_scope):
        loss = _reduced(elementwise, weights, reduction, inputs, parameters)
    return add_loss(loss, loss_collection)


@recorded
def _pairwise(labels, predictions, weights) -> Tensor:
    r"""TF1's ``mean_pairwise_squared_error`` with :math:`d = p - y` and :math:`n` the entries of each example with a
    nonzero weight: :math:`\sum_i w_i\,(2 \sum d^2/(n - 1) - 2 (\sum d)^2/(n(n - 1)))` (each quotient 0 where its
    denominator is), 0 when no weight is nonzero."""
    weights = cast(as_tensor(weights) if isinstance(weights, Tensor) else as_tensor(weights, dtypes.float32),
                   dtypes.float32)
    labels, predictions = _pair(labels, predictions)
    if weights.ndim and weights.ndim != labels.ndim:
        raise ValueError(f"weights can not be broadcast to values. values.rank={labels.ndim}. "
                         f"weights.rank={weights.ndim}: give a scalar or weights of the labels' rank")
    differences = binary("sub", predictions, labels)
    axes = list(range(1, differences.ndim))
    present = binary("mul", cast(not_equal(weights, 0.0), dtypes.float32), ones_like(differences))
    count = reduce_sum(present, axis=axes, keepdims=True)
    first = binary("mul", 2.0, div_no_nan(reduce_sum(square(differences), axis=axes, keepdims=True),
                                          maximum(binary("sub", count, 1.0), 0.0), name="value"))
    second = binary("mul", 2.0, div_no_nan(square(reduce_sum(differences, axis=axes, keepdims=True)),
                                           maximum(binary("mul", count, binary("sub", count, 1.0)), 0.0),
                                           name="value"))
    loss = reduce_sum(binary("mul", binary("sub", first, second), weights))
    # TF1's where(sum(count) > 0, loss, 0) as arithmetic (SymPy cannot build a choice on a constant condition)
    return binary("mul", loss, cast(greater(reduce_sum(count), 0.0), dtypes.float32), name="value")


_pairwise.tf_name = "value"
_pairwise.static_shape = lambda args, kwargs: ()


def mean_pairwise_squared_error(labels, predictions, weights=1.0, scope=None,
                                loss_collection=GraphKeys.LOSSES) -> Tensor:
    r"""``tf.losses.mean_pairwise_squared_error``: for each example (row) the mean over pairs :math:`(i, j)` of its
    entries of :math:`((p_i - p_j) - (y_i - y_j))^2`, weighted per example and summed (TF1's own reduction; no
    ``reduction`` argument)."""
    for argument, value in (("labels", labels), ("predictions", predictions)):
        if value is None:
            raise ValueError(f"Argument `{argument}` must not be None.")
    with name_scope(scope, "mean_pairwise_squared_error"):
        loss = _pairwise(labels, predictions, weights)
    return add_loss(loss, loss_collection)


def compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                          reduction=SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    """``tf.losses.compute_weighted_loss``: ``losses`` weighted and reduced (see
    :mod:`~symopt.compat.v1.loss_reduction`), added to ``loss_collection``."""
    return _loss(scope, "weighted_loss", as_tensor, weights, reduction, loss_collection, losses)


def mean_squared_error(labels, predictions, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                       reduction=SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    r"""``tf.losses.mean_squared_error``: :math:`(p - y)^2` weighted and reduced (default: the mean)."""
    return _loss(scope, "mean_squared_error", _squared, weights, reduction, loss_collection, labels, predictions)


def absolute_difference(labels, predictions, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                        reduction=SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    r"""``tf.losses.absolute_difference``: :math:`|p - y|` weighted and reduced."""
    return _loss(scope, "absolute_difference", _absolute, weights, reduction, loss_collection, labels, predictions)


def log_loss(labels, predictions, weights=1.0, epsilon=1e-7, scope=None, loss_collection=GraphKeys.LOSSES,
             reduction=SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    r"""``tf.losses.log_loss``: :math:`-y\log(p+\epsilon) - (1-y)\log(1-p+\epsilon)` weighted and reduced."""
    return _loss(scope, "log_loss", _logarithmic, weights, reduction, loss_collection, labels, predictions,
                 epsilon=epsilon)


def huber_loss(labels, predictions, weights=1.0, delta=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
               reduction=SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    r"""``tf.losses.huber_loss``: :math:`\tfrac12 q^2 + \delta (|e| - q)` with :math:`e = p - y`,
    :math:`q = \min(|e|, \delta)` (quadratic within :math:`\delta`, linear beyond), weighted and reduced."""
    return _loss(scope, "huber_loss", _huber, weights, reduction, loss_collection, labels, predictions, delta=delta)


def cosine_distance(labels, predictions, axis=None, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                    reduction=SUM_BY_NONZERO_WEIGHTS, dim=None) -> Tensor:
    r"""``tf.losses.cosine_distance``: :math:`1 - \sum_{\text{axis}} p\,y` for unit-normalized ``labels`` and
    ``predictions`` (nothing normalizes them, as in TF1), weighted and reduced; ``axis`` (or ``dim``) is required."""
    axis = dim if axis is None else axis
    if axis is None:
        raise ValueError("You must specify argument `axis`.")
    return _loss(scope, "cosine_distance_loss", _cosine, weights, reduction, loss_collection, labels, predictions,
                 axis=axis)


def hinge_loss(labels, logits, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
               reduction=SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    r"""``tf.losses.hinge_loss``: :math:`\max(0, 1 - (2y - 1)z)` for labels 0/1, weighted and reduced."""
    return _loss(scope, "hinge_loss", _hinge, weights, reduction, loss_collection, labels, logits)


def sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES, reduction=SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    r"""``tf.losses.sigmoid_cross_entropy``: the logistic loss of each entry (labels smoothed to
    :math:`y(1 - s) + s/2` when ``label_smoothing`` :math:`s > 0`), weighted and reduced."""
    return _loss(scope, "sigmoid_cross_entropy_loss", _sigmoid, weights, reduction, loss_collection,
                 multi_class_labels, logits, label_smoothing=label_smoothing)


def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES, reduction=SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    r"""``tf.losses.softmax_cross_entropy``: the cross-entropy of each example (labels smoothed to
    :math:`y(1 - s) + s/k` for ``label_smoothing`` :math:`s > 0` and :math:`k` classes, no gradient into them),
    weighted (``weights`` of shape ``[batch]`` weigh examples) and reduced."""
    return _loss(scope, "softmax_cross_entropy_loss", _softmax, weights, reduction, loss_collection, onehot_labels,
                 logits, label_smoothing=label_smoothing)


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                                 reduction=SUM_BY_NONZERO_WEIGHTS) -> Tensor:
    r"""``tf.losses.sparse_softmax_cross_entropy``: the cross-entropy of each example with integer labels
    (``[batch]``, or ``[batch, 1]`` squeezed as TF1 does), weighted and reduced."""
    return _loss(scope, "sparse_softmax_cross_entropy_loss", _sparse_softmax, weights, reduction, loss_collection,
                 labels, logits)


__getattr__ = missing_names("tf.losses")
__path__: list = []  # `from tensorflow.losses import <a name symopt lacks>` is refused by runner.py's importer
