r"""What the reverse sweep of :mod:`symopt.calculus` refuses, and the errors that say so: a node with no derivative
rule (:func:`no_rule_error`, with the fix for an unevaluated operator or for the complex parts SymPy keeps of a symbol
that may be complex), and a cost that is no real scalar (:func:`real_scalar`: a matrix not 1 x 1, a condition, the
imaginary unit, the complex parts SymPy writes for an ``Abs``: :func:`refuse_complex_rewrites`), and a negative constant raised to a power that depends on a parameter
(:func:`refuse_negative_base`: its slope is complex).
"""

from __future__ import annotations

from typing import Mapping

import sympy

from .derivatives import PARTIALS
from .errors import ShapeError, UnsupportedOperationError
from .matrix_shapes import short
from .nodes import ElementSum, lift_matrix_functions, postorder
from .symbols import is_matrix
from .unevaluated_operators import UNEVALUATED, unevaluated_advice
from .wrt import refuse_condition

__all__ = ["no_rule_error", "real_scalar", "refuse_negative_base", "refuse_symbol_conditions",
           "refuse_complex_rewrites", "COMPLEX_PARTS", "ORDER_ADVICE"]


def no_rule_error(node, rules: Mapping) -> UnsupportedOperationError:
    """The error for ``node`` (or a node class) that has no derivative rule: the functions of
    :data:`~symopt.derivatives.PARTIALS` and the other nodes of ``rules`` (:data:`symopt.calculus.ADJOINT_RULES`) it
    could be written with, or, for an unevaluated operator or a complex part, just the fix."""
    name = node.__name__ if isinstance(node, type) else type(node).__name__
    functions = ", ".join(sorted(cls.__name__ for cls in PARTIALS))
    nodes = ", ".join(sorted(cls.__name__ for cls in rules if cls not in PARTIALS))
    hints = [f"This {name} is unevaluated: {unevaluated_advice(node)}."] if isinstance(node, UNEVALUATED) else []
    if isinstance(node, sympy.Order):
        hints = [ORDER_ADVICE + "."]
    complex_hint = _complex_parts_hint(node)
    if complex_hint and (isinstance(node, COMPLEX_PARTS) or hints):  # re(p), Derivative(re(z)): the fixes, no list
        hints.append(complex_hint)
    if hints:
        return UnsupportedOperationError(f"no derivative rule for {name} (in {short(node, 80)}). {' '.join(hints)}")
    return UnsupportedOperationError(
        f"no derivative rule for {name} (in {short(node, 80)}): symopt differentiates and compiles only the "
        f"functions {functions} and the nodes {nodes}. Rewrite the cost with those (see docs/functions.md), "
        "or add a rule to symopt.derivatives.PARTIALS (a function) or symopt.calculus.ADJOINT_RULES (a node) "
        "together with a code printer for it." + (f" {complex_hint}" if complex_hint else "")
    )


def _complex_parts_hint(node) -> str | None:
    """The advice for re/im/conjugate/arg in ``node``: of a symbol that may be complex, declare it real; ``arg``
    of a real symbol (kept by SymPy: 0 or π by the sign), a Piecewise.  None where there is none of them."""
    parts = node.atoms(*COMPLEX_PARTS) if isinstance(node, sympy.Basic) else set()
    symbols = sorted({str(symbol) for part in parts for symbol in part.free_symbols
                      if symbol.is_extended_real is not True})
    if symbols:
        return (f"{', '.join(symbols)} may be complex to SymPy (a plain sympy.Symbol assumes nothing), so it keeps "
                "re/im/conjugate/arg of it; symopt computes with real numbers: declare them real, "
                "sympy.Symbol('x', real=True) (symopt.Variable and symopt.Placeholder are real), and then re(x) is "
                "x, im(x) is 0, conjugate(x) is x.")
    if any(isinstance(part, sympy.arg) for part in parts):
        return ("arg(x) of a real x is 0 for x >= 0 and pi for x < 0, a step with no slope: write it as "
                "sympy.Piecewise((0, x >= 0), (sympy.pi, True)) if that is what is meant.")
    return None


