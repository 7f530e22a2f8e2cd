r"""Building blocks for matrix models, as genuine SymPy matrix expressions.

Matrices are 2-D: a rank-1 shape ``(n,)`` is the column ``(n, 1)``.  Reductions
keep both dimensions (``sum(A, axis=0)`` has shape ``(1, n)``).  Axes mean what NumPy
means for a 2-D array: ``0`` and ``-2`` run down the rows, ``1`` and ``-1`` along each
row; any other axis raises :class:`~symopt.errors.ShapeError`.
"""

from __future__ import annotations

import functools

import numpy
import sympy
from sympy import OneMatrix

from . import functions
from . import nodes
from .errors import ConfigurationError, ShapeError, UnsupportedOperationError
from .keyword_advice import OPS_ADVICE, refusing_unknown_keywords
from .label_ranges import expect_labels
from .loss_arguments import (check_argument_order, check_logits, check_one_hot, check_paired, placeholders_read,
                             variables_read)
from .matrix_checks import check_factors
from .matrix_shapes import named, short
from .nodes import ElementSum, LogSumExp, elementwise, matadd, scale, transpose
from .reductions import operand_axis, rank_one
from .stable import LogisticLoss
from .symbols import is_matrix, shape_of
from .traversal import nodes_of_type

__all__ = ["matmul", "transpose", "bias_add", "sigmoid", "tanh", "relu", "leaky_relu", "softplus", "exp", "log",
           "square", "power", "sqrt", "abs", "sum", "mean", "softmax", "log_softmax", "softmax_cross_entropy",
           "sigmoid_cross_entropy", "l2_penalty", "hadamard", "ElementSum", "LogSumExp", "symbolic_operands",
           "NUMPY_FORMS"]


#: The NumPy function that computes, on numbers, what a ``symopt.ops`` function builds as an expression.
NUMPY_FORMS = {"sum": "numpy.sum(x, axis, keepdims=True)", "mean": "numpy.mean(x, axis, keepdims=True)",
               "tanh": "numpy.tanh(x)", "exp": "numpy.exp(x)", "log": "numpy.log(x)", "sqrt": "numpy.sqrt(x)",
               "abs": "numpy.abs(x)", "square": "numpy.square(x)", "power": "numpy.power(x, p)",
               "relu": "numpy.maximum(x, 0)", "hadamard": "a * b"}


def symbolic_operands(build):
    """``build`` refusing arrays and lists (anything with ``__array__`` that is not SymPy's, of one or more entries):
    ``symopt.ops`` builds expressions of symbols, and ``mean`` of an array handed it back unchanged (a learner's
    ``ops.mean(predicted == labels)`` was the boolean array, not the accuracy)."""
    name = build.__name__
    build = refusing_unknown_keywords(build, advice=OPS_ADVICE, name=f"symopt.ops.{name}")  # dim=, keepdims= (P30-3)

    @functools.wraps(build)
    def checked(*operands, **options):
        for position, operand in enumerate(operands, start=1):
            if _numbers(operand):
                shape = tuple(numpy.shape(operand))
                numbers = NUMPY_FORMS.get(name, f"symopt.evaluate(symopt.ops.{name}(X), {{X: array}})")
                raise UnsupportedOperationError(
                    f"symopt.ops.{name}: operand {position} is a {type(operand).__name__} of shape {shape}, where a "
                    f"symbolic expression is expected (ops build expressions of symbols, they compute nothing). For "
                    f"numbers use {numbers}; to make it part of a model, make it a symopt.Placeholder('M', {shape}) "
                    "and feed the array when evaluating (a symopt.Variable if it is a parameter).")
        return build(*operands, **options)
    return checked


def _numbers(operand) -> bool:
    if isinstance(operand, (list, tuple)):
        return True
    symbolic = isinstance(operand, (sympy.Basic, sympy.MatrixBase))  # sympy.Matrix: an explicit constant matrix
    return hasattr(operand, "__array__") and not symbolic and numpy.ndim(operand) > 0


