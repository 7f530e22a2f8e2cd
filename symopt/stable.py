r"""Classification losses as single nodes computed the way TF1's kernels compute them.

Written out as SymPy algebra, :math:`\mathrm{softplus}(z) - yz` and :math:`z - \mathrm{LSE}(z)`
cancel catastrophically for confident examples in float32 (``softplus(17) - 17`` is ``0.0``; the
loss of logits ``[0, 0, 12]`` is 1 % off).  These nodes print one runtime call each
(:mod:`symopt.runtime`), so the generated code evaluates TF1's stable formula:

=======================  ===============================================================  ================================================
node                     value (:math:`s = z - \max z` along ``axis``)                     adjoint of :math:`G`
=======================  ===============================================================  ================================================
:class:`LogisticLoss`    :math:`\max(z,0) - zy + \log(1 + e^{-|z|})` entrywise            :math:`G \circ ((1-y)\sigma(z) - y\sigma(-z))` to :math:`z`, :math:`-G \circ z` to :math:`y`
:class:`Softmax`         :math:`e^{s} / \sum e^{s}`                                       :math:`S \circ (G - \sum (G \circ S))`
:class:`LogSoftmax`      :math:`s - \log \sum e^{s}`                                      :math:`G - S \circ \sum G`
=======================  ===============================================================  ================================================

The sums run along ``axis`` and are spread back over it; :math:`S` is the :class:`Softmax` of the same
logits.  The gradients are the exact ones (:math:`\sigma(z) - y`, :math:`S\sum_k y_k - y`).  The adjoint
functions are entries of :data:`symopt.calculus.ADJOINT_RULES`.
"""

from __future__ import annotations

from sympy import Basic, Dummy, HadamardProduct, Lambda, MatrixExpr, OneMatrix, sympify

from .traversal import free_symbols, nodes_of_type, substitute
from .errors import ShapeError
from .functions import sigmoid, softplus, stop_gradient
from .nodes import AxisReduction, Elementwise, ElementSum, elementwise, hadamard, matadd, matmul, scale, transpose
from .reductions import matrix_axis

__all__ = ["LogisticLoss", "Softmax", "LogSoftmax", "Select", "KernelCrossEntropy", "logistic_loss_adjoint",
           "softmax_adjoint", "log_softmax_adjoint", "select_adjoint", "kernel_cross_entropy_adjoint", "written_out",
           "one_label"]


class _RuntimeCall(MatrixExpr):
    """A node printed as one call of a :mod:`symopt.runtime` function (the same name on every backend)."""

    runtime_name = ""

    @property
    def shape(self):
        return self.args[0].shape

    def _call_arguments(self, printer) -> list[str]:
        return [printer._print(a) for a in self.args]

    def _symopt_code(self, printer) -> str:
        return f"{self.runtime_name}({', '.join(self._call_arguments(printer))})"

    def _numpycode(self, printer) -> str:  # SymPy's NumPyPrinter looks this name up (see reductions._SelfPrinting)
        return self._symopt_code(printer)

    def _sympystr(self, printer) -> str:
        return self._symopt_code(printer)


class LogisticLoss(_RuntimeCall):
    r"""Entrywise :math:`\mathrm{softplus}(z) - yz` (TF1's ``sigmoid_cross_entropy_with_logits``), computed as
    :math:`\max(z,0) - zy + \log(1 + e^{-|z|})`: ``logistic_loss(17, 1)`` is 4.1399378e-08 in float32, not 0."""

    runtime_name = "logistic_loss"

    def __new__(cls, logits, labels):
        if tuple(logits.shape) != tuple(labels.shape):
            raise ShapeError(f"LogisticLoss: logits and labels must have one shape; given {logits.shape} and "
                             f"{labels.shape}")
        return MatrixExpr.__new__(cls, logits, labels)

    def _latex(self, printer):
        z, y = (printer._print(a) for a in self.args)
        return r"\operatorname{softplus}\left(%s\right) - %s \circ %s" % (z, y, z)


class Select(_RuntimeCall):
    r"""Entrywise ``on`` where ``mask`` is nonzero, else ``off`` (``numpy.where``; TF1's ``Maximum``, ``Minimum`` and
    clipping choose this way): an exact choice, infinities included, where ``on∘mask + off∘(1 - mask)`` is NaN
    wherever the operand not chosen is infinite.  ``mask`` is a matrix read as nonzero or not (NaN is nonzero, as in
    TF1's SqrtGrad ``dy != 0``) that takes no gradient; either operand may be a scalar.  Adjoint:
    :math:`\operatorname{select}(M, G, 0)` to ``on``, :math:`\operatorname{select}(M, 0, G)` to ``off`` (summed for a
    scalar), TF1's ``where(c, g, 0)``."""

    runtime_name = "select"

    def __new__(cls, mask, on, off):
        for operand in (on, off):
            if getattr(operand, "is_Matrix", False) and tuple(operand.shape) != tuple(mask.shape):
                raise ShapeError(f"Select: an operand of shape {operand.shape} for a mask of shape {mask.shape}")
        return MatrixExpr.__new__(cls, mask, sympify(on), sympify(off))


