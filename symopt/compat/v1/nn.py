r"""``tf.nn``: activations, softmax, and the losses of TF1's classification exercises.

=======================================  ========================================================
function                                 value
=======================================  ========================================================
``relu``, ``sigmoid``, ``tanh``,         elementwise
``softplus``, ``leaky_relu``, ``selu``,
``softsign``
``softmax``, ``log_softmax``             :math:`e^s/\sum e^s`, :math:`s - \log\sum e^s` with :math:`s = z - \max z`
``softmax_cross_entropy_with_logits``    :math:`-\sum_k y_k \log\mathrm{softmax}(z)_k` per example, shape ``(m,)``
``sparse_softmax_cross_entropy_...``     the same with integer labels
``sigmoid_cross_entropy_with_logits``    :math:`\max(z,0) - zy + \log(1+e^{-|z|})` elementwise
``l2_loss``                              :math:`\tfrac12\sum t^2`
``moments``, ``batch_normalization``,    see :mod:`~symopt.compat.v1.statistics`
``l2_normalize``, ``in_top_k``, ``top_k``,
``weighted_cross_entropy_with_logits``
=======================================  ========================================================

The math is :mod:`symopt.ops`' and :mod:`symopt.stable`'s (TF1's kernels' formulas); this maps TF's arguments onto it.
"""

from __future__ import annotations

import numpy as np
import sympy
from sympy import OneMatrix

from ... import ops
from ...errors import UnsupportedOperationError
from ...nodes import ElementSum, elementwise, hadamard, scale, transpose
from ...reductions import OneHot
from ...stable import KernelCrossEntropy, LogisticLoss, LogSoftmax, Select, Softmax
from .gather_ops import embedding_lookup
from ...symbols import is_matrix
from .errors import missing_names
from .graph import (Tensor, as_tensor, get_default_graph, binary, constant, convert_pair, matmul, matrix_of,
                    name_scope, shape_text)
from . import dtypes
from .array_ops import reduce_mean, reduce_sum, zeros_like
from .reduction_ops import float16_rounded
from .default_graph import unnamed
from .folding import real_scalar
from .program_dtypes import symbol_dtype
from .comparison_ops import greater_equal, where
from .math_ops import cast, relu, sigmoid, softplus, stop_gradient, tanh
from .kernel_dtypes import float_inputs, floating, kernel_inputs
from .init_ops import random_input
from .random_tensors import shared_mask_refusal
from .kernel_functions import kernel_elu, kernel_relu6, kernel_selu, kernel_softsign
from .label_checks import LabelRows, mark_sparse_labels
from .logits_dtypes import checked_logits, sigmoid_logits, softmax_logits
from .poisson_loss import log_poisson_loss
from .recording import recorded
from .cross_entropy_shapes import matched_logits_and_labels, matched_sparse_rows, rows_of_sparse_loss
from .top_k import top_k
from .statistics import (batch_normalization, checked_pair, in_top_k, l2_normalize, moments, weighted_cross_entropy_with_logits,
                         named_as_scope, weighted_moments, zero_fraction)

__all__ = ["swish", "top_k", "embedding_lookup", "xw_plus_b", "relu_layer", "zero_fraction", "log_poisson_loss", "selu", "softsign", "moments", "weighted_moments", "batch_normalization", "l2_normalize", "weighted_cross_entropy_with_logits", "in_top_k", "relu", "relu6", "elu", "sigmoid", "tanh", "softplus", "leaky_relu", "bias_add", "softmax", "log_softmax",
           "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2",
           "sparse_softmax_cross_entropy_with_logits", "sigmoid_cross_entropy_with_logits", "l2_loss", "dropout"]


def _named_only(sentinel, op: str) -> None:
    if sentinel is not None:
        raise ValueError(f"Only call `{op}` with named arguments (labels=..., logits=..., ...)")


def _class_axis(tensor: Tensor, axis, op: str) -> int:
    """The internal matrix axis of TF's ``axis`` (a rank-1 tensor is a column: its classes run along axis 0)."""
    if tensor.ndim == 1:
        if axis not in (None, -1, 0):
            raise ValueError(f"'{op}': axis {axis} is out of range for a tensor of rank 1")
        return 0
    if tensor.ndim != 2:
        raise ValueError(f"'{op}': expected logits of rank 1 or 2; given shape {shape_text(tensor.shape)}")
    axis = -1 if axis is None else int(axis)
    if axis not in (-2, -1, 0, 1):
        raise ValueError(f"'{op}': axis {axis} is out of range for a tensor of rank 2")
    return axis % 2




