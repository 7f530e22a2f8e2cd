r"""The log-softmax and the softmax of the same logits from one exponential: :func:`shared_softmax_pairs`.

A softmax cross-entropy's value reads :math:`\log\mathrm{softmax}(z) = s - \log\sum e^{s}` (:math:`s = z - \max z`
along the classes) and its gradient :math:`\mathrm{softmax}(z) = e^{s}/\sum e^{s}`: two runtime calls, two
:math:`e^{s}` over the batch × classes (probe72 P72-7, P72-13, P72-14).  Where a program needs both, they become the
two parts of one :class:`SoftmaxPair`, the runtime's ``log_softmax_and_softmax`` (TF1's xent kernel: one ``exp``),
whose parts are the same bits as ``log_softmax`` and ``softmax`` computed apart.  The user's expressions, their
derivation and display keep their nodes; only the program's copy changes.

==============================================  ===========================================================
log-softmax forms                               softmax forms
==============================================  ===========================================================
:class:`~symopt.stable.LogSoftmax` (TF1 layer)   :class:`~symopt.stable.Softmax` (TF1 layer)
:math:`z - \mathrm{LSE}(z)` spread (``ops``)     :math:`\exp.(z - \mathrm{LSE}(z))`, the adjoint of ``LSE``
==============================================  ===========================================================
"""

from __future__ import annotations

import sympy
from sympy import MatrixExpr

from .matrix_printing import log_softmax_parts
from .nodes import lambda_parts
from .printed_order import rebuilt_as_written
from .stable import LogSoftmax, Softmax
from .traversal import hash_bottom_up, postorder

__all__ = ["SoftmaxPair", "PairPart", "shared_softmax_pairs"]


class _CallOnLogits(MatrixExpr):
    """A node of the shape of its first argument, printed as ``text`` filled with that argument and the second."""

    text = ""

    @property
    def shape(self):
        return self.args[0].shape

    def _symopt_code(self, printer) -> str:
        return self.text.format(printer._print(self.args[0]), self.args[1])

    def _numpycode(self, printer) -> str:
        return self._symopt_code(printer)

    def _sympystr(self, printer) -> str:
        return self._symopt_code(printer)


class SoftmaxPair(_CallOnLogits):
    """``(log_softmax(z), softmax(z))`` along ``axis`` (arguments ``z, axis``), one runtime call; read through
    :class:`PairPart` (its shape is the logits', the shape of each part)."""

    text = "log_softmax_and_softmax({}, axis={})"


class PairPart(_CallOnLogits):
    """Part ``index`` (arguments ``pair, index``; 0: the log-softmax, 1: the softmax) of a :class:`SoftmaxPair`."""

    text = "{}[{}]"


def _log_softmax_key(node):
    """``(logits, axis)`` of a log-softmax form, else None."""
    if isinstance(node, LogSoftmax):
        return node.matrix, node.axis
    return log_softmax_parts(node) if isinstance(node, sympy.MatAdd) else None


def _softmax_key(node):
    """``(logits, axis)`` of a softmax form, else None."""
    if isinstance(node, Softmax):
        return node.matrix, node.axis
    if isinstance(node, sympy.matrices.expressions.applyfunc.ElementwiseApplyFunction):
        variable, body = lambda_parts(node.function)
        if body == sympy.exp(variable) and isinstance(node.expr, sympy.MatAdd):
            return log_softmax_parts(node.expr)
    return None


def shared_softmax_pairs(outputs: list) -> list:
    """``outputs`` with the log-softmax and the softmax of the same logits (each in any of its forms) read from one
    :class:`SoftmaxPair`; the nodes above them rebuilt in their order
    (:func:`~symopt.printed_order.rebuilt_as_written`)."""
    order = postorder(outputs)
    hash_bottom_up(order)
    forms = {}  # id(node) -> (kind, key)
    for node in order:
        for kind, key in ((0, _log_softmax_key(node)), (1, _softmax_key(node))):
            if key is not None:
                forms[id(node)] = (kind, key)
    paired = {key for kind, key in forms.values() if kind == 0} & {key for kind, key in forms.values() if kind == 1}
    if not paired:
        return outputs
    pairs = {key: SoftmaxPair(key[0], sympy.Integer(key[1])) for key in paired}
    rebuilt: dict = {}  # id(node) -> the node over the pairs, where it differs
    for node in order:
        kind, key = forms.get(id(node), (None, None))
        if key in pairs:
            rebuilt[id(node)] = PairPart(pairs[key], sympy.Integer(kind))
            continue
        result = rebuilt_as_written(node, [rebuilt.get(id(a), a) for a in node.args])
        if result is not node:
            rebuilt[id(node)] = result
    return [rebuilt.get(id(output), output) for output in outputs]