class _AlongAxis(_RuntimeCall, AxisReduction):
    """A function along ``axis`` with the shape of its matrix (``matrix`` and ``axis`` as a reduction has them)."""

    def __new__(cls, matrix, axis=-1):
        return AxisReduction.__new__(cls, matrix, matrix_axis(axis, cls.runtime_name))

    def _call_arguments(self, printer) -> list[str]:
        return [printer._print(self.matrix), f"axis={self.axis}"]

    def _latex(self, printer):
        return r"\operatorname{%s}_{%d}\left(%s\right)" % (self.runtime_name.replace("_", r"\_"), self.axis,
                                                          printer._print(self.matrix))


class Softmax(_AlongAxis):
    r""":math:`e^{s}/\sum e^{s}` with :math:`s = z - \max z` along ``axis`` (TF1's ``Softmax`` kernel)."""

    runtime_name = "softmax"


class LogSoftmax(_AlongAxis):
    r""":math:`s - \log\sum e^{s}` with :math:`s = z - \max z` along ``axis`` (TF1's ``LogSoftmax`` kernel; the
    softmax cross-entropy is :math:`-\sum y \circ` this, the subtraction TF1's loss kernel does)."""

    runtime_name = "log_softmax"


class KernelCrossEntropy(MatrixExpr):
    r"""TF1's ``SoftmaxCrossEntropyWithLogits``: the per-example losses (a column, the first argument, printed as
    it is) of ``logits`` and ``labels`` with the classes along ``axis``, whose gradient is the kernel's backprop
    :math:`\mathrm{softmax}(z) - y` whatever the labels' row sums (the exact one is
    :math:`S\,\mathrm{softmax}(z) - y`): :math:`\bar z = \bar G \circ (\mathrm{softmax}(z) - y)`,
    :math:`\bar y = -\bar G \circ \log\mathrm{softmax}(z)`, :math:`\bar G` spread along the classes."""

    def __new__(cls, losses, logits, labels, axis: int):
        return MatrixExpr.__new__(cls, losses, logits, labels, sympify(axis))

    @property
    def shape(self):
        return self.args[0].shape

    def _symopt_code(self, printer) -> str:
        return printer._print(self.args[0])

    def _numpycode(self, printer) -> str:
        return self._symopt_code(printer)

    def _sympystr(self, printer) -> str:
        return self._symopt_code(printer)


def _spread_sum(matrix, axis: int):
    """:math:`\\sum` of ``matrix`` along ``axis``, repeated along it (the shape of ``matrix``)."""
    rows, cols = matrix.shape
    if axis == 0:
        return matmul(OneMatrix(rows, rows), matrix)
    return matmul(matrix, OneMatrix(cols, cols))


def logistic_loss_adjoint(node: LogisticLoss, adjoint):
    r"""To the logits :math:`G \circ (\sigma(z) - y)`, computed as :math:`(1 - y)\,\sigma(z) - y\,\sigma(-z)`: each
    :math:`\sigma` is accurate in its small tail, where :math:`\sigma(z) - 1` is 0 once :math:`\sigma(z)` rounds to
    1 (from z = 17 in float32: a confidently right positive example had no gradient; probe33 P33-3).  To the labels
    :math:`-G \circ z`."""
    logits, labels = node.args
    label = one_label(labels)
    if label is not None:  # one label c for every entry: (1 - c)σ(z) - cσ(-z), a term of 0 left out
        slope = matadd(*(scale(coefficient, elementwise(function, logits)) for coefficient, function in
                         ((1 - label, sigmoid), (-label, lambda entry: sigmoid(-entry))) if coefficient != 0))
    else:
        slope = matadd(hadamard(matadd(OneMatrix(*logits.shape), scale(-1, labels)), elementwise(sigmoid, logits)),
                       scale(-1, hadamard(labels, elementwise(lambda entry: sigmoid(-entry), logits))))
    return [(logits, hadamard(adjoint, slope)),
            (labels, scale(-1, hadamard(adjoint, logits)))]


def softmax_adjoint(node: Softmax, adjoint):
    weighted = hadamard(adjoint, node)
    return [(node.matrix, hadamard(node, matadd(adjoint, scale(-1, _spread_sum(weighted, node.axis)))))]


