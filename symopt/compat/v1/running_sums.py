r"""``tf.cumsum`` as TF1's kernel computes it: a running sum along an axis, each entry the previous sum plus the
next term, left to right (right to left with ``reverse``), so a float32 entry has TF1's digits even where terms
cancel (``tf.cumsum([1e8, 1, -1e8, 1])`` ends in 1.0; a product with a triangle of ones summed each entry in
another order and gave 0.0: probe18 G20).

:class:`RunningSum` prints NumPy's ``cumsum`` (``numpy.add.accumulate``, a sequential sum), with the input shifted
by one entry for ``exclusive`` and flipped for ``reverse``; its adjoint is TF1's ``_CumsumGrad``, the running sum of
the incoming gradient in the other direction, :math:`\bar X = \mathrm{cumsum}(G, \text{reverse} = \lnot r)`.
"""

from __future__ import annotations

import sympy
from sympy import MatrixExpr

from ...nodes import AxisReduction

__all__ = ["RunningSum", "running_sum_adjoint", "RUNNING_SUM_RULES"]


class RunningSum(AxisReduction):
    r"""The running sums of ``matrix`` along ``axis`` (0: down the rows, 1: along each row), :math:`S_i = S_{i-1} +
    X_i`; ``exclusive``: :math:`S_i` leaves :math:`X_i` out (the first is 0); ``reverse``: summed from the end."""

    def __new__(cls, matrix, axis, exclusive=False, reverse=False):
        return MatrixExpr.__new__(cls, matrix, sympy.Integer(int(axis)), sympy.Integer(int(bool(exclusive))),
                                  sympy.Integer(int(bool(reverse))))

    @property
    def exclusive(self) -> bool:
        return bool(self.args[2])

    @property
    def reverse(self) -> bool:
        return bool(self.args[3])

    @property
    def shape(self):
        return self.matrix.shape  # not reduced: one running sum per entry

    def _symopt_code(self, printer) -> str:
        axis, code = self.axis, printer._print(self.matrix)
        if self.reverse:
            code = f"numpy.flip({code}, {axis})"
        if self.exclusive:  # one zero first and the last entry dropped: S_i = X_0 + ... + X_(i-1), added in order
            padding = "((1, 0), (0, 0))" if axis == 0 else "((0, 0), (1, 0))"
            code = f"numpy.pad({code}, {padding})[{':-1' if axis == 0 else ':, :-1'}]"
        code = f"numpy.cumsum({code}, axis={axis})"
        return f"numpy.flip({code}, {axis})" if self.reverse else code

    _numpycode = _symopt_code

    def _sympystr(self, printer) -> str:
        options = "".join(f", {name}=True" for name in ("exclusive", "reverse") if getattr(self, name))
        return f"cumsum({printer._print(self.matrix)}, axis={self.axis}{options})"

    def _latex(self, printer) -> str:
        return r"\operatorname{cumsum}_{%d}\left(%s\right)" % (self.axis, printer._print(self.matrix))


def running_sum_adjoint(node: RunningSum, adjoint) -> list:
    """TF1's ``_CumsumGrad``: the running sum of ``adjoint`` along the axis, in the other direction."""
    return [(node.matrix, RunningSum(adjoint, node.axis, node.exclusive, not node.reverse))]


#: The adjoint rule of the running sum (:func:`~symopt.compat.v1.kernel_functions.kernel_rules`).
RUNNING_SUM_RULES = {RunningSum: running_sum_adjoint}
