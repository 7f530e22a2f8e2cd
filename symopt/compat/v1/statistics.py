r"""TF1's statistics and normalizations, built from its own ops in TF1's order (so values and gradients follow):

==========================================  ===================================================================
``reduce_logsumexp(x, axis)``               :math:`\log\sum e^{x - m} + m`, :math:`m` the maximum held constant
                                            (0 where it is infinite)
``nn.moments(x, axes)``                     ``(mean, variance)``: :math:`\bar x`, :math:`\overline{(x - \bar x)^2}`
``nn.weighted_moments(x, axes, w)``         :math:`\sum w x / \sum w`, :math:`\sum w (x - \bar x)^2 / \sum w`
``math.reduce_variance`` / ``reduce_std``   :math:`\overline{(x - \bar x)^2}`, its square root
``math.reduce_euclidean_norm``              :math:`\sqrt{\sum x^2}` over ``axis``
``nn.l2_normalize(x, axis, epsilon)``       :math:`x / \sqrt{\max(\sum x^2, \epsilon)}`
``count_nonzero(x, axis)``                  :math:`\#\{x \ne 0\}` (int64 by default)
``nn.zero_fraction(x)``                     the fraction of entries that are 0 (float32)
``nn.weighted_cross_entropy_with_logits``   :math:`(1 - y) z + (1 + (q - 1) y)(\log(1 + e^{-|z|}) + \max(-z, 0))`
``nn.in_top_k(p, t, k)``                    fewer than ``k`` classes score above the target's (ties count as in);
                                            false where the target is out of range or a score is not finite
``nn.batch_normalization``                  :math:`x\,i + (\beta - \mu\, i)` with :math:`i = \gamma/\sqrt{\sigma^2 + \epsilon}`
==========================================  ===================================================================
"""

from __future__ import annotations

from ...errors import UnsupportedOperationError
from . import dtypes
from .array_ops import one_hot, reduce_max, reduce_mean, reduce_sum, reshape, zeros_like
from .comparison_ops import greater, less, logical_and, maximum, not_equal, where
from .errors import StaticShapeError
from .graph import (Tensor, as_tensor, binary, broadcast_matrix, broadcast_shape, convert_pair, declared_shape,
                    name_scope, shape_text)
from .kernel_dtypes import floating
from .math_ops import (abs, cast, div_no_nan, exp, log, log1p, relu, rsqrt, sqrt, square,  # noqa: A004 - TF1's abs
                       squared_difference, stop_gradient)
from .number_tests import is_finite
from .recording import recorded
from .shape_ops import size, squeeze
from .unknown_lengths import fixed_lengths_if_possible
from .cross_entropy_shapes import matched_sparse_rows, rows_of_in_top_k

__all__ = ["named_as_scope", "zero_fraction", "reduce_logsumexp", "reduce_euclidean_norm", "moments", "weighted_moments", "batch_normalization", "reduce_variance", "reduce_std", "l2_normalize", "count_nonzero",
           "weighted_cross_entropy_with_logits", "in_top_k", "checked_pair"]


def named_as_scope(tensor: Tensor, scope: str) -> Tensor:
    """TF1's ``op(..., name=scope)`` inside ``with tf.name_scope(...) as scope``: the result takes the scope's own name
    (``ReduceLogSumExp:0``, ``l2_normalize:0``); ``tensor`` is a new op's result, never an input."""
    tensor.op_name = scope.rstrip("/")
    tensor.name = f"{tensor.op_name}:0"
    return tensor


def _axis(axis, reduction_indices):
    return reduction_indices if axis is None else axis


def _keep(keepdims, keep_dims) -> bool:
    return bool(keep_dims if keepdims is None else keepdims)


@recorded
def reduce_logsumexp(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
                     keep_dims=None) -> Tensor:
    r"""``tf.reduce_logsumexp``: :math:`\log\sum_i e^{x_i}` over ``axis``, stable: :math:`m + \log\sum e^{x - m}`
    with :math:`m` the maximum (held constant for the gradient, 0 where infinite: :math:`-\infty` rows give
    :math:`-\infty`); gradient :math:`\mathrm{softmax}(x)`."""
    x = floating(as_tensor(input_tensor), "ReduceLogSumExp", "input_tensor")
    axis, keepdims = _axis(axis, reduction_indices), _keep(keepdims, keep_dims)
    with name_scope(name, "ReduceLogSumExp") as scope:
        raw_max = reduce_max(x, axis=axis, keepdims=True)
        my_max = stop_gradient(where(is_finite(raw_max), raw_max, zeros_like(raw_max)))
        result = log(reduce_sum(exp(binary("sub", x, my_max)), axis=axis, keepdims=keepdims))
        if not keepdims:
            my_max = reshape(my_max, result.shape.as_list())
        return named_as_scope(binary("add", result, my_max), scope)


