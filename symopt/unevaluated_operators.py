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
    placeholder and ``symopt.ops.sum`` for a sum over data of unknown length."""
    name = type(node).__name__
    limits = getattr(node, "limits", ())
    if isinstance(node, (sympy.Sum, sympy.Product)) and all(b.is_number for _, *bounds in limits for b in bounds):
        advice = f"its bounds are numbers: write it out with .doit() (sympy.{name}(...).doit())"
        return advice + (", or bind the data to a symopt.Placeholder and use symopt.ops.sum"
                         if isinstance(node, sympy.Sum) else "")
    if isinstance(node, sympy.Sum):
        return ("a sum over data of unknown length is a symopt.Placeholder('x', (None, 1)) (one row per term) and "
                "symopt.ops.sum of the term written with it; its length is the batch's")
    return "call .doit() on it (or on the cost) first; symopt differentiates and compiles the result"
