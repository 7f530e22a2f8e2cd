r"""The two nodes of ``tf.nn.top_k`` (:mod:`.top_k`), which print NumPy's stable sort of :math:`-X` along the rows:
:class:`TopKIndices` ``numpy.argsort(-X, axis=1, kind="stable")[:, :k]`` and :class:`TopKValues` the entries at
those indices; and :data:`TOP_K_RULES`, their gradient rule in TF1's gradients (:func:`.kernel_functions.tf1_rules`):
a refusal that speaks TF1, where the core's names SymPy functions and symopt's rule tables (probe15 Y5).
"""

from __future__ import annotations

from sympy import Integer
from sympy.matrices.expressions.matexpr import MatrixExpr

from ...errors import UnsupportedOperationError

__all__ = ["RowsTopK", "TopKValues", "TopKIndices", "TOP_K_RULES"]


class RowsTopK(MatrixExpr):
    """The first ``k`` entries of each row of a matrix in descending order (base of the two outputs)."""

    def __new__(cls, matrix, k):
        return MatrixExpr.__new__(cls, matrix, Integer(k))

    @property
    def shape(self):
        return (self.args[0].shape[0], self.args[1])

    def _order(self, printer) -> str:
        return f"numpy.argsort(-({printer._print(self.args[0])}), axis=1, kind='stable')[:, :{int(self.args[1])}]"

    def _latex(self, printer) -> str:
        return r"\operatorname{%s}_{%d}\left(%s\right)" % (self.label, int(self.args[1]), printer._print(self.args[0]))

    def _sympystr(self, printer) -> str:
        return f"{self.label}_{int(self.args[1])}({printer._print(self.args[0])})"


class TopKValues(RowsTopK):
    """:math:`\\operatorname{topk}_k(X)`: each row's ``k`` largest entries, largest first."""

    label = "topk"

    def _symopt_code(self, printer) -> str:
        return f"numpy.take_along_axis({printer._print(self.args[0])}, {self._order(printer)}, axis=1)"

    _numpycode = _symopt_code


class TopKIndices(RowsTopK):
    """:math:`\\operatorname{argtopk}_k(X)`: the column indices of each row's ``k`` largest entries."""

    label = "argtopk"

    def _symopt_code(self, printer) -> str:
        dtype = getattr(printer, "dtype", "float64")
        return f"{self._order(printer)}.astype({dtype!r})"

    _numpycode = _symopt_code


def no_top_k_gradient(node, adjoint) -> list:
    """The gradient rule of ``tf.nn.top_k``'s outputs in TF1's gradients: a typed refusal naming what runs."""
    raise UnsupportedOperationError(
        "tf.nn.top_k has no gradient in symopt.compat.v1: its values and indices can be fetched, not "
        "differentiated; for k = 1 take tf.reduce_max(x, axis=-1), which has TF1's gradient, or keep top_k out of "
        "the loss (tf.stop_gradient(tf.nn.top_k(x, k).values))")


#: ``tf.nn.top_k``'s nodes -> their gradient rule (a refusal), for :func:`.kernel_functions.kernel_rules`.
TOP_K_RULES = {RowsTopK: no_top_k_gradient}