reduce_logsumexp.tf_name = "ReduceLogSumExp"  # a deferred one's name


@recorded
def reduce_euclidean_norm(input_tensor, axis=None, keepdims=False, name=None) -> Tensor:
    r"""``tf.math.reduce_euclidean_norm``: :math:`\sqrt{\sum x^2}` over ``axis`` (floats only here: TF1's integer
    version rounds the square root down)."""
    x = floating(as_tensor(input_tensor), "EuclideanNorm", "input")
    return sqrt(reduce_sum(binary("mul", x, x), axis=axis, keepdims=keepdims), name=name or "EuclideanNorm")


@recorded
def reduce_variance(input_tensor, axis=None, keepdims=False, name=None) -> Tensor:
    r"""``tf.math.reduce_variance``: :math:`\overline{(x - \bar x)^2}` over ``axis`` (the population variance)."""
    x = floating(as_tensor(input_tensor), "reduce_variance", "input_tensor")
    with name_scope(name, "reduce_variance"):
        means = reduce_mean(x, axis=axis, keepdims=True)
        return reduce_mean(square(binary("sub", x, means)), axis=axis, keepdims=keepdims)


@recorded
def reduce_std(input_tensor, axis=None, keepdims=False, name=None) -> Tensor:
    r"""``tf.math.reduce_std``: :math:`\sqrt{\overline{(x - \bar x)^2}}` over ``axis``."""
    with name_scope(name, "reduce_std"):
        return sqrt(reduce_variance(input_tensor, axis=axis, keepdims=keepdims))


def _axes_not_tensor(axes, op: str) -> None:
    if isinstance(axes, Tensor):
        raise UnsupportedOperationError(f"tf.nn.{op} with axes given as a tensor ({axes!r}) is not supported by "
                                        "symopt.compat.v1; give a list of ints, e.g. axes=[0] for the batch")


def _float16_in_float32(x: Tensor) -> Tensor:
    """``x``, or a float16 ``x`` cast to float32: TF1's moments reduce float16 there, so sums past 65504 stay finite."""
    return cast(x, dtypes.float32) if x.dtype == dtypes.float16 else x


def _back_in(dtype, *statistics: Tensor) -> tuple:
    """The statistics cast back to the input's ``dtype`` (float16 after :func:`_float16_in_float32`)."""
    return tuple(cast(s, dtype) if s.dtype != dtype else s for s in statistics)


def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None) -> tuple:
    r"""``tf.nn.moments(x, axes)``: ``(mean, variance)`` over ``axes``, TF1's way: :math:`\bar x`, then
    :math:`\overline{(x - \bar x)^2}` with :math:`\bar x` held constant (its gradient there is 0 anyway);
    ``keep_dims`` keeps the reduced axes (size 1).  float16 is reduced in float32 and cast back, as TF1 does.
    ``shift`` is unused, as in TF1."""
    _axes_not_tensor(axes, "moments")
    x = floating(as_tensor(x), "moments", "x")
    kept = _keep(keepdims, keep_dims)
    with name_scope(name, "moments"):
        y = _float16_in_float32(x)
        mean = reduce_mean(y, axes, keepdims=True, name="mean")
        distances = squared_difference(y, stop_gradient(mean))
        variance = reduce_mean(distances, axes, keepdims=True, name="variance")  # fetchable by name, as TF1's
        if not kept:  # TF1's squeezes of them (probe77 P77-4, review final45b 45b-6): the same values, reduced
            mean = reduce_mean(y, axes, keepdims=False, name="Squeeze")
            variance = reduce_mean(distances, axes, keepdims=False, name="Squeeze_1")
        return _back_in(x.dtype, mean, variance)


#: ``tf.squeeze`` recorded, so a squeeze of a shape-less input waits for the session like the ops before it.
recorded_squeeze = recorded(squeeze)


