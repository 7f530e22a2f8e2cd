"""SymPy objects that hold an expression without being one (a ``Lambda``, a ``Poly``), refused where an expression
is expected, naming how to get the expression (probe57 P57-4, final41d F41d-12)."""

from __future__ import annotations

from typing import Any

import sympy

from .errors import ConfigurationError
from .matrix_shapes import short

__all__ = ["HOLDERS_OF_EXPRESSIONS", "refuse_expression_holder"]

#: ``(what it is, how to get the expression)`` per class (probe57 P57-4: a Lambda was called "a constant: it depends
#: on no symbol", a Poly had "no derivative rule"); formatted with ``cost``, the object given.
HOLDERS_OF_EXPRESSIONS = {
    sympy.Lambda: ("a function of {cost.variables}, not a value",
                   "Call it with a value (or an expression) in place of each of its variables {cost.variables}, "
                   "f(...) for f = {cost}: symopt differentiates the expression it returns"),
    sympy.Poly: ("SymPy's polynomial object, not an expression", "Pass its expression, p.as_expr() (here {cost.expr})"),
}


def refuse_expression_holder(cost: Any, what: str = "a scalar cost") -> None:
    """Refuse a SymPy object of :data:`HOLDERS_OF_EXPRESSIONS` (a ``Lambda``, a ``Poly``) given as an expression; the
    check every entry point passes (``grad``, ``compile``, ``minimize`` through :func:`~symopt.wrt.scalar_cost`,
    ``evaluate`` through :func:`~symopt.wrt.check_real`: final41d F41d-12)."""
    for kind, (holds, fix) in HOLDERS_OF_EXPRESSIONS.items():
        if isinstance(cost, kind):
            raise ConfigurationError(f"expected {what}; given the sympy.{kind.__name__} {short(cost, 80)}, "
                                     f"{holds.format(cost=cost)}. {fix.format(cost=cost)}")
