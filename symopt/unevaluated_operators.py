"""SymPy's unevaluated operators (``Sum``, ``Product``, ``Integral``, ``Limit``, ``Derivative``, ``Subs``): they bind
their own variables, so no data can give them a value and no rule differentiates them; what to write instead.

The advice is built in bounded time: ``.doit()`` is tried only where it is cheap by its shape (:func:`cheap_doit`:
a ``Derivative``, ``Subs``, a ``Sum``/``Product`` whose term is a polynomial, geometric or power term of its index,
an ``Integral``/``Limit`` of a polynomial); SymPy's integration, limits and general summation have no bound (an ``Integral`` SymPy cannot do ran
for minutes: final41d F41d-3), so for them the advice tells the user to try ``.doit()`` and what to do if it fails.
A result is promised to compile only where symopt has a rule for every function in it (final41d F41d-4)."""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef

from .derivatives import PARTIALS
from .matrix_shapes import short
from .traversal import contains, is_small

__all__ = ["UNEVALUATED", "unevaluated_advice", "cheap_doit"]

#: The operators SymPy keeps unevaluated until ``.doit()`` (``UnevaluatedExpr`` wraps an expression to keep it so).
UNEVALUATED = (sympy.Sum, sympy.Product, sympy.Integral, sympy.Limit, sympy.Derivative, sympy.Subs,
               sympy.UnevaluatedExpr)

#: The most nodes of a ``Derivative`` or ``Sum`` term that ``.doit()`` is tried on in an error message.
MOST_DOIT_NODES = 200

#: The end of the advice for a data sum of unknown length.
_DATA_SUM = ("a sum over data of unknown length is a symopt.Placeholder('x', (None, 1)) (one row per term) and "
             "symopt.ops.sum of the term written with it; its length is the batch's")

#: Functions symopt differentiates whose slope is 0 almost everywhere (their Derivative SymPy keeps).
_STEPS = (sympy.floor, sympy.ceiling, sympy.frac, sympy.Mod, sympy.sign)


def unevaluated_advice(node) -> str:
    """What to write instead of ``node``: ``.doit()`` where SymPy evaluates it to what symopt compiles (a finite sum
    written out, a closed form: probe57 P57-6, P57-7); otherwise why not and what instead: a sum over data, an
    infinite bound kept for the values where it diverges (probe35 P35-7), a derivative SymPy has no rule for
    (``Derivative(ceiling(w), w)``: probe57 P57-10), an indefinite integral."""
    name = type(node).__name__
    limits = getattr(node, "limits", ())
    finite = all(b.is_number and b.is_finite for _, *bounds in limits for b in bounds)
    if isinstance(node, (sympy.Sum, sympy.Product)) and finite:
        advice = f"its bounds are numbers: write it out with .doit() (sympy.{name}(...).doit())"
        return advice + (" for a few terms, or, for a sum over data or a long range, bind the data to a "
                         "symopt.Placeholder and use symopt.ops.sum over it (vectorized code, where .doit() gives one "
                         "line of scalar code per term: docs/models.md 'Write whole matrices and slices, not entries')"
                         if isinstance(node, sympy.Sum) else "")
    if isinstance(node, sympy.Integral) and any(len(limit) == 1 for limit in limits):
        return ("it has no bounds (an indefinite integral): a cost needs a number, so give the integration variable "
                "its bounds, sympy.Integral(f, (t, a, b)), and call .doit() on it, or write the antiderivative "
                "evaluated where you mean it")
    if not cheap_doit(node):
        return _untried(node, name, limits)
    evaluated = _doit(node)
    if evaluated is not None and not contains(evaluated, type(node)):
        missing = sorted({type(f).__name__ for f in evaluated.atoms(sympy.Function) if type(f) not in PARTIALS})
        data = (", or bind the data to a symopt.Placeholder and use symopt.ops.sum"
                if isinstance(node, sympy.Sum) and contains(evaluated, sympy.Indexed) else "")
        if not missing:
            return (f"call .doit() on it (or on the cost) first: SymPy evaluates it to {short(evaluated, 60)}, which "
                    f"symopt differentiates and compiles{data}")
        return (f"SymPy's .doit() evaluates it to {short(evaluated, 60)}, but symopt has no rule for "
                f"{', '.join(missing)} in it: write the cost with the functions of docs/functions.md{data}")
    if isinstance(evaluated, sympy.Piecewise):
        return ("its bounds reach infinity, and .doit() keeps this {name} in the last branch of the Piecewise it "
                "returns, for the parameter values where it does not converge, so calling .doit() again does not "
                f"help: take the closed-form branch you mean, here {short(evaluated.args[0][0], 40)} "
                "(expression.args[0][0] of that Piecewise), and keep the parameter where it converges "
                "(method='lbfgs' with bounds=)").format(name=name)
    if isinstance(node, sympy.Derivative):
        return _derivative_advice(node)
    if isinstance(node, sympy.Sum):
        return ".doit() finds no closed form for it: " + _sum_instead(node)
    return f".doit() leaves this {name} unevaluated, so symopt has no value for it: write the cost without it"