def _explicit_immutable(factors) -> list:
    """A ``sympy.Matrix`` operand (a constant mask, a rotation) as the ``ImmutableMatrix`` expressions take."""
    return [sympy.ImmutableMatrix(f) if isinstance(f, sympy.MatrixBase) else f for f in factors]


@symbolic_operands
def matmul(*factors):
    r"""The matrix product :math:`A B \cdots` (``A @ B @ ...``), every two neighbouring factors checked as ``@``
    checks them (:class:`~symopt.errors.ShapeError` naming both shapes); scalar factors scale it."""
    factors = _explicit_immutable(factors)
    check_factors(*factors)  # also before guard_matrix_expressions() makes it MatMul's own check (plain SymPy symbols)
    return nodes.matmul(*factors)


@symbolic_operands
def hadamard(*factors):
    r"""The elementwise product :math:`A \circ B \circ \dots` of matrix expressions of one shape (the same
    sizes, the batch size :math:`m` against a number refused as :math:`m` against 3 would be)."""
    factors = _explicit_immutable(factors)
    for position, factor in enumerate(factors, start=1):
        if not is_matrix(factor):
            raise ShapeError(f"symopt.ops.hadamard: factor {position} is the scalar {factor}, where a matrix is "
                             "expected: scale with * instead (c * z).")
    for position, factor in enumerate(factors[1:], start=2):
        if tuple(factor.shape) != tuple(factors[0].shape):
            raise ShapeError(
                f"symopt.ops.hadamard: factor {position}, {named(factor)}, and factor 1, {named(factors[0])}, "
                "differ in shape; the entrywise product needs one shape. Transpose one factor with .T, or use "
                "symopt.ops.bias_add(z, b) for a row or column added to every row or column.")
    return nodes.hadamard(*factors)


def _lift(function):
    def apply(x):
        return elementwise(function, x) if is_matrix(x) else function(x)
    apply.__name__ = apply.__qualname__ = {"Abs": "abs"}.get(function.__name__, function.__name__)
    apply.__doc__ = f"Elementwise ``{apply.__name__}`` of a matrix, or of a scalar."
    return symbolic_operands(apply)


sigmoid = _lift(functions.sigmoid)
tanh = _lift(sympy.tanh)
relu = _lift(functions.relu)
softplus = _lift(functions.softplus)
exp = _lift(sympy.exp)
log = _lift(sympy.log)
sqrt = _lift(sympy.sqrt)
abs = _lift(sympy.Abs)  # noqa: A001


@symbolic_operands
def leaky_relu(x, slope=0.2):
    """Elementwise leaky ReLU: :math:`x` where :math:`x > 0`, else :math:`a x` (:func:`symopt.functions.leaky_relu`)."""
    return elementwise(lambda v: functions.leaky_relu(v, slope), x) if is_matrix(x) else functions.leaky_relu(x, slope)


@symbolic_operands
def square(x):
    """Elementwise :math:`x^2`."""
    return nodes.power(x, 2) if is_matrix(x) else x ** 2


@symbolic_operands
def power(x, exponent):
    r"""Elementwise :math:`x^p` (NumPy's ``x**p``): every entry of a matrix raised to ``exponent``, or a scalar's
    power.  (On a matrix, ``**`` is SymPy's matrix power :math:`S S \cdots S`, for square matrices only.)  A matrix
    ``exponent`` of a matrix ``x`` pairs with it entry by entry, so it needs ``x``'s shape (NumPy would broadcast
    ``(m, 1)`` against ``(1, m)`` to an m x m matrix); of a scalar ``x`` (``power(2, W)``) it is refused, naming
    ``ops.exp`` and ``applyfunc``."""
    if is_matrix(exponent) and is_matrix(x) and tuple(exponent.shape) != tuple(x.shape):  # a number base: below
        transposed = tuple(exponent.shape) == tuple(reversed(x.shape))
        fix = "Transpose one of them with .T" if transposed else "Give them one shape"
        raise ShapeError(f"symopt.ops.power: the exponent {named(exponent)} and the base {named(x)} differ in shape; "
                         f"an entrywise power needs one shape (a scalar exponent raises every entry). {fix}.")
    return nodes.power(x, exponent) if is_matrix(x) else x ** exponent


