"""The numbers of a derivation's backward lines where the chain's products and the line's printed formula differ at
the point: a product that overflowed or met a pole (:func:`finite_form`), a zero's sign (:func:`zero_as_formula`),
a float32 line read as its own formula (:func:`formula_value`)."""

from __future__ import annotations

import sympy

from .backward import BackwardStep, adjoint_symbol
from .code_numbers import singular
from .exact_numbers import exponential_tower
from .values import evaluate

__all__ = ["finite_form", "zero_as_formula", "formula_value"]


def finite_form(back: BackwardStep, number, known: dict, dtype: str):
    """``number``, the adjoint found as the chain's sum of products; where that product or the line's own formula
    ``back.value`` (the one printed beside it) is not finite at the point, the formula's value, which is the generated
    code's: the product overflowed (``1/u = ∞`` times ``du/dw = 0`` at ``u = σ(-800)``, ``w · 1/w`` with ``1/w``
    past float64) where the formula (``1 - u``) is finite, or it multiplied a 0 by a pole (``√w · (-1/(2w^(3/2)))``
    at w = 0) where the formula ``-1/(2w)`` is -∞, as the code's ``-(1/2)/w``."""
    if not getattr(number, "is_number", False) or number.is_Matrix:
        return number
    if back.stands_for or not back.value.is_number and not back.value.free_symbols <= set(known):
        return number
    if not singular([number]) and not back.value.has(sympy.Pow, sympy.log):  # no pole in the formula: the product is it
        return number
    formula = evaluate(back.value, known, dtype)
    if not getattr(formula, "is_number", False) or not singular([number, formula]) or _zero_chain(back, known, dtype):
        return number
    return formula


def _zero_chain(back: BackwardStep, known: dict, dtype: str) -> bool:
    """Whether each of the line's chain-rule terms is an exact 0 adjoint times a finite local derivative: the line is
    0 (``dJ/dt = 0`` times ``dt/ds = -b/(3s²)`` at a min's other branch), though its formula, evaluated whole, meets
    0·∞ in a factor the product no longer holds (``[u₁ ≤ 1]·log(q)·u₁`` at ``u₁ = ∞``: final48e 48e-5)."""
    for term in back.terms:
        adjoint = sympy.sympify(known.get(adjoint_symbol(term.consumer.symbol)))
        if not (adjoint.is_zero and _finite_local(term.local, known, dtype)):
            return False
    return bool(back.terms)


def _finite_local(local, known: dict, dtype: str) -> bool:
    """Whether a local derivative is finite at the point: in ``dtype``, or exactly where ``dtype``'s number overflowed
    though every value it reads is finite (``t·q^(t - 1)`` at ``q = 2560001``, ``t = 2.1e166``)."""
    value = evaluate(local, known, dtype)
    if not getattr(value, "is_number", False) or value.is_Matrix:
        return False
    if not singular([value]):
        return True
    read = [known.get(symbol) for symbol in local.free_symbols]
    if any(number is None or singular([number]) for number in read) or exponential_tower(local):
        return False
    try:
        exact = local.xreplace({symbol: sympy.sympify(known[symbol]) for symbol in local.free_symbols})
        return bool(exact.is_number and exact.is_finite and exact.is_extended_real)
    except (TypeError, ValueError, ArithmeticError):  # a comparison SymPy cannot decide: not known finite
        return False


def zero_as_formula(back: BackwardStep, number, known: dict, dtype: str):
    r"""A zero adjoint with the sign of the printed formula ``back.value`` at the point: the chain's
    :math:`-1 \cdot (1 - y) = -0` beside :math:`y - 1 = +0` at y = 1 showed ``y - 1 = -0`` (probe68 P68-1)."""
    if not getattr(number, "is_zero", False) or number.is_Matrix or back.stands_for \
            or not back.value.free_symbols <= set(known):
        return number
    formula = evaluate(back.value, known, dtype)
    return formula if getattr(formula, "is_zero", False) else number


def formula_value(formula, known: dict, dtype: str, number):
    """``formula`` at the point (the steps' values and the adjoints in ``known``) where it is a number made of them;
    else ``number``.  In float32 the displays show this, so a line reads as its own formula (``v + 1 = -15.6355``
    beside ``v = -16.6355``, as compile's ``1 + t0``), not the chain's products, which round otherwise at each step
    (``1/3 = 0.167772`` where ``1 + u`` cancelled)."""
    if not isinstance(formula, sympy.Expr) or formula.is_Matrix or not formula.free_symbols <= set(known) \
            or not getattr(number, "is_number", False) or number.is_Matrix:
        return number
    value = evaluate(formula, known, dtype)
    return value if getattr(value, "is_number", False) and not value.is_Matrix else number