_INPUT = sympy.Dummy("x", real=True)
#: ReLU6 as TF1's kernels compute it: exact values, gradient 1 on 0 < x < 6 and 0 elsewhere (at 0 and 6 too).
_RELU6 = sympy.Lambda(_INPUT, kernel_relu6(_INPUT))


def _entrywise(function, features, name: str) -> Tensor:
    features = as_tensor(features)
    expr = features.expr
    if not is_matrix(expr) and features.dtype.is_floating:  # a constant: TF1's kernel in its dtype (probe28 P28-2)
        expr = real_scalar(function, (expr,), symbol_dtype(features.dtype), features.dtype.name)
    elif not is_matrix(expr):
        expr = function(expr)
    elif tuple(expr.shape) == (1, 1):  # SymPy would apply a Piecewise to the 1 x 1 matrix itself
        expr = scale(function(expr[0, 0]), OneMatrix(1, 1))
    else:
        expr = elementwise(function, expr)
    return Tensor(expr, features.shape, features.dtype, name)


@recorded
def relu6(features, name=None) -> Tensor:
    r"""``tf.nn.relu6``: elementwise :math:`\min(\max(x, 0), 6)`; gradient 1 for :math:`0 < x < 6`, else 0 (TF1)."""
    kernel_inputs("Relu6")(features)  # a bool (P81-2)
    return _entrywise(_RELU6, features, name or "Relu6")


@recorded
def elu(features, name=None) -> Tensor:
    r"""``tf.nn.elu``: elementwise :math:`x` for :math:`x \ge 0`, :math:`e^x - 1` below (TF1's kernel); gradient
    TF1's ``EluGrad``, from the output: :math:`y + 1` where :math:`y < 0`, else 1 (finite for every :math:`x`)."""
    features = floating(as_tensor(features), "Elu", "features")
    return _entrywise(sympy.Lambda(_INPUT, kernel_elu(_INPUT, _bits(features))), features, name or "Elu")


def _bits(features: Tensor) -> int:
    """The float width TF1's kernel computes ``features`` in (float16 in float32, as symopt's programs)."""
    return 64 if features.dtype == dtypes.float64 else 32


#: Softsign as TF1's kernel computes it: ``x / (|x| + 1)``, gradient ``SoftsignGrad``'s ``1 / (|x| + 1)^2``.
_SOFTSIGN = sympy.Lambda(_INPUT, kernel_softsign(_INPUT))


@recorded
def selu(features, name=None) -> Tensor:
    r"""``tf.nn.selu``: :math:`\lambda x` for :math:`x \ge 0`, :math:`\lambda\alpha(e^x - 1)` below (TF1's
    constants :math:`\lambda = 1.0507\ldots`, :math:`\lambda\alpha = 1.7581\ldots`, and its ``exp(x) - 1``)."""
    features = floating(as_tensor(features), "Selu", "features")
    return _entrywise(sympy.Lambda(_INPUT, kernel_selu(_INPUT, _bits(features))), features, name or "Selu")


@recorded
def swish(features, name=None) -> Tensor:
    r"""``tf.nn.swish``: :math:`x\,\sigma(x)` elementwise; gradient :math:`\sigma(x)(1 + x(1 - \sigma(x)))`."""
    features = floating(as_tensor(features), "swish", "features")
    return binary("mul", features, sigmoid(features), name=name or "IdentityN")


@recorded
def softsign(features, name=None) -> Tensor:
    r"""``tf.nn.softsign``: :math:`x / (|x| + 1)`; gradient :math:`1/(|x| + 1)^2`, as TF1's ``SoftsignGrad`` (exact: 0
    at :math:`\pm\infty`, no cancellation far from 0)."""
    return _entrywise(_SOFTSIGN, floating(as_tensor(features), "Softsign", "features"), name or "Softsign")


