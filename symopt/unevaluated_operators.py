"""SymPy's unevaluated operators (``Sum``, ``Product``, ``Integral``, ``Limit``, ``Derivative``, ``Subs``): they bind
their own variables, so no data can give them a value and no rule differentiates them; what to write instead, told
by what ``.doit()`` makes of the operator (tried once, in the error path)."""

from __future__ import annotations

import sympy

from .matrix_shapes import short
from .traversal import contains

__all__ = ["UNEVALUATED", "unevaluated_advice"]

#: The operators SymPy keeps unevaluated until ``.doit()`` (``UnevaluatedExpr`` wraps an expression to keep it so).
UNEVALUATED = (sympy.Sum, sympy.Product, sympy.Integral, sympy.Limit, sympy.Derivative, sympy.Subs,
               sympy.UnevaluatedExpr)

#: The end of the advice for a data sum of unknown length.
_DATA_SUM = ("a sum over data of unknown length is a symopt.Placeholder('x', (None, 1)) (one row per term) and "
             "symopt.ops.sum of the term written with it; its length is the batch's")


def unevaluated_advice(node) -> str:
    """What to write instead of ``node``: ``.doit()`` where SymPy evaluates it (a finite sum written out, a closed
    form of a symbolic or infinite bound: probe57 P57-6, P57-7); where ``.doit()`` keeps it, why and what instead: a
    sum over data, an infinite bound kept for the values where it diverges (probe35 P35-7), a derivative SymPy has no
    rule for (``Derivative(ceiling(w), w)``: probe57 P57-10)."""
    name = type(node).__name__
    limits = getattr(node, "limits", ())
    finite = all(b.is_number and b.is_finite for _, *bounds in limits for b in bounds)
    if isinstance(node, (sympy.Sum, sympy.Product)) and finite:
        advice = f"its bounds are numbers: write it out with .doit() (sympy.{name}(...).doit())"
        return advice + (", or bind the data to a symopt.Placeholder and use symopt.ops.sum"
                         if isinstance(node, sympy.Sum) else "")
    evaluated = _doit(node)
    if evaluated is not None and not contains(evaluated, type(node)):
        data = (", or bind the data to a symopt.Placeholder and use symopt.ops.sum"
                if isinstance(node, sympy.Sum) and contains(evaluated, sympy.Indexed) else "")
        return (f"call .doit() on it (or on the cost) first: SymPy evaluates it to {short(evaluated, 60)}, which "
                f"symopt differentiates and compiles{data}")
    if any(b.is_infinite for _, *bounds in limits for b in bounds):
        return (f"its bounds reach infinity, and .doit() keeps this {name} in the last branch of the Piecewise it "
                "returns, for the parameter values where it does not converge, so calling .doit() again does not "
                f"help: take the closed-form branch you mean{_first_branch(evaluated)} (expression.args[0][0] of that "
                "Piecewise)"
                + (", or integrate with sympy.integrate(..., conds='none')" if isinstance(node, sympy.Integral)
                   else "") + ", and keep the parameter where it converges (method='lbfgs' with bounds=)")
    if isinstance(node, sympy.Sum):
        return _DATA_SUM
    if isinstance(node, sympy.Derivative):
        return (f".doit() returns it unchanged: SymPy has no derivative of {short(node.expr, 40)}. Differentiate with "
                "symopt.grad(expression, w) in place of sympy.diff: symopt's rules cover floor, ceiling and sign (0 "
                "almost everywhere); write frac(w) as w - floor(w) and Mod(w, c) as w - c*floor(w/c) first")
    return f".doit() leaves this {name} unevaluated, so symopt has no value for it: write the cost without it"


def _first_branch(evaluated) -> str:
    """``", here w/(1 - w)"``: the first branch of the ``Piecewise`` that ``.doit()`` returned, if it did."""
    return f", here {short(evaluated.args[0][0], 40)}" if isinstance(evaluated, sympy.Piecewise) else ""


def _doit(node):
    """``node.doit()``, or None where SymPy raises trying."""
    try:
        return node.doit()
    except Exception:  # noqa: BLE001 (SymPy raises many kinds where it cannot evaluate; the advice then says so)
        return None