@functools.partial(refusing_unknown_keywords, advice=OPS_ADVICE, name="symopt.ops.bias_add")
def bias_add(z, b):
    r"""``z + b`` broadcast: a column ``b`` (n, 1) over the columns of ``z`` (n, m), a row (1, n) over its rows,
    or a scalar ``b`` (the course's logistic regression, :math:`Z = w^\top X + b`) over every entry,
    :math:`b \mathbb{1}`; a ``b`` of one entry (declared ``(1,)`` or ``(1, 1)``) is added to every entry too, as
    NumPy's ``z + b``.

    A rank-1 ``b`` (declared ``(n,)``) runs along the one axis of ``z`` of length n: over the rows of ``z`` (m, n) as
    NumPy's ``z + b``, over the columns of ``z`` (n, m); a square ``z`` (n, n), where the two readings differ, is
    refused naming the 2-D shapes to declare."""
    if not is_matrix(z):
        if is_matrix(b):
            raise ShapeError(f"bias_add: expected a matrix z for the matrix bias of shape {tuple(b.shape)}; given "
                             f"the scalar z = {z}. Add scalars with z + b.")
        return z + b
    rows, cols = z.shape
    if not is_matrix(b):
        return matadd(z, scale(_scalar_bias(b, z.shape), OneMatrix(rows, cols)))
    if b.shape == (1, 1) and rows != 1 and cols != 1:  # b of shape (1,) or (1, 1): NumPy adds it to every entry
        return matadd(z, nodes.matmul(nodes.matmul(OneMatrix(rows, 1), b), OneMatrix(1, cols)))
    if len(shape_of(b)) == 1:
        return _rank_one_bias(z, b)
    if b.shape == (rows, 1) and cols != 1:
        return matadd(z, nodes.matmul(b, OneMatrix(1, cols)))
    if b.shape == (1, cols) and rows != 1:
        return matadd(z, nodes.matmul(OneMatrix(rows, 1), b))
    if b.shape == z.shape:
        return matadd(z, b)
    raise ShapeError(f"bias_add: expected a bias of shape ({rows}, 1), (1, {cols}) or {tuple(z.shape)} for z of shape "
                     f"{tuple(z.shape)}; given a bias of shape {tuple(b.shape)}. Transpose the bias (b.T) or check "
                     "which dimension it runs along.")


def _rank_one_bias(z, b):
    """``z`` plus the rank-1 bias ``b`` (declared ``(n,)``, an (n, 1) column inside), along the one axis of ``z`` of
    length n: a row over the rows of ``z`` (m, n), NumPy's ``z + b``; a column over the columns of ``z`` (n, m),
    examples as columns.  A square ``z`` (n, n) fits both, and NumPy adds per row where the column reading adds per
    column: refused, as is a ``z`` with no axis of length n."""
    n, (rows, cols) = b.shape[0], z.shape
    if cols == n and rows != n:
        return matadd(z, nodes.matmul(OneMatrix(rows, 1), transpose(b)))
    if rows == n and cols != n:
        return matadd(z, nodes.matmul(b, OneMatrix(1, cols)))
    if rows == cols == n == 1:  # one number: both readings are the same
        return matadd(z, b)
    declared = f"bias_add: {b} was declared with the rank-1 shape ({n},) and z = {named(z)}"
    if rows == n:
        raise ShapeError(f"{declared} is square, so {b} could run along either axis (NumPy's z + b adds it to every "
                         f"row). Declare {b} with shape (1, {n}) for a bias added to every row (NumPy's z + b), or "
                         f"({n}, 1) for one added to every column.")
    raise ShapeError(f"{declared} has no axis of length {n}: expected z with {n} columns (a bias added to every row, "
                     f"NumPy's z + b) or {n} rows (examples as columns). Check which dimension {b} runs along.")


def _scalar(value):
    """``value`` as a commutative SymPy scalar, or None (a string is never parsed)."""
    try:
        scalar = sympy.sympify(value, strict=True)
    except (sympy.SympifyError, TypeError):
        return None
    return scalar if isinstance(scalar, sympy.Expr) and scalar.is_commutative else None