@recorded
def leaky_relu(features, alpha=0.2, name=None) -> Tensor:
    r"""Elementwise TF1's kernel, :math:`x` where :math:`x > 0`, else :math:`\alpha x` (for a number
    :math:`\alpha \le 1` that is :math:`\max(x, \alpha x)`, symopt's ``leaky_relu``); a number ``alpha`` is
    rounded to float32 first, as TF1 does; a tensor ``alpha`` may be a learnable slope.  Integer features are cast
    to float32 first, as TF1 does."""
    features = as_tensor(features)
    features = cast(features, dtypes.float32) if features.dtype.is_integer else \
        floating(features, "LeakyRelu", "features")  # a bool (P81-2)
    if not isinstance(alpha, Tensor) and np.float32(alpha) > 1:  # max(x, a x) would pick a x for x > 0
        alpha = as_tensor(np.float32(alpha), features.dtype)
    if isinstance(alpha, Tensor):
        if alpha.ndim != 0:
            raise UnsupportedOperationError(f"tf.nn.leaky_relu: alpha must be a scalar; given shape {alpha.shape}")
        positive = relu(features)
        return binary("add", positive, binary("mul", alpha, binary("sub", features, positive)),
                      name=name or "LeakyRelu")
    alpha = sympy.Float(float(np.float32(alpha)), precision=64)  # 64 bits: printed with enough digits to round-trip
    return Tensor(ops.leaky_relu(features.expr, alpha), features.shape, features.dtype, name or "LeakyRelu")


@recorded
def bias_add(value, bias, data_format=None, name=None) -> Tensor:
    """``value + bias`` with ``bias`` of shape ``(n,)`` broadcast over the rows of ``value`` ``(m, n)``."""
    value, bias = as_tensor(value), as_tensor(bias)
    if bias.ndim != 1 or value.ndim < 1 or bias.shape[0] != value.shape[-1]:
        raise ValueError(f"'BiasAdd': bias of shape {shape_text(bias.shape)} must be rank 1 and match the last "
                         f"dimension of value {shape_text(value.shape)}")
    result = binary("add", value, bias, name=name or "BiasAdd")
    result.op_type = "BiasAdd"  # TF1's type, whatever the name
    return result


def xw_plus_b(x, weights, biases, name=None) -> Tensor:
    """``tf.nn.xw_plus_b``: ``bias_add(matmul(x, weights), biases)``."""
    with name_scope(name, "xw_plus_b") as scope:
        return named_as_scope(bias_add(matmul(x, weights), biases), scope)


def relu_layer(x, weights, biases, name=None) -> Tensor:
    """``tf.nn.relu_layer``: ``relu(bias_add(matmul(x, weights), biases))``."""
    with name_scope(name, "relu_layer") as scope:
        return named_as_scope(relu(bias_add(matmul(x, weights), biases)), scope)


def _log_softmax_expr(logits: Tensor, axis, op: str):
    return LogSoftmax(logits.expr, _class_axis(logits, axis, op))


@recorded
def log_softmax(logits, axis=None, name=None, dim=None) -> Tensor:
    r"""``tf.nn.log_softmax``: :math:`z - \log\sum_k e^{z_k}` along ``axis`` (default the last)."""
    logits = floating(as_tensor(logits), "LogSoftmax", "logits")
    axis = dim if axis is None else axis
    return Tensor(_log_softmax_expr(logits, axis, "LogSoftmax"), logits.shape, logits.dtype,
                  f"{name or 'LogSoftmax'}:0")


@recorded
def softmax(logits, axis=None, name=None, dim=None) -> Tensor:
    r"""``tf.nn.softmax``: :math:`e^{z_i}/\sum_k e^{z_k}` along ``axis`` (default the last), computed stably."""
    logits = floating(as_tensor(logits), "Softmax", "logits")
    axis = dim if axis is None else axis
    return Tensor(Softmax(logits.expr, _class_axis(logits, axis, "Softmax")), logits.shape, logits.dtype,
                  f"{name or 'Softmax'}:0")


softmax.check_when_deferred = float_inputs("Softmax", "logits")
log_softmax.check_when_deferred = float_inputs("LogSoftmax", "logits")