#: A series' order term (``sympy.series(f, w, 0, 4)`` ends with ``O(w**4)``): what to do.
ORDER_ADVICE = ("The series' order term O(...) stands for the terms the series leaves out and has no value to compute: "
                "drop it with .removeO() (sympy.series(f, w, 0, 4).removeO()), which keeps the polynomial")


#: The parts of a complex number SymPy keeps for a symbol that may be complex.
COMPLEX_PARTS = (sympy.re, sympy.im, sympy.conjugate, sympy.arg)


def real_scalar(given):
    """The cost as a scalar: functions of matrices read elementwise, a 1 x 1 matrix becomes the sum of its
    entry; conditions, other matrices and complex numbers are refused."""
    refuse_condition(given)
    cost = lift_matrix_functions(given)
    if is_matrix(cost):
        if tuple(cost.shape) != (1, 1):
            hint = "" if is_matrix(given) else (
                f" SymPy's {given.func.__name__} of a matrix is read elementwise, but ops.sum does not see it as a "
                "matrix: use the ops function (ops.tanh, ops.exp, ops.sigmoid, ...) or reduce with "
                "symopt.ops.ElementSum(...).") if isinstance(given, sympy.Function) else ""
            raise ShapeError(f"expected a scalar cost; given a matrix of shape {tuple(cost.shape)} "
                             f"({short(cost, 80)}). Reduce it first, e.g. symopt.ops.sum(cost) or "
                             f"symopt.ops.mean(cost).{hint}")
        cost = ElementSum(cost)
    nodes = postorder(cost)
    refuse_symbol_conditions(nodes)  # Piecewise((w**2, b), (w, True)): b read as a truth value
    if any(node is sympy.I for node in nodes):
        raise UnsupportedOperationError(
            f"expected a real cost; given one with the imaginary unit I ({short(cost, 80)}). symopt differentiates "
            "real functions of real parameters: write the real and imaginary parts as separate real costs "
            "(exp(I*w) = cos(w) + I*sin(w)).")
    refuse_complex_rewrites(nodes, cost)
    return cost


def _complex_rewrite(node) -> bool:
    """``atan2(0, x)`` (SymPy's ``arg`` of a real ``x``) or ``re``/``im`` of an expression of real symbols that SymPy
    could not evaluate (``re(asin(w))``): the parts of a complex number SymPy wrote into a cost."""
    if isinstance(node, sympy.atan2):
        return node.args[0] == 0 and not node.args[1].is_number
    return (isinstance(node, (sympy.re, sympy.im)) and not node.args[0].is_Symbol and bool(node.free_symbols)
            and all(symbol.is_extended_real for symbol in node.free_symbols))


def refuse_complex_rewrites(nodes, cost) -> None:
    r"""Refuse a cost in which SymPy rewrote an ``Abs`` (or ``re``/``im``) into the parts of a complex number:
    ``Abs(exp(z))`` is ``exp(re(z))`` as soon as it is built, and ``re(sqrt(w))`` is
    ``cos(atan2(0, w)/2)*sqrt(Abs(w))``, so ``Abs(exp(sqrt(w)))`` at ``w = -4`` was the modulus 1 of :math:`e^{2i}`,
    where ``exp(sqrt(w))`` has no real value (probe42 P42-1), and ``Abs(exp(asin(w)))`` was refused with "no derivative
    rule for re", a function the user never wrote (P42-2).  symopt computes in the reals, so such a cost is an
    :class:`~symopt.errors.UnsupportedOperationError` naming the part and what to write instead."""
    found = next((node for node in nodes if _complex_rewrite(node)), None)
    if found is None:
        return
    part = "the argument (angle) of a complex number" if isinstance(found, sympy.atan2) else \
        f"the {'real' if isinstance(found, sympy.re) else 'imaginary'} part of a complex number"
    held = short(found, 60) if found == cost else f"{short(cost, 100)}, which holds {short(found, 60)}"
    raise UnsupportedOperationError(
        f"expected a cost of real functions; given {held}, {part}. "
        "SymPy puts it there when it builds an Abs (or re/im) of an expression that may be complex: Abs(exp(z)) "
        "becomes exp(re(z)), and re(sqrt(w)) becomes cos(atan2(0, w)/2)*sqrt(Abs(w)), the modulus of a complex "
        "number, finite where the real cost has no value (w < 0). symopt computes in the reals. Drop the Abs "
        "around a positive exp (write exp(asin(w)), not Abs(exp(asin(w)))); where the argument is meant to be "
        "positive, say so: a data symbol sympy.Symbol('a', positive=True), a parameter as exp(s) of a "
        "symopt.Variable s." + (" An atan2(0, x) meant as written, 0 or pi by the sign of x, is "
                                "sympy.Piecewise((0, x >= 0), (sympy.pi, True))." if isinstance(found, sympy.atan2) else ""))


