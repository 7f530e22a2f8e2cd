r"""Which weights a training step keeps column-major, and the gradient products that go with them.

A weight :math:`W` (:math:`n \times k`, both sizes above 1) read as the right factor of a product,
:math:`Z = A W`, has the gradient :math:`\partial J / \partial W = A^T \Delta`.  :func:`column_major_gradients`
writes that gradient :math:`(\Delta^T A)^T`: the same sums, handed to the BLAS the other way round, whose result
is column-major (Fortran order).  The run then keeps :math:`W` and its optimizer slots column-major as well
(:meth:`symopt.fused.CompiledStep.arranged`), so the forward product :math:`A W` reads :math:`W` as the BLAS's
transposed operand and every elementwise pass of the update (Adam's twelve) reads the gradient, :math:`W` and
its slots in memory order.

Why: with OpenBLAS both products run faster that way round (the MLP of ``benchmarks/compare.py``, batch 256:
:math:`A_0 W_1` 2.43 → 2.20 ms, :math:`A_0^T \Delta_1` 2.41 → 2.07 ms; ``docs/models.md``'s layout table).
The sums are equal to rounding, not always bit for bit: the BLAS may block a product's inner dimension otherwise
when the operands swap roles.
"""

from __future__ import annotations

from typing import Sequence

import sympy

from .matrix_shapes import is_matrix

__all__ = ["column_major_gradients"]


def _weight_gradient_factors(parameter, gradient):
    r"""``(A, Δ)`` when ``gradient`` is :math:`A^T \Delta` for a weight ``parameter`` with both sizes above 1,
    else ``None``."""
    if not (is_matrix(parameter) and all(size.is_Integer and size > 1 for size in parameter.shape)):
        return None
    if isinstance(gradient, sympy.MatMul) and len(gradient.args) == 2 and isinstance(gradient.args[0], sympy.Transpose):
        return gradient.args[0].arg, gradient.args[1]
    return None


def column_major_gradients(parameters: Sequence, gradients: Sequence) -> tuple[list, tuple]:
    r"""``(gradients, chosen)``: each weight gradient :math:`A^T \Delta` rewritten :math:`(\Delta^T A)^T`
    (an unevaluated :class:`~sympy.Transpose`, printed ``(D.T @ A).T``), and the indexes of those parameters,
    which the run keeps column-major.  Other gradients are returned as given."""
    rewritten, chosen = [], []
    for index, (parameter, gradient) in enumerate(zip(parameters, gradients)):
        factors = _weight_gradient_factors(parameter, gradient)
        if factors is None:
            rewritten.append(gradient)
            continue
        a, delta = factors
        rewritten.append(sympy.Transpose(sympy.MatMul(sympy.Transpose(delta), a)))
        chosen.append(index)
    return rewritten, tuple(chosen)
