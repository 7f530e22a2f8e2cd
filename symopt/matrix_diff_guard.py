r"""``sympy.diff(J, W)`` of a scalar cost :math:`J` by a symopt matrix symbol :math:`W`: refused, never a silent 0.

SymPy's matrix calculus returns ``0`` (a ``ZeroMatrix``) for :math:`\partial J / \partial W` whenever :math:`J`
reads :math:`W` through its entries or a reduction: ``sympy.diff(W[0, 0]**2, W)`` is ``0`` in SymPy 1.14, and so
is the derivative of every ``ops.mean(ops.square(X @ W - y))``, ``ops.l2_penalty(W)`` or ``(r.T @ r)[0, 0]``, which
``symopt.evaluate`` then turned into zeros (probe69 P69-6).  symopt's own :func:`symopt.grad` computes it.
"""

from __future__ import annotations

from sympy.tensor.array.array_derivatives import ArrayDerivative

from .errors import UnsupportedOperationError
from .matrix_shapes import named, short

__all__ = ["guard_scalar_by_matrix_derivatives", "is_symopt_matrix"]


def is_symopt_matrix(symbol) -> bool:
    """Whether ``symbol`` is a symopt matrix Variable or Placeholder."""
    return bool(getattr(symbol, "is_variable", False) or getattr(symbol, "is_placeholder", False))


def guard_scalar_by_matrix_derivatives() -> None:
    """Make ``sympy.diff(scalar, W)`` (and ``scalar.diff(W)``) of a symopt matrix ``W`` that the scalar reads raise
    :class:`~symopt.errors.UnsupportedOperationError` naming :func:`symopt.grad` (idempotent)."""
    original = ArrayDerivative.__dict__["_call_derive_scalar_by_matexpr"].__func__
    if getattr(original, "_symopt_guarded", False):
        return

    def derive_scalar_by_matrix(expr, v):
        if is_symopt_matrix(v) and expr.has(v):
            raise UnsupportedOperationError(
                f"sympy.diff of the scalar {short(expr, 60)} by the matrix {named(v)}: SymPy's matrix calculus "
                "gives 0 for a scalar that reads the matrix through its entries or a reduction (symopt.ops.sum, "
                f"ops.mean, ...), a wrong number, so symopt refuses it. Take the gradient with "
                f"symopt.grad(cost, {v.name}), a matrix of {v.name}'s shape (its steps: symopt.derive(cost, {v.name})).")
        return original(expr, v)

    derive_scalar_by_matrix._symopt_guarded = True
    ArrayDerivative._call_derive_scalar_by_matexpr = staticmethod(derive_scalar_by_matrix)