def _per_example(logits: Tensor, labels_matrix, axis, op: str, name, labels: Tensor | None = None) -> Tensor:
    r""":math:`\sum_k y_k (-\log\mathrm{softmax}(z)_k)` along the class axis: one loss per example (summing
    the non-negative terms, as TF1's kernel does, so a confidently right example gives 0.0, not -0.0).
    The losses of a batch are a :class:`~symopt.stable.KernelCrossEntropy`, whose gradient is TF1's kernel's also
    for dense ``labels`` whose rows sum to other than 1; one example's (logits of rank 1) carries
    :func:`_kernel_gradient` for that."""
    class_axis = _class_axis(logits, axis, op)
    log_softmax = _log_softmax_expr(logits, axis, op)
    sparse = isinstance(labels_matrix, OneHot) or isinstance(labels_matrix, sympy.Transpose) and \
        isinstance(labels_matrix.arg, OneHot)
    if sparse and tuple(labels_matrix.shape) == tuple(log_softmax.shape):  # sparse labels: the label's own term, as
        # TF1's kernel reads it (a -inf logit of another class, a masked action, is no 0 * inf = NaN: probe18 G13);
        # labels with a known count against logits of the batch size (or the other way round) multiply as before
        products = Select(labels_matrix, scale(-1, log_softmax), 0)  # 0 broadcasts: no batch × classes zeros
    else:
        products = hadamard(labels_matrix, scale(-1, log_softmax))
    if logits.ndim == 1:
        summed = ElementSum(products)
    else:
        summed = ops.sum(products, class_axis) if class_axis == 1 else transpose(ops.sum(products, class_axis))
    if labels is not None and logits.ndim == 1:
        summed = summed + _kernel_gradient(logits, labels, log_softmax, class_axis)
    elif logits.ndim != 1:  # TF1's backprop softmax(z) - y, read from the softmax the value's log-softmax comes with
        summed = KernelCrossEntropy(summed, logits.expr, labels_matrix, class_axis)
    shape = () if logits.ndim == 1 else (logits.shape[1 - class_axis],)
    return Tensor(summed, shape, logits.dtype, f"{name or op}:0")


def _kernel_gradient(logits: Tensor, labels: Tensor, log_softmax, class_axis: int):
    r"""Zero, whose derivative makes the cross-entropy's gradient TF1's kernel's :math:`\mathrm{softmax}(z) - y`
    for labels of any row sum :math:`S` (all-zero padding rows, multi-hot rows; b-probe B7), where the exact one is
    :math:`S\,\mathrm{softmax}(z) - y`: :math:`(1 - S)\,(T - \operatorname{sg}(T))` with
    :math:`T = \frac1k \sum_k (z - \log\mathrm{softmax}(z))_k = \log\sum_k e^{z_k}`, whose derivative is
    :math:`\mathrm{softmax}(z)`.  For one-hot labels :math:`1 - S` is exactly 0: value and gradient unchanged.
    The expression of the per-example vector (a column), built without taking op names."""
    axis = None if logits.ndim == 1 else class_axis
    with unnamed():
        shifted = binary("sub", logits, Tensor(log_softmax, logits.shape, logits.dtype, "LogSoftmax"))
        log_sum_exp = reduce_mean(shifted, axis=axis)
        zero = binary("sub", log_sum_exp, stop_gradient(log_sum_exp))
        return binary("mul", binary("sub", 1.0, reduce_sum(labels, axis=axis)), zero).expr


@recorded
def softmax_cross_entropy_with_logits_v2(labels, logits, axis=None, name=None, dim=None) -> Tensor:
    r"""The cross-entropy :math:`-\sum_k y_k \log\mathrm{softmax}(z)_k` of each example: logits ``(m, k)``
    give a loss vector of shape ``(m,)``; average it with ``tf.reduce_mean``.

    The gradient is TF1's kernel's, :math:`\mathrm{softmax}(z) - y`, also for labels whose rows do not sum to one
    (where the exact derivative is :math:`\mathrm{softmax}(z)\sum_k y_k - y`).
    """
    logits, labels = as_tensor(logits), as_tensor(labels)
    op = "softmax_cross_entropy_with_logits"
    softmax_logits(logits, op)  # bool or integer logits: TF1's TypeError (P86-1)
    if labels.dtype != logits.dtype:  # TF1 casts them (integer one-hot rows, a float64 np.eye(k)[y]: probe18 G17)
        labels = cast(labels, logits.dtype)
    logits, labels = matched_logits_and_labels(logits, labels, op)
    return _per_example(logits, labels.expr, dim if axis is None else axis, op, name, labels=labels)


