r"""The classification losses of :mod:`symopt.ops`: softmax and log-softmax along the classes' axis, and the softmax
and sigmoid cross-entropies, with the checks that catch a wrong axis, argument order or label shape before a
model trains on it."""

from __future__ import annotations

import sympy
from sympy import OneMatrix

from . import functions
from . import nodes
from .errors import ConfigurationError, ShapeError
from .label_ranges import expect_labels
from .loss_arguments import (check_argument_order, check_logits, check_one_hot, check_paired, placeholders_read,
                             variables_read)
from .matrix_shapes import named, short
from .nodes import ElementSum, LogSumExp, elementwise, matadd, scale
from .ops_operands import checked_axis, scalar_operand, spread_along, symbolic_operands
from .reductions import rank_one
from .stable import LogisticLoss
from .symbols import is_matrix
from .traversal import nodes_of_type

__all__ = ["log_softmax", "softmax", "softmax_cross_entropy", "sigmoid_cross_entropy"]


def _classes_axis(z, axis, name: str) -> int:
    """``axis`` as 0 or 1.  Left out (None) it is the last axis, which is refused when that is the batch dimension
    while the other axis holds several classes: with examples as columns it would normalise over the examples.
    A rank-1 ``z`` (declared ``(n,)``) runs over its n entries, as every library's softmax of a 1-D vector does; a
    column (n, 1) built from one is refused (its last axis holds one entry, so the softmax would be identically 1).
    A given axis is taken as written (a softmax over a ranked list of rows is meant)."""
    if axis is not None or rank_one(z):
        return checked_axis(z, 0 if axis is None else axis, name)
    along, other = (sympy.sympify(d) for d in (z.shape[1], z.shape[0]))
    if along == 1 and other.is_number and other > 1:
        raise ShapeError(
            f"{name} of {short(z)} (shape {tuple(z.shape)}) along its last axis: that axis holds one entry, so the "
            f"{name} would be identically {1 if name == 'softmax' else 0}. Pass axis=0 for the {other} entries of "
            "the column (a softmax over them, as NumPy's of a 1-D vector).")
    if not along.is_number and other.is_number and other > 1:
        shown = str(z) if len(str(z)) <= 40 else str(z)[:37] + "..."
        raise ShapeError(
            f"{name} of {shown} (shape {tuple(z.shape)}) along its last axis would normalise over the batch "
            f"dimension {along}, the examples, not over the {other} classes. With examples as columns (the course's "
            "layout, classes down the rows) pass axis=0; pass axis=1 if a softmax over the examples is meant.")
    data = _data_as_columns(z) if along.is_number and other.is_number and other > 1 else None
    if data is not None:
        raise ShapeError(
            f"{name} of {short(z)} (shape {tuple(z.shape)}) along its last axis: its {along} columns are the "
            f"columns of the data {data} (examples as columns, the course's W @ X), so the last axis would normalise "
            f"over the examples, not over the {other} classes. Pass axis=0 (classes down the rows); pass axis=1 if a "
            "softmax along each row is meant.")
    return 1


def _data_as_columns(z):
    """The Placeholder whose columns are ``z``'s (the right factor of a product ``W @ X`` inside ``z``, every factor on
    its left a parameter expression that reads no data), or None: with a fixed number of examples the batch symbol
    gives no sign of them.  A product with data on its left (``X @ V @ S``: S, class attributes) has the examples as
    its rows."""
    columns = z.shape[1]
    for product in nodes_of_type(z, sympy.MatMul):
        *left, last = product.as_coeff_matrices()[1]
        if getattr(last, "is_placeholder", False) and last.shape[1] == columns and left and \
                all(variables_read(f) and not placeholders_read(f) for f in left):
            return last
    return None


@symbolic_operands
def log_softmax(z, axis=None):
    r""":math:`z - \mathrm{LSE}(z)` along ``axis`` (default: the last, unless that is the batch dimension)."""
    axis = _classes_axis(z, axis, "log_softmax")
    return matadd(z, scale(-1, spread_along(LogSumExp(z, axis), z, axis)))


@symbolic_operands
def softmax(z, axis=None):
    r""":math:`e^{z_i}/\sum_j e^{z_j}` along ``axis``, as :math:`\exp(\text{log\_softmax}(z))` (stable)."""
    return elementwise(sympy.exp, log_softmax(z, _classes_axis(z, axis, "softmax")))