def refuse_negative_base(node) -> None:
    r"""Refuse :math:`b^p` with a base SymPy knows to be negative (``(-2)**w``, ``(-1/2)**w``) and an exponent that
    depends on a parameter: :math:`\partial_p b^p = b^p \log b` and :math:`\log b = \log|b| + i\pi` is complex
    (SymPy writes it so), and :math:`b^p` itself has no real value except at whole-number :math:`p`.  symopt
    computes with real numbers, so this is refused before any code or display is made (probe29 P29-11)."""
    base, exponent = node.args
    if not (getattr(base, "is_extended_negative", False) is True and getattr(exponent, "free_symbols", None)):
        return
    node = node.xreplace({dummy: sympy.Symbol(dummy.name) for dummy in node.atoms(sympy.Dummy)})  # a map's entry
    base, exponent = node.args
    magnitude = -base
    power = _short(exponent) if exponent.is_Atom else f"({_short(exponent)})"
    if magnitude == 1 or magnitude.is_Float and sympy.Rational(magnitude) == 1:
        fixes = f"Write the sign you mean without the power, or, if the real part is meant, cos(pi*{power})."
    else:
        plain = magnitude.is_Integer or magnitude.is_Float or magnitude.is_Symbol
        shown = _short(magnitude) if plain else f"({_short(magnitude)})"
        fixes = (f"Write a positive base ({shown}**{power}), or, if the real part is meant, "
                 f"exp({power}*log({_short(magnitude)}))*cos(pi*{power}).")
    raise UnsupportedOperationError(
        f"expected a positive base for a power whose exponent depends on a parameter; given {_short(node, 80)}, a "
        f"negative base: it has no real value except at whole-number exponents, and its derivative "
        f"{_short(node)}·log({_short(base)}) is complex (log({_short(base)}) = log({_short(magnitude)}) "
        f"+ iπ). symopt computes with real numbers. {fixes}")


def _short(expr, limit: int = 40) -> str:
    """``expr`` as text with its floats as short as SymPy prints them (``2.5``, not ``2.50000000000000``), cut to
    ``limit`` characters."""
    return short(sympy.sstr(expr, full_prec=False), limit)


def _symbols_read_as_truth(condition) -> list:
    """The symbols ``condition`` reads as truth values: ``b`` of ``b``, ``b & (x > 0)``, ``~b`` (not those compared)."""
    if isinstance(condition, sympy.Symbol):
        return [condition]
    if isinstance(condition, sympy.logic.boolalg.BooleanFunction):
        return [symbol for argument in condition.args for symbol in _symbols_read_as_truth(argument)]
    return []


def refuse_symbol_conditions(nodes) -> None:
    """Refuse a ``Piecewise`` among ``nodes`` whose condition is a symbol read as a truth value
    (``Piecewise((w**2, b), (w, True))``): a fed number has no truth value symopt could check (Python's truthiness
    made 0.5 and NaN true; SymPy refuses ``b = 0.5``), so the condition must compare the number (probe35 P35-5)."""
    for piecewise in nodes:
        if isinstance(piecewise, sympy.Piecewise):
            _refuse_symbol_condition(piecewise)


def _refuse_symbol_condition(piecewise) -> None:
    for pair in piecewise.args:
        symbols = _symbols_read_as_truth(pair.cond)
        if symbols:
            name = str(symbols[0])
            raise UnsupportedOperationError(
                f"expected a Piecewise condition that compares numbers (x > 0.5, Eq(k, 1)); given the symbol {name} "
                f"as a truth value in {str(piecewise)[:120]}: symopt feeds every input as a number, which has no "
                f"truth value it could check (0.5 or NaN). Compare it: sympy.Piecewise((..., {name} > 0.5), ...) "
                f"with {name} fed as 0.0 or 1.0, or sympy.Eq({name}, 1).")
