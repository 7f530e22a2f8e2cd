"""SymPy's unevaluated operators (``Sum``, ``Product``, ``Integral``, ``Limit``, ``Derivative``, ``Subs``): they bind
their own variables, so no data can give them a value and no rule differentiates them; what to write instead."""

from __future__ import annotations

import sympy

__all__ = ["UNEVALUATED", "unevaluated_advice"]

#: The operators SymPy keeps unevaluated until ``.doit()`` (``UnevaluatedExpr`` wraps an expression to keep it so).
UNEVALUATED = (sympy.Sum, sympy.Product, sympy.Integral, sympy.Limit, sympy.Derivative, sympy.Subs,
               sympy.UnevaluatedExpr)


def unevaluated_advice(node) -> str:
    """What to write instead of ``node``: ``.doit()`` where its bounds are numbers (a finite sum written out), a
    placeholder and ``symopt.ops.sum`` for a sum over data of unknown length; for an infinite bound, the closed form
    ``.doit()`` found (it keeps the operator only where it diverges: probe35 P35-7)."""
    name = type(node).__name__
    limits = getattr(node, "limits", ())
    if any(b.is_infinite for _, *bounds in limits for b in bounds):  # .doit() keeps it where it diverges
        return (f"its bounds reach infinity, and .doit() leaves this {name} unevaluated for the parameter values "
                "where it does not converge (the last branch of the Piecewise it returns, so calling .doit() again "
                "does not help): take the closed-form branch you mean (expression.args[0][0] of that Piecewise)"
                + (", or integrate with sympy.integrate(..., conds='none')" if isinstance(node, sympy.Integral)
                   else "") + ", and keep the parameter where it converges (method='lbfgs' with bounds=)")
    if isinstance(node, (sympy.Sum, sympy.Product)) and all(b.is_number for _, *bounds in limits for b in bounds):
        advice = f"its bounds are numbers: write it out with .doit() (sympy.{name}(...).doit())"
        return advice + (", or bind the data to a symopt.Placeholder and use symopt.ops.sum"
                         if isinstance(node, sympy.Sum) else "")
    if isinstance(node, sympy.Sum):
        return ("a sum over data of unknown length is a symopt.Placeholder('x', (None, 1)) (one row per term) and "
                "symopt.ops.sum of the term written with it; its length is the batch's")
    return "call .doit() on it (or on the cost) first; symopt differentiates and compiles the result"