@symbolic_operands
def softmax_cross_entropy(logits, labels, axis=None):
    r"""Mean over examples of :math:`-\sum_k y_k \log \mathrm{softmax}(z)_k` (classes along ``axis``; left out, the
    last axis, refused where that runs over the examples: the batch dimension, or the columns of the data in
    ``W @ X`` declared with a fixed number of examples; pass ``axis=0`` there).  The logits come first: a model's raw
    output as the labels beside logits that read no :class:`~symopt.Variable` is refused (TF1's ``tf.losses`` order;
    a plain SymPy symbol named in ``wrt`` is not seen by the check).  Refused too: labels of another shape than the
    logits', a scalar label, probabilities as logits (``softmax(z)``, ``sigmoid(z)``) and one class (the softmax of
    one logit is 1: the loss and its gradient are identically 0; 0/1 labels take :func:`sigmoid_cross_entropy`)."""
    check_argument_order("softmax_cross_entropy", logits, labels)
    if not is_matrix(logits) or not is_matrix(labels):
        scalar = labels if is_matrix(logits) else logits
        raise ShapeError(f"symopt.ops.softmax_cross_entropy: expected logits and labels that are matrices of one "
                         f"shape (a column per class); given the scalar {short(scalar)}. Declare the labels "
                         "symopt.Placeholder('Y', (None, k)) and feed one-hot rows, numpy.eye(k)[labels] (a constant "
                         "target is data of that shape too); for one logit per example use sigmoid_cross_entropy.")
    check_logits("softmax_cross_entropy", logits)
    axis = _classes_axis(logits, axis, "softmax_cross_entropy")
    check_one_hot(logits, labels, axis)
    if logits.shape[axis] == 1:
        raise ShapeError(
            f"symopt.ops.softmax_cross_entropy: the logits {named(logits)} hold one class along axis {axis}; the "
            "softmax of one logit is 1, so the loss and its gradient are identically 0 and nothing trains. For 0/1 "
            "labels and one logit per example use symopt.ops.sigmoid_cross_entropy(z, y); for a softmax give the "
            "model a column per class (2 for a binary one) and feed one-hot labels, numpy.eye(2)[y].")
    examples = logits.shape[1 - axis]
    total = ElementSum(nodes.hadamard(labels, log_softmax(logits, axis)))
    expect_labels(labels, "softmax_cross_entropy", total)
    return -total / examples


def _scalar_label(labels):
    """A scalar label as a SymPy scalar (a number is checked to lie in [0, 1]), or a :class:`ShapeError`."""
    label = scalar_operand(labels)
    if label is None:
        raise ShapeError(f"symopt.ops.sigmoid_cross_entropy: expected labels of the logits' shape or one scalar label; "
                         f"given {type(labels).__name__} {labels!r}. Pass a symopt.Placeholder or a number.")
    if label.is_number and not (label.is_real and 0 <= label <= 1):
        raise ConfigurationError(f"symopt.ops.sigmoid_cross_entropy: expected a label in [0, 1] (0/1 classes or a "
                                 f"probability); given {label}, for which the loss has no minimum. For labels -1/+1 "
                                 "use (y + 1) / 2.")
    return label


@symbolic_operands
def sigmoid_cross_entropy(logits, labels):
    r"""Mean of :math:`\mathrm{softplus}(z) - y z` (the stable form of
    :math:`-y\log\sigma(z) - (1-y)\log(1-\sigma(z))`), computed entrywise as TF1's kernel does,
    :math:`\max(z,0) - zy + \log(1 + e^{-|z|})` (:class:`~symopt.stable.LogisticLoss`: exact in both tails,
    4.1399378e-08 at :math:`z = 17, y = 1` in float32, not 0; its gradient keeps its digits there too); for a scalar
    :math:`z` and :math:`y` (one example, the course's :math:`L(a, y)`) that one term, as written.  Labels have the
    logits' shape, or are one scalar for every entry (``sigmoid_cross_entropy(z, 1)``, a GAN's "all real" target:
    :math:`\operatorname{mean}(\mathrm{softplus}(z)) - y \operatorname{mean}(z)`).  The logits come first: a
    model's raw output as the labels beside logits that read no :class:`~symopt.Variable` is refused (TF1's
    ``tf.losses`` order; a plain SymPy symbol named in ``wrt`` is not seen by the check), as are labels of another
    shape and probabilities as logits (``sigmoid(z)``: pass ``z``).  Data declared with a fixed number of examples
    (``Placeholder("X", (4, 3))``) needs labels declared so too (``(4, 1)``, not ``(None, 1)``)."""
    check_argument_order("sigmoid_cross_entropy", logits, labels)
    if not is_matrix(logits) and is_matrix(labels):
        raise ShapeError(f"sigmoid_cross_entropy: the logits {logits} are a scalar and the labels {labels} a matrix of "
                         f"shape {tuple(labels.shape)}; give logits of the labels' shape (X @ W), or a scalar label")
    check_logits("sigmoid_cross_entropy", logits)
    if not is_matrix(logits):
        smooth, term = functions.softplus(logits), -labels * logits
        expect_labels(labels, "sigmoid_cross_entropy", (smooth, term))  # both terms of one sum: the loss
        return smooth + term
    rows, cols = logits.shape
    if not is_matrix(labels):
        entries = scale(_scalar_label(labels), OneMatrix(rows, cols))
    else:
        check_paired("sigmoid_cross_entropy", logits, labels)
        entries = labels
    total = ElementSum(LogisticLoss(logits, entries))  # TF1's kernel: softplus(z) - z cancels for z > 0 (P33-3)
    expect_labels(labels, "sigmoid_cross_entropy", total)
    return total / (rows * cols)