@recorded
def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1, name=None,
                                      axis=None) -> Tensor:
    """TF1's (deprecated) version of :func:`softmax_cross_entropy_with_logits_v2`: named arguments only, and, as
    TF1's, no gradient flows into ``labels`` (they pass through :func:`~.math_ops.stop_gradient`: soft labels computed
    from variables are not trained by it; ``tf.gradients`` with respect to them is ``None``)."""
    _named_only(_sentinel, "softmax_cross_entropy_with_logits")
    labels = stop_gradient(as_tensor(labels))
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, axis=dim if axis is None else axis,
                                                name=name)


@recorded
def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None) -> Tensor:
    """The cross-entropy of each example with integer class labels of shape ``(m,)`` and logits ``(m, k)`` (or of
    one example: a scalar label and logits ``(k,)``, a scalar loss).

    A label outside ``[0, k)`` is TF1's ``InvalidArgumentError`` in any run that computes this loss (a training
    step changes nothing), never a silent zero loss (:mod:`~symopt.compat.v1.label_checks`; the check keys on the
    labels' one-hot node, a :class:`~symopt.compat.v1.label_checks.LabelRows` of its own, so a run computing
    ``tf.one_hot(labels, k)`` or ``tf.not_equal(labels, -1)`` of the same labels alone is not checked, as TF1)."""
    _named_only(_sentinel, "sparse_softmax_cross_entropy_with_logits")
    logits, labels = as_tensor(logits), as_tensor(labels)
    softmax_logits(logits, "sparse_softmax_cross_entropy_with_logits")
    if labels.dtype not in (dtypes.int32, dtypes.int64):  # a float label would match no class: a silent 0 loss
        raise TypeError(f"Value passed to parameter 'labels' has DataType {labels.dtype.name} not in list of allowed "
                        "values: int32, int64 (class indices; cast them, e.g. tf.cast(labels, tf.int64))")
    if logits.ndim == 1 and labels.ndim == 0 and logits.shape[0] is not None:  # one example: logits (k,), a label
        op_name = name or "SparseSoftmaxCrossEntropyWithLogits"
        one_hot = LabelRows(scale(labels.expr, OneMatrix(1, 1)), int(logits.shape[0]), op_name)
        mark_sparse_labels(get_default_graph(), one_hot, op_name)
        return _per_example(logits, transpose(one_hot), -1, "SparseSoftmaxCrossEntropyWithLogits", name)
    if logits.ndim != 2 or labels.ndim != 1 or (None not in (labels.shape[0], logits.shape[0])
                                                 and labels.shape[0] != logits.shape[0]):
        raise ValueError(f"'sparse_softmax_cross_entropy_with_logits': labels of shape {shape_text(labels.shape)} "
                         f"must be rank 1 with one entry per row of logits {shape_text(logits.shape)}")
    logits, labels = matched_sparse_rows(logits, labels, "SparseSoftmaxCrossEntropyWithLogits")
    op_name = name or "SparseSoftmaxCrossEntropyWithLogits"
    one_hot = LabelRows(labels.expr, int(logits.shape[1]), op_name)
    mark_sparse_labels(get_default_graph(), one_hot, op_name)
    return _per_example(logits, one_hot, -1, "SparseSoftmaxCrossEntropyWithLogits", name)


#: a deferred one's dtype (labels and logits of placeholders without a shape): the logits', as in TF1; its shape (?,)
sparse_softmax_cross_entropy_with_logits.dtype_from = "logits"
sparse_softmax_cross_entropy_with_logits.static_shape = rows_of_sparse_loss


@recorded
def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None) -> Tensor:
    r"""Elementwise :math:`\mathrm{softplus}(z) - y z` (:math:`= -y\log\sigma(z) - (1-y)\log(1-\sigma(z))`),
    computed as TF1's kernel does, :math:`\max(z,0) - zy + \log(1+e^{-|z|})` (a
    :class:`~symopt.stable.LogisticLoss` node: 4.1399378e-08 at :math:`z = 17, y = 1` in float32, not 0);
    gradient :math:`\sigma(z) - y`.  Same shape as ``logits``."""
    _named_only(_sentinel, "sigmoid_cross_entropy_with_logits")
    if isinstance(logits, Tensor) and (logits.dtype.is_unsigned or logits.dtype.name == "bool"):
        sigmoid_logits(logits, "sigmoid_cross_entropy_with_logits")  # TF1's >= or -logits, before its Mul (47a2-6)
    logits, labels = convert_pair(logits, labels, "Mul")  # TF1's mismatch: its logits * labels
    sigmoid_logits(logits, "sigmoid_cross_entropy_with_logits")
    logits, labels, shape = checked_pair(logits, labels, ("logits", "labels"))  # declared shapes compatible; fed
    # ones of a placeholder without a shape broadcast: [1, ?] logits with [?] labels
    loss = LogisticLoss(matrix_of(logits), matrix_of(labels))
    return Tensor(ElementSum(loss) if logits.ndim == 0 else loss, shape, logits.dtype, name or "logistic_loss")


