r"""A matrix whose gradient passes only where a mask holds: :class:`GradientMask` is printed as the matrix itself (no
work at run time) and its adjoint is :math:`\operatorname{select}(M, G, 0)`.  ``tf.maximum(x, c)`` of a constant
``c`` is ``select(x < c, c, x)`` with ``x`` masked by ``x == x``: the value is TF1's (NaN where ``x`` is NaN) in one
choice, and the gradient is TF1's ``MaximumGrad`` (to ``x`` where ``x >= c``, none where ``x`` is NaN) (review6
R6-8: the general form built a ones matrix, two masks and a second choice at every step).
"""

from __future__ import annotations

from sympy import MatrixExpr

from ...stable import Select

__all__ = ["GradientMask", "gradient_mask_adjoint", "GRADIENT_MASK_RULES"]


class GradientMask(MatrixExpr):
    """``matrix``, whose gradient passes where ``mask`` is nonzero (NaN counts as nonzero, as ``select`` reads it)."""

    def __new__(cls, matrix, mask):
        return MatrixExpr.__new__(cls, matrix, mask)

    @property
    def shape(self):
        return self.args[0].shape

    def _symopt_code(self, printer) -> str:
        return f"({printer._print(self.args[0])})"

    _numpycode = _symopt_code

    def _sympystr(self, printer) -> str:
        return printer._print(self.args[0])

    def _latex(self, printer) -> str:
        return printer._print(self.args[0])


def gradient_mask_adjoint(node: GradientMask, adjoint) -> list:
    """:math:`\\bar X = \\operatorname{select}(M, G, 0)`: the gradient where the mask holds."""
    return [(node.args[0], Select(node.args[1], adjoint, 0))]


#: The adjoint rule of the mask (:func:`~symopt.compat.v1.kernel_functions.kernel_rules`).
GRADIENT_MASK_RULES = {GradientMask: gradient_mask_adjoint}