def cheap_doit(node) -> bool:
    """Whether ``node.doit()`` is cheap by its shape: a small ``Derivative``, a ``Subs``, an ``UnevaluatedExpr``, or
    a ``Sum``/``Product`` of one index whose term is a product of factors free of it, polynomial in it, a constant
    raised to a linear power of it (geometric), or it raised to an integer (:math:`\\sum 1/i^2`); an ``Integral`` of
    one variable or a ``Limit`` at a finite point of a polynomial in it."""
    if isinstance(node, (sympy.Subs, sympy.UnevaluatedExpr)):
        return True
    if isinstance(node, sympy.Derivative):
        return is_small(node.expr, MOST_DOIT_NODES)
    if isinstance(node, sympy.Limit):
        return node.args[2].is_finite is True and _small_polynomial(node.args[0], node.args[1])
    if not isinstance(node, (sympy.Sum, sympy.Product, sympy.Integral)) or len(node.limits) != 1:
        return False
    index, term = node.limits[0][0], node.function
    if isinstance(node, sympy.Integral):
        return _small_polynomial(term, index)
    return is_small(term, MOST_DOIT_NODES) and all(_summable(factor, index) for factor in sympy.Mul.make_args(term))


def _small_polynomial(expression, variable) -> bool:
    """Whether ``expression`` is small and a polynomial in ``variable`` (its integral or limit is cheap)."""
    return is_small(expression, MOST_DOIT_NODES) and expression.is_polynomial(variable)


def _summable(factor, index) -> bool:
    """A factor of a cheaply summed term (see :func:`cheap_doit`)."""
    if index not in factor.free_symbols or factor.is_polynomial(index):
        return True
    base, power = factor.as_base_exp()
    if index not in base.free_symbols:
        return power.is_polynomial(index) and sympy.degree(power, index) <= 1
    return base == index and power.is_Integer


def _untried(node, name: str, limits) -> str:
    """The advice where ``.doit()`` is not tried (it may run without bound)."""
    attempt = (f"try .doit() on it yourself (SymPy may run long, or not finish): if it returns an expression with no "
               f"{name} left, compile that")
    if any(b.is_infinite for _, *bounds in limits for b in bounds):
        return (f"its bounds reach infinity: {attempt}; where it returns a Piecewise (or this {name} is the last "
                "branch of one .doit() returned, for the parameter values where it does not converge: then calling "
                ".doit() again does not help), take the closed-form branch you mean (expression.args[0][0] of that "
                "Piecewise) and keep the parameter where it converges (method='lbfgs' with bounds=)"
                + (", or integrate with sympy.integrate(..., conds='none')" if isinstance(node, sympy.Integral)
                   else "") + "; else truncate it at numeric bounds")
    if isinstance(node, sympy.Sum):
        return f"{attempt}; else {_sum_instead(node)}"
    return f"{attempt}; else write the cost without it"


def _sum_instead(node) -> str:
    """What a sum SymPy does not close becomes: the data advice where its term reads data, else a truncated sum."""
    if contains(node.function, sympy.Indexed):
        return _DATA_SUM
    return ("write it with numeric bounds (.doit() then writes it out), or feed the term's values as a "
            "symopt.Placeholder and take symopt.ops.sum of it")


def _derivative_advice(node) -> str:
    """Why SymPy kept ``Derivative(node.expr, ...)`` unchanged, and what to write instead."""
    undefined = sorted({str(f.func) for f in node.expr.atoms(AppliedUndef)})
    if undefined:
        return (f".doit() returns it unchanged: {', '.join(undefined)} is an undefined function, with no formula to "
                "differentiate or compute: write the cost with its formula in place of it")
    steps = (" symopt's rules cover floor, ceiling and sign (0 almost everywhere); write frac(w) as w - floor(w) and "
             "Mod(w, c) as w - c*floor(w/c) first" if node.expr.atoms(*_STEPS) else "")
    return (f".doit() returns it unchanged: SymPy has no derivative of {short(node.expr, 40)}. Differentiate with "
            f"symopt.grad(expression, w) in place of sympy.diff.{steps}")


def _doit(node):
    """``node.doit()``, or None where SymPy raises trying."""
    try:
        return node.doit()
    except Exception:  # noqa: BLE001 (SymPy raises many kinds where it cannot evaluate; the advice then says so)
        return None