def _scalar_bias(b, shape):
    """``b`` as a SymPy scalar, or a :class:`ShapeError`."""
    scalar = _scalar(b)
    if scalar is None:
        raise ShapeError(f"bias_add: expected a bias of shape ({shape[0]}, 1), (1, {shape[1]}), {tuple(shape)} or a "
                         f"scalar for z of shape {tuple(shape)}; given {type(b).__name__} {b!r}. Pass a symopt "
                         "Variable or a number.")
    return scalar


@symbolic_operands
def sum(x, axis=None):  # noqa: A001
    r""":math:`\sum_{ij} x_{ij}` (axis None, a scalar), column sums (axis 0 or -2, shape (1, n)) or row sums
    (axis 1 or -1, shape (m, 1)).  A rank-1 ``x`` (declared ``(n,)``) has one axis, as in NumPy: ``0`` and ``-1``
    both sum its n entries (a 1 x 1 matrix); ``1`` and ``-2`` are refused."""
    if not is_matrix(x):
        return x
    rows, cols = x.shape
    if axis is None:
        return ElementSum(x)
    if _operand_axis(x, axis, "sum") == 0:
        return nodes.matmul(OneMatrix(1, rows), x)
    return nodes.matmul(x, OneMatrix(cols, 1))


@symbolic_operands
def mean(x, axis=None):
    """Mean over everything (a scalar) or along one axis (dimensions kept; a rank-1 ``x``'s one axis is ``0`` or
    ``-1``, as in NumPy)."""
    if not is_matrix(x):
        return x
    rows, cols = x.shape
    axis = None if axis is None else _operand_axis(x, axis, "mean")
    count = rows * cols if axis is None else (rows if axis == 0 else cols)
    total = sum(x, axis)
    return total / count if axis is None else scale(1 / count, total)


def _spread(reduced, like, axis):
    rows, cols = like.shape
    return nodes.matmul(OneMatrix(rows, 1), reduced) if axis == 0 else nodes.matmul(reduced, OneMatrix(1, cols))


def _operand_axis(x, axis, name: str) -> int:
    """:func:`~symopt.reductions.operand_axis`, and ``axis=-1`` of a column of n > 1 entries refused: NumPy's last axis
    of a 1-D array is its entries, but an expression built from a rank-1 parameter is the column (n, 1), whose last
    axis holds one entry (``ops.sum(2 * z, axis=-1)`` would hand back ``2 * z``: final39a F39a-2)."""
    internal = operand_axis(x, axis, name)
    rows, cols = (sympy.sympify(d) for d in x.shape)
    if not rank_one(x) and int(axis) == -1 and cols == 1 and rows.is_Integer and rows > 1:
        raise ShapeError(f"{name} of {short(x)} (shape ({rows}, 1)) along axis -1: that axis holds one entry, so the "
                         f"{name} would run over each entry alone. A rank-1 parameter (n,) is the column (n, 1) inside the "
                         f"expressions built from it: pass axis=0 for its {rows} entries (axis=1 if one entry per "
                         "row is meant).")
    return internal


def _classes_axis(z, axis, name: str) -> int:
    """``axis`` as 0 or 1.  Left out (None) it is the last axis, which is refused when that is the batch dimension
    while the other axis holds several classes: with examples as columns it would normalise over the examples.
    A rank-1 ``z`` (declared ``(n,)``) runs over its n entries, as every library's softmax of a 1-D vector does; a
    column (n, 1) built from one is refused (its last axis holds one entry, so the softmax would be identically 1).
    A given axis is taken as written (a softmax over a ranked list of rows is meant)."""
    if axis is not None or rank_one(z):
        return _operand_axis(z, 0 if axis is None else axis, name)
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
    return matadd(z, scale(-1, _spread(LogSumExp(z, axis), z, axis)))


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
    label = _scalar(labels)
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


@symbolic_operands
def l2_penalty(*weights):
    r""":math:`\tfrac12 \sum \|W\|^2` over the given matrices."""
    return sympy.Add(*(ElementSum(nodes.power(w, 2)) if is_matrix(w) else w ** 2 for w in weights)) / 2
