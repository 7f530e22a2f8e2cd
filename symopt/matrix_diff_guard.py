r"""``sympy.diff(J, W)`` of a scalar cost :math:`J` by a symopt matrix symbol :math:`W`: never a silent 0.

SymPy's matrix calculus gets the textbook identities right (:math:`\partial\,\mathrm{tr}(W^T W)/\partial W = 2W`,
:math:`\partial\,\mathrm{tr}(AW)/\partial W = A^T`) but returns ``0`` (a ``ZeroMatrix``) when :math:`J` reads
:math:`W` through its entries or a reduction SymPy cannot differentiate: ``sympy.diff(W[0, 0]**2, W)``,
``ops.mean(ops.square(X @ W - y))``, ``ops.l2_penalty(W)``, ``(r.T @ r)[0, 0]``, ``log(det(W))`` in SymPy 1.14,
which ``symopt.evaluate`` then turned into zeros (probe69 P69-6).  Those are refused naming :func:`symopt.grad`;
SymPy's answer is kept wherever it is not a zero for a cost that reads :math:`W` (nor one that reads an entry).
"""

from __future__ import annotations

from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.tensor.array.array_derivatives import ArrayDerivative

from .errors import UnsupportedOperationError
from .matrix_shapes import named, short
from .symbol_kinds import is_symopt_symbol

__all__ = ["guard_scalar_by_matrix_derivatives"]

_HOOK = "_call_derive_scalar_by_matexpr"


def guard_scalar_by_matrix_derivatives() -> None:
    """Make ``sympy.diff(scalar, W)`` (and ``scalar.diff(W)``) of a symopt matrix ``W`` raise
    :class:`~symopt.errors.UnsupportedOperationError` naming :func:`symopt.grad` where SymPy's answer is a silent
    zero (idempotent; nothing is installed if this SymPy has no such hook)."""
    hook = ArrayDerivative.__dict__.get(_HOOK)
    original = getattr(hook, "__func__", None)
    if original is None or getattr(original, "_symopt_guarded", False):
        return

    def derive_scalar_by_matrix(expr, v):
        result = original(expr, v)
        if is_symopt_symbol(v) and expr.has(v) and (_is_zero(result) or _reads_an_entry(expr, v)):
            reason = ("gives 0 for it" if _is_zero(result) else
                      "drops what it reads through single entries such as " + short(_entry_of(expr, v)))
            raise UnsupportedOperationError(
                f"sympy.diff of the scalar {short(expr, 60)} by the matrix {named(v)}: SymPy's matrix calculus "
                f"{reason}, a wrong number (it reads {v.name} through entries or a reduction such as symopt.ops.sum, "
                f"ops.mean, a determinant), so symopt refuses it. Take the gradient with "
                f"symopt.grad(cost, {v.name}), a matrix of {v.name}'s shape (its steps: symopt.derive(cost, {v.name})).")
        return result

    derive_scalar_by_matrix._symopt_guarded = True
    setattr(ArrayDerivative, _HOOK, staticmethod(derive_scalar_by_matrix))


def _is_zero(result) -> bool:
    return bool(getattr(result, "is_ZeroMatrix", False) or result == 0)


def _entry_of(expr, v):
    return next((e for e in expr.atoms(MatrixElement) if e.parent == v), None)


def _reads_an_entry(expr, v) -> bool:
    return _entry_of(expr, v) is not None
