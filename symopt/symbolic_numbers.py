r"""Python's number conversions and truth tests of a symbolic scalar raise a symopt error that says what to write.

A learner's ``math.exp(w)``, ``float(w)``, ``int(2*w)``, ``round(w)`` and ``max(w, 0)`` / ``if w > 0:`` on a
symbolic ``w`` ended in SymPy's "Cannot convert expression to float" or "cannot determine truth value of
Relational".  Each now raises :class:`SymbolicNumberError`, an
:class:`~symopt.errors.UnsupportedOperationError` (so still a ``TypeError``: SymPy's own ``except TypeError``
paths see what they saw before).  Its message is built only when read: SymPy tries these conversions
internally and catches the error.
"""

from __future__ import annotations

import sympy
from sympy.core.relational import Relational

from .errors import UnsupportedOperationError

__all__ = ["SymbolicNumberError", "guard_conversions"]

_ADVICE = {
    "conversion": "Python's math functions, float(), int() and round() need a number, and this expression has none "
                  "until its symbols get values. Build the cost with SymPy's functions (sympy.exp, sympy.log, "
                  "sympy.sqrt, sympy.floor, ...; math.exp(w) -> sympy.exp(w)), and get a number with "
                  "symopt.evaluate(expr, values) or symopt.compile",
    "truth": "Python's if, and/or, max() and min() must decide now, and the comparison has no truth value until its "
             "symbols get values. Write the choice into the cost: sympy.Max(w, 0) or symopt.relu(w) for max(w, 0), "
             "sympy.Min(...) for min(), sympy.Piecewise((a, w > 0), (b, True)) for an if/else",
    "order": "two symbols have no order until they get values. In an if, max() or min(), write the choice into "
             "the cost: sympy.Piecewise((a, w > v), (b, True)), sympy.Max(w, v), sympy.Min(w, v); to sort symbols "
             "(sorted(), or JAX, which sorts a dict's keys), use key=sympy.default_sort_key, and give JAX "
             "result.named_params, keyed by name, not result.params",
}


class SymbolicNumberError(UnsupportedOperationError):
    """A symbolic scalar used where Python needs a number or a bool; the message is formatted when read."""

    def __init__(self, expr, action: str, kind: str):
        super().__init__(expr, action, kind)
        self.expr, self.action, self.kind = expr, action, kind

    def __str__(self) -> str:
        text = str(self.expr)
        text = text if len(text) <= 60 else text[:57] + "..."
        return f"{self.action} of the symbolic {text}: {_ADVICE[self.kind]}."


def _checked(original, action: str, kind: str):
    def method(self, *args):
        try:
            return original(self, *args)
        except SymbolicNumberError:
            raise
        except TypeError:
            if not self.free_symbols:  # a number SymPy cannot convert (float(I)): its own message stands
                raise
            raise SymbolicNumberError(self, action, _kind_of(self, kind)) from None
    method.__name__, method.__doc__ = original.__name__, original.__doc__
    return method


def _kind_of(expression, kind: str) -> str:
    """``"order"`` for the comparison of two bare symbols (``w < v``: what a sort of symbols asks, probe74 P74-4),
    else ``kind``."""
    if kind == "truth" and all(isinstance(side, sympy.Symbol) for side in expression.args):
        return "order"
    return kind


def guard_conversions() -> None:
    """Install the checked ``__float__``, ``__int__``, ``__round__`` of SymPy expressions and ``__bool__`` of
    SymPy comparisons (idempotent)."""
    if getattr(Relational, "_symopt_guarded", False):
        return
    sympy.Expr.__float__ = _checked(sympy.Expr.__float__, "float() (or a math function)", "conversion")
    sympy.Expr.__int__ = _checked(sympy.Expr.__int__, "int()", "conversion")
    sympy.Expr.__round__ = _checked(sympy.Expr.__round__, "round()", "conversion")
    Relational.__bool__ = _checked(Relational.__bool__, "the truth value (if, and/or, max, min)", "truth")
    Relational._symopt_guarded = True