def select_adjoint(node: Select, adjoint):
    mask, on, off = node.args
    contributions = []
    for operand, share in ((on, Select(mask, adjoint, 0)), (off, Select(mask, 0, adjoint))):
        if free_symbols([operand]):  # (each shared node once) TF1's _SelectGrad: a choice, so an infinite G not chosen gives 0, never 0 * inf
            contributions.append((operand, share if getattr(operand, "is_Matrix", False) else ElementSum(share)))
    return contributions


def log_softmax_adjoint(node: LogSoftmax, adjoint):
    probabilities = Softmax(node.matrix, node.axis)
    return [(node.matrix, matadd(adjoint, scale(-1, hadamard(probabilities, _spread_sum(adjoint, node.axis)))))]


def kernel_cross_entropy_adjoint(node: KernelCrossEntropy, adjoint):
    _, logits, labels, axis = node.args
    rows, cols = logits.shape
    spread = matmul(adjoint, OneMatrix(1, cols)) if axis == 1 else matmul(OneMatrix(rows, 1), adjoint.T)
    backprop = matadd(Softmax(logits, axis), scale(-1, labels))
    # times the spread adjoint before any product reads it, as TF1 multiplies (a uniform 1/m stays inside X.T @ .)
    return [(logits, HadamardProduct(spread, backprop)),
            (labels, scale(-1, hadamard(spread, LogSoftmax(logits, axis))))]


def written_out(expr):
    r"""``expr`` with each :class:`LogisticLoss` written as the function it computes, :math:`\mathrm{softplus}(z) -
    y \circ z` (a sum over labels :math:`c\mathbf 1` as :math:`\sum \mathrm{softplus}(z) - c \sum z`): the course's
    :math:`L(z, y)`, which ``derive``, ``explain`` and ``graph`` show and recognise; the generated code computes the
    node.  Each :class:`KernelCrossEntropy` is written as its losses plus :func:`kernel_zero` (the form the
    displays showed before the node, whose gradient is the kernel's too)."""
    losses = nodes_of_type(expr, LogisticLoss) if isinstance(expr, Basic) else ()
    kernels = nodes_of_type(expr, KernelCrossEntropy) if isinstance(expr, Basic) else ()
    if not losses and not kernels:
        return expr
    formulas = {kernel: matadd(kernel.args[0], kernel_zero(*kernel.args[1:])) for kernel in kernels}
    for total in nodes_of_type(expr, ElementSum):
        if not isinstance(total.matrix, LogisticLoss):
            continue
        logits, labels = total.matrix.args
        label = one_label(labels)
        if label is not None:
            formulas[total] = ElementSum(_softplus(logits)) - label * ElementSum(logits)
    for loss in losses:
        logits, labels = loss.args
        formulas.setdefault(loss, matadd(_softplus(logits), scale(-1, hadamard(labels, logits))))
    return substitute([expr], formulas)[0]


def kernel_zero(logits, labels, axis):
    r"""The column :math:`(1 - S) \circ (T - \operatorname{sg}(T))` of one entry per example, 0 in value, with
    :math:`S = \sum_k y_k` and :math:`T = \frac1k \sum_k (z - \log\mathrm{softmax}(z))_k = \log\sum_k e^{z_k}`:
    added to the losses :math:`-\sum_k y_k \log\mathrm{softmax}(z)_k` (gradient :math:`S\,\mathrm{softmax}(z)
    - y`) it makes their gradient the kernel's :math:`\mathrm{softmax}(z) - y`."""
    count = logits.shape[int(axis)]
    shifted = matadd(logits, scale(-1, LogSoftmax(logits, int(axis))))
    log_sum_exp = scale(sympify(1) / count, _class_sum(shifted, int(axis)))
    held = matadd(log_sum_exp, scale(-1, elementwise(stop_gradient, log_sum_exp)))
    missing = matadd(OneMatrix(*held.shape), scale(-1, _class_sum(labels, int(axis))))
    return hadamard(missing, held)


def _class_sum(matrix, axis: int):
    """The column of ``matrix``'s sums along the class ``axis``, one entry per example."""
    rows, cols = matrix.shape
    return matmul(matrix, OneMatrix(cols, 1)) if axis == 1 else transpose(matmul(OneMatrix(1, rows), matrix))


#: The entry of :func:`_softplus`'s map: one bound variable, so the loss written out twice is one expression.
_ENTRY = Dummy("x", real=True)


def _softplus(logits):
    """``softplus.(logits)``, the map :func:`symopt.ops.softplus` builds."""
    return Elementwise(Lambda(_ENTRY, softplus(_ENTRY)), logits)


def one_label(labels):
    r"""``c`` of labels :math:`c\mathbf 1` (``ops.sigmoid_cross_entropy(z, c)``), else None."""
    if isinstance(labels, OneMatrix):
        return 1
    if not labels.is_MatMul:
        return None
    coefficient, matrices = labels.as_coeff_matrices()
    return coefficient if len(matrices) == 1 and isinstance(matrices[0], OneMatrix) else None
