r"""``tf.metrics`` (TF1's streaming metrics): ``accuracy``, the mean of ``labels == predictions`` over every batch
an update op has seen since the local variables were initialized.

TF1 keeps two *local* variables per metric, ``total`` and ``count`` (in ``tf.GraphKeys.LOCAL_VARIABLES``, set by
``tf.local_variables_initializer()``, not by the global initializer): the update op adds a batch,
:math:`t \leftarrow t + \sum_i [y_i = \hat y_i]`, :math:`c \leftarrow c + n`, and returns :math:`t / c`; the
value tensor is :math:`t / c` (0 before any batch: TF1's ``div_no_nan``); with ``weights``,
:math:`t \leftarrow t + \sum_i w_i x_i`, :math:`c \leftarrow c + \sum_i w_i`.
"""

from __future__ import annotations

from . import dtypes
from .array_ops import equal, identity, ones_like, reduce_sum
from .control_dependencies import control_dependencies
from .default_graph import get_default_graph, name_scope
from .errors import missing_names
from .graph import Tensor, as_tensor, binary
from .math_ops import cast
from .shape_ops import size, squeeze
from .variables import Variable, assign_add

__all__ = ["accuracy", "mean", "LOCAL_VARIABLES"]

#: TF1's collection of local variables (``tf.GraphKeys.LOCAL_VARIABLES``).
LOCAL_VARIABLES = "local_variables"


def metric_variable(name: str) -> Variable:
    """A float32 scalar local variable starting at 0 (TF1's ``metric_variable``): not trained, not set by
    ``global_variables_initializer`` (nor saved by a default ``Saver``), set by ``local_variables_initializer``."""
    variable = Variable(0.0, trainable=False, name=name, dtype=dtypes.float32)
    graph = get_default_graph()
    graph.variables.remove(variable)
    graph.add_to_collection(LOCAL_VARIABLES, variable)
    graph.add_to_collection("metric_variables", variable)  # tf.GraphKeys.METRIC_VARIABLES, as TF1's
    return variable


def _ratio(total: Tensor, count: Tensor, name: str) -> Tensor:
    r""":math:`t / (c + [c = 0])`: TF1's ``div_no_nan(t, max(c, 0))`` for a count of whole examples (0 while
    :math:`c = t = 0`; no division by zero is computed)."""
    return binary("truediv", total, count + cast(equal(count, 0.0), dtypes.float32), name=name)


def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None) -> tuple:
    r"""``tf.metrics.mean(values, weights=None)``: ``(mean, update_op)`` over every value the update op has seen;
    with ``weights`` (broadcast to the values' shape, TF1's ``broadcast_weights``) the weighted mean over every
    batch, :math:`\sum w x / \sum w` (probe11 U13: it was refused with advice for one batch only)."""
    values = cast(as_tensor(values), dtypes.float32)
    with name_scope(name or "mean"):
        total, count = metric_variable("total"), metric_variable("count")
        if weights is None:
            summed, number = reduce_sum(values), cast(size(values), dtypes.float32)
        else:
            weights = binary("mul", cast(as_tensor(weights), dtypes.float32), ones_like(values))
            summed, number = reduce_sum(binary("mul", values, weights)), reduce_sum(weights)
        added = assign_add(total, summed)
        counted = assign_add(count, number)
        value = _ratio(total, count, "value")
        with control_dependencies([added, counted]):
            update_op = _ratio(identity(total), identity(count), "update_op")
    for key, item in ((metrics_collections, value), (updates_collections, update_op)):
        for collection in key or ():
            get_default_graph().add_to_collection(collection, item)
    return value, update_op


def _squeezed(labels: Tensor, predictions: Tensor) -> tuple:
    """TF1's ``remove_squeezable_dimensions``: where the ranks differ by one and the longer one ends in a dimension
    of 1 (labels ``[N, 1]``, predictions ``[N]`` from ``tf.argmax``), that dimension is dropped."""
    if not (labels.shape.known_rank and predictions.shape.known_rank):
        return labels, predictions
    if labels.ndim == predictions.ndim + 1 and labels.shape.as_list()[-1] == 1:
        return squeeze(labels, [-1]), predictions
    if predictions.ndim == labels.ndim + 1 and predictions.shape.as_list()[-1] == 1:
        return labels, squeeze(predictions, [-1])
    return labels, predictions


def accuracy(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """``tf.metrics.accuracy(labels, predictions)``: ``(accuracy, update_op)``, the streaming mean of
    ``labels == predictions`` (predictions cast to the labels' dtype); ``tf.local_variables_initializer()``
    starts it over."""
    labels, predictions = _squeezed(as_tensor(labels), as_tensor(predictions))
    if not labels.shape.is_compatible_with(predictions.shape):
        raise ValueError(f"Shapes {predictions.shape} and {labels.shape} are incompatible")
    if labels.dtype != predictions.dtype:
        predictions = cast(predictions, labels.dtype)
    correct = cast(equal(predictions, labels), dtypes.float32)
    return mean(correct, weights, metrics_collections, updates_collections, name or "accuracy")


__getattr__ = missing_names("tf.metrics")
__path__: list = []  # `from tensorflow.metrics import <a name symopt lacks>` is refused by runner.py's importer