for _loss, _check in ((softmax_cross_entropy_with_logits_v2, softmax_logits), (softmax_cross_entropy_with_logits,
                      softmax_logits), (sparse_softmax_cross_entropy_with_logits, softmax_logits),
                      (sigmoid_cross_entropy_with_logits, sigmoid_logits)):
    _loss.check_when_deferred = checked_logits(_check, _loss.__name__)  # of a placeholder without a shape too


@recorded
def l2_loss(t, name=None) -> Tensor:
    r"""``tf.nn.l2_loss``: :math:`\tfrac12 \sum t^2`, a scalar."""
    t = floating(as_tensor(t), "L2Loss", "t")
    return Tensor(float16_rounded(ops.l2_penalty(t.expr), t.dtype), (), t.dtype, f"{name or 'L2Loss'}:0")


l2_loss.check_when_deferred = float_inputs("L2Loss", "t")  # of a placeholder without a shape too (F44b-2)


def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None) -> Tensor:
    r"""``tf.nn.dropout(x, keep_prob)`` as TF 1.13+ and TF 2 compute it: with :math:`r = 1 - p` (or ``rate``) and
    :math:`U \sim \mathcal U[0, 1)` drawn afresh at every ``session.run``, :math:`x / (1 - r)` where
    :math:`U \ge r`, else 0 (each entry kept with probability :math:`p`, scaled by :math:`1/p`).  ``keep_prob`` may be
    a placeholder (fed 1.0 to evaluate); fed outside :math:`(0, 1]`, TF's numbers too: 0 keeps nothing (TF ≤ 1.12's
    :math:`x / p \cdot \lfloor p + U \rfloor` gave NaN), 1.5 keeps everything scaled by 2/3 (probe24 P24-6)."""
    if (keep_prob is None) == (rate is None):
        raise ValueError("tf.nn.dropout needs exactly one of keep_prob and rate")
    if noise_shape is not None:  # one mask shared along some dimensions (probe37 P37-7)
        raise UnsupportedOperationError(shared_mask_refusal("tf.nn.dropout", noise_shape, keep_prob is not None))
    x = as_tensor(x)
    if not x.dtype.is_floating:  # TF1 refuses when the graph is built, rate=0. too (probe86 P86-1)
        raise ValueError(f"`x.dtype` must be a floating point tensor as `x` will be scaled. Received: x_dtype="
                         f"<dtype: '{x.dtype.name}'> (cast it first: tf.cast({x.op_name}, tf.float32))")
    number = rate if keep_prob is None else keep_prob
    if not isinstance(number, Tensor):
        dropped = float(rate) if keep_prob is None else 1.0 - float(keep_prob)
        if not 0.0 <= dropped < 1.0:  # TF1 refuses when the graph is built (a keep_prob of 1.5 would scale by 2/3)
            raise ValueError(f"`rate` must be a scalar tensor or a float in the range [0, 1). Received: "
                             f"rate={dropped}")
        if dropped == 0.0:  # TF returns x itself: no op, so no control inputs either
            return x
        scaled = binary("mul", x, constant(1.0 / (1.0 - dropped), dtype=x.dtype))  # TF: x * (1 / keep_prob)
        dropped = constant(dropped, dtype=x.dtype)
    else:
        dropped = rate if keep_prob is None else binary("sub", 1.0, keep_prob)
        scaled = binary("truediv", x, binary("sub", 1.0, dropped))
    noise = random_input(x.shape, x.dtype, seed, "dropout/random_uniform")
    result = where(greater_equal(noise, dropped), scaled, zeros_like(x), name=name or "dropout")
    result.op_type = "SelectV2"  # TF 2's where_v2
    result.set_shape(x.shape)  # as TF1: known even when keep_prob is a placeholder without a shape
    return result


__getattr__ = missing_names("tf.nn")
__path__: list = []  # `from tensorflow.nn import <a name symopt lacks>` is refused by runner.py's importer