def weighted_moments(x, axes, frequency_weights, name=None, keep_dims=None, keepdims=None) -> tuple:
    r"""``tf.nn.weighted_moments``: the weighted mean :math:`\bar x = \sum w x / \sum w` and variance
    :math:`\sum w (x - \bar x)^2 / \sum w` over ``axes`` (each 0 where :math:`\sum w = 0`, TF1's ``div_no_nan``),
    ``frequency_weights`` broadcast against ``x`` and cast to its dtype, in TF1's order of operations (float16 in
    float32, cast back, as TF1)."""
    _axes_not_tensor(axes, "weighted_moments")
    given = floating(as_tensor(x), "weighted_moments", "x")
    kept = _keep(keepdims, keep_dims)
    with name_scope(name, "weighted_moments"):
        x = _float16_in_float32(given)
        weights = as_tensor(frequency_weights, None if isinstance(frequency_weights, Tensor) else x.dtype)
        weights = weights if weights.dtype == x.dtype else cast(weights, x.dtype)
        input_sum = reduce_sum(binary("mul", weights, x), axes, keepdims=True, name="weighted_input_sum")
        weight_sum = reduce_sum(binary("add", weights, zeros_like(x)), axes, keepdims=True, name="sum_of_weights")
        mean = div_no_nan(input_sum, weight_sum)
        distances = reduce_sum(binary("mul", weights, squared_difference(x, mean)), axes, keepdims=True,
                               name="weighted_distsq")
        variance = div_no_nan(distances, weight_sum)
        if not kept:
            mean, variance = recorded_squeeze(mean, axis=axes), recorded_squeeze(variance, axis=axes)
        return _back_in(given.dtype, mean, variance)


@recorded
def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None) -> Tensor:
    r"""``tf.nn.batch_normalization``: :math:`\gamma (x - \mu)/\sqrt{\sigma^2 + \epsilon} + \beta` in TF1's order of
    operations, :math:`x\,i + (\beta - \mu i)` with :math:`i = \gamma \cdot \mathrm{rsqrt}(\sigma^2 + \epsilon)`;
    ``offset`` (:math:`\beta`) or ``scale`` (:math:`\gamma`) may be None."""
    x = floating(as_tensor(x), "batchnorm", "x")
    # Python numbers are float32 constants, and TF1 casts the factor and the shift to x's dtype
    mean, variance, offset, scale = (value if value is None or isinstance(value, Tensor) else as_tensor(value)
                                     for value in (mean, variance, offset, scale))
    with name_scope(name, "batchnorm"):
        inverse = rsqrt(binary("add", variance, variance_epsilon))
        if scale is not None:
            inverse = binary("mul", inverse, scale)
        shift = binary("sub", offset, binary("mul", mean, inverse)) if offset is not None else \
            -binary("mul", mean, inverse)
        if inverse.dtype != x.dtype:
            inverse, shift = cast(inverse, x.dtype), cast(shift, x.dtype)
        return binary("add", binary("mul", x, inverse), shift)


@recorded
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None) -> Tensor:
    r"""``tf.nn.l2_normalize``: :math:`x / \sqrt{\max(\sum x^2, \epsilon)}` along ``axis`` (``None``: all), as
    TF1 computes it: ``x * rsqrt(maximum(square_sum, epsilon))``."""
    x = floating(as_tensor(x), "l2_normalize", "x")
    axis = dim if axis is None else axis
    with name_scope(name, "l2_normalize") as scope:
        square_sum = reduce_sum(square(x), axis, keepdims=True)
        inverse_norm = rsqrt(maximum(square_sum, epsilon))
        return named_as_scope(binary("mul", x, inverse_norm), scope)


l2_normalize.tf_name = "l2_normalize"


@recorded
def count_nonzero(input_tensor=None, axis=None, keepdims=None, dtype=dtypes.int64, name=None,
                  reduction_indices=None, keep_dims=None, input=None) -> Tensor:  # noqa: A002 - TF1's name
    r"""``tf.count_nonzero``: :math:`\#\{x \ne 0\}` over ``axis`` (a bool tensor: its true entries), of ``dtype``
    (int64 by default); NaN counts as nonzero."""
    x = as_tensor(input if input_tensor is None else input_tensor)
    axis, keepdims = _axis(axis, reduction_indices), _keep(keepdims, keep_dims)
    with name_scope(name, "count_nonzero"):
        nonzero = x if x.dtype == dtypes.bool else not_equal(x, 0)
        counted = reduce_sum(cast(nonzero, dtypes.int64), axis=axis, keepdims=keepdims)
        return counted if dtypes.as_dtype(dtype) == dtypes.int64 else cast(counted, dtype)


@recorded
def zero_fraction(value, name=None) -> Tensor:
    r"""``tf.nn.zero_fraction``: :math:`(n - \#\{x \ne 0\}) / n` as float32, TF1's counts (the sparsity summaries of
    its tutorials)."""
    with name_scope(name, "zero_fraction"):
        total = size(value, out_type=dtypes.int64)
        zeros = binary("sub", total, count_nonzero(value))
        return binary("truediv", cast(zeros, dtypes.float32), cast(total, dtypes.float32), name="fraction")


