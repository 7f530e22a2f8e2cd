r"""``w ^ 2``: Python's ``^`` is the bitwise exclusive or, not a power; on a symbolic expression it is refused
with the fix, ``w**2``.

symopt's command line (``symopt minimize "(w-3)^2"``), MATLAB and the lecture's LaTeX write the power ``^``; in Python
``(w - 3) ^ 2`` was a bare "unsupported operand type(s) for ^" and ``w ^ w`` SymPy's logical ``Xor``, ``False``
(probe69 P69-1).  SymPy's logic keeps its ``Xor`` of two plain ``Symbol``\ s (``p ^ q``); a symopt Variable or
Placeholder is a number, never a truth value.
"""

from __future__ import annotations

import sympy
from sympy import MatrixExpr
from sympy.logic.boolalg import Boolean, BooleanAtom

from .errors import UnsupportedOperationError
from .matrix_shapes import short
from .symbol_kinds import is_symopt_symbol

__all__ = ["guard_xor", "xor_message", "shown_operand"]


def guard_xor() -> None:
    """Install ``^`` on SymPy expressions and matrix expressions that raises
    :class:`~symopt.errors.UnsupportedOperationError` naming ``**`` (idempotent)."""
    if getattr(MatrixExpr, "_symopt_xor_guarded", False):
        return
    for cls in (sympy.Expr, MatrixExpr):
        cls.__xor__ = _refusing_xor(reflected=False)
        cls.__rxor__ = _refusing_xor(reflected=True)
    MatrixExpr._symopt_xor_guarded = True


def _refusing_xor(reflected: bool):
    def xor(self, other):
        symopt_symbol = is_symopt_symbol(self) or is_symopt_symbol(other)  # a ^ w, True ^ w: w is a number
        if isinstance(self, Boolean) and not symopt_symbol:  # SymPy's logic: Xor(p, q) of two plain Symbols
            result = Boolean.__xor__(self, other)
            if result is not NotImplemented:
                return result
        base, exponent = (other, self) if reflected else (self, other)
        raise UnsupportedOperationError(xor_message(base, exponent))
    xor.__name__ = "__rxor__" if reflected else "__xor__"
    return xor


def xor_message(base, exponent) -> str:
    """Why ``base ^ exponent`` is refused, and the fix: ``**`` for a power, a comparison for a truth value."""
    shown = shown_operand(base)
    written = f"{shown} ^ {shown_operand(exponent)}"
    if _is_truth_value(base) or _is_truth_value(exponent):
        return (f"{written}: ^ is the exclusive or of truth values, and a symopt Variable or Placeholder is a number, "
                "never a truth value. Expected ** for a power (write w**2), or a comparison for a truth value "
                "(w > 0), as in symopt.ops / sympy.Piecewise.")
    if isinstance(base, MatrixExpr):
        fix = (f"the entrywise power symopt.ops.power({short(base)}, {short(exponent)}) (symopt.ops.square for 2), or "
               f"the matrix power {shown}**{short(exponent)} of a square matrix")
    else:
        fix = f"{shown}**{short(exponent)}"
    return (f"{written}: ^ is Python's bitwise exclusive or (xor), not a power, and a symbolic expression has no bits. "
            f"Expected ** for a power (symopt's command line reads ^ as **, Python does not): write {fix}.")


def _is_truth_value(operand) -> bool:
    """``True`` or a plain SymPy Symbol / logic expression (every Symbol is a ``Boolean``; symopt's are numbers)."""
    return isinstance(operand, bool) or (isinstance(operand, Boolean) and not is_symopt_symbol(operand))


def shown_operand(operand) -> str:
    """``operand`` as text, in parentheses unless it is one symbol or number (``(w - 3)``, ``(a > 0)``, ``w``)."""
    plain = isinstance(operand, (sympy.Symbol, sympy.MatrixSymbol, BooleanAtom, sympy.Number, bool, int, float))
    return short(operand) if plain else f"({short(operand)})"