def checked_pair(first: Tensor, second: Tensor, names: tuple[str, str]) -> tuple:
    """TF1's check of an elementwise loss's two operands (``names``: ``logits`` and ``labels``): their static
    shapes, known when the graph was made (:func:`~symopt.compat.v1.graph.declared_shape`), must be compatible, else
    TF1's ValueError.  Where one was unknown (a placeholder without a shape, or a tensor computed from one) and the
    fed shapes differ, TF1's kernel broadcasts them (``[1, ?]`` logits with ``[?]`` labels): the pair is returned
    broadcast, with its shape."""
    declared = declared_shape(first), declared_shape(second)
    if not declared[1].is_compatible_with(declared[0]):
        raise StaticShapeError(f"`{names[0]}` and `{names[1]}` must have the same shape, received ({declared[0]} vs "
                               f"{declared[1]}).")
    first, second = fixed_lengths_if_possible(first, second, f"{names[0]} and {names[1]}")  # [None] against [5]: TF1's [5]
    if first.shape.is_compatible_with(second.shape):
        return first, second, first.shape
    shape = broadcast_shape(first.shape, second.shape, (first, second))
    pair = (first, second)
    return (*(Tensor(broadcast_matrix(t, shape, pair), shape, t.dtype, t.op_name) for t in pair), shape)


@recorded
def weighted_cross_entropy_with_logits(labels=None, logits=None, pos_weight=None, name=None,
                                       targets=None) -> Tensor:
    r"""``tf.nn.weighted_cross_entropy_with_logits``: the sigmoid cross-entropy with the positive term weighted by
    :math:`q` = ``pos_weight``, :math:`(1 - y)z + (1 + (q - 1)y)(\log(1 + e^{-|z|}) + \max(-z, 0))`, TF1's
    formula (``targets`` is TF1's older name of ``labels``)."""
    labels = targets if labels is None else labels
    if labels is None or logits is None or pos_weight is None:
        raise ValueError("tf.nn.weighted_cross_entropy_with_logits needs labels (or targets), logits and pos_weight")
    logits, labels = convert_pair(logits, labels, "logistic_loss")
    checked_pair(logits, labels, ("logits", "labels"))
    with name_scope(name, "logistic_loss"):
        excess = pos_weight - 1 if isinstance(pos_weight, (int, float)) else binary("sub", pos_weight, 1)  # TF1's
        # Python arithmetic on a number, which then takes the labels' dtype (float64 labels: final36 F36-8)
        log_weight = binary("add", 1, binary("mul", excess, labels))
        softplus_part = binary("add", log1p(exp(-abs(logits))), relu(-logits))
        return binary("add", binary("mul", binary("sub", 1, labels), logits), binary("mul", log_weight, softplus_part))


@recorded
def in_top_k(predictions, targets, k, name=None) -> Tensor:
    """``tf.nn.in_top_k``: for each row of ``predictions`` ``(batch, classes)``, whether fewer than ``k`` classes
    score strictly above the target class (TF1's rule: ties are in), false where the target is outside
    ``[0, classes)`` or a score in the row is not finite.  A bool vector, no gradient."""
    predictions, targets = as_tensor(predictions), as_tensor(targets)
    if predictions.ndim != 2 or targets.ndim != 1 or not targets.dtype.is_integer:
        raise ValueError(f"tf.nn.in_top_k takes predictions of shape [batch, classes] and integer targets of shape "
                         f"[batch]; given {shape_text(predictions.shape)} and {targets.dtype.name} "
                         f"{shape_text(targets.shape)}")
    classes = predictions.shape.as_list()[1]
    if classes is None or isinstance(k, Tensor):
        raise UnsupportedOperationError(f"tf.nn.in_top_k with an unknown number of classes or a tensor k is not "
                                        f"supported by symopt.compat.v1; given predictions "
                                        f"{shape_text(predictions.shape)}, k={k!r}: give the class dimension in the "
                                        "placeholder's shape and k as a Python int")
    predictions, targets = matched_sparse_rows(predictions, targets, "InTopKV2")  # [None] targets of n rows: n
    with name_scope(name, "in_top_k") as scope:
        chosen = one_hot(targets, classes, dtype=predictions.dtype)
        target_score = reduce_sum(binary("mul", predictions, chosen), axis=1, keepdims=True)  # NaN if a score is inf
        above = reduce_sum(cast(greater(predictions, target_score), predictions.dtype), axis=1)
        in_range = not_equal(reduce_sum(chosen, axis=1), 0)
        finite = is_finite(reshape(target_score, [-1]))
        return named_as_scope(logical_and(logical_and(less(above, float(k)), in_range), finite), f"{scope}InTopKV2")


in_top_k.result_dtype = dtypes.bool  # a deferred one's dtype (of a placeholder without a shape), as in TF1
in_top_k.static_shape = rows_of_in_top_k  # and its shape, (?,)
