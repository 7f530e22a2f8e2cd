r"""The order and signs of terms, as a textbook writes them.

Terms of a sum (:func:`textbook_terms`): monomials by falling degree
(``w₁x₁ + w₂x₂ + b``, ``w² - 10w + 25``), then other terms from the simplest
(``-y/a + (1 - y)/(1 - a)``), constants last; a positive term leads a sum that would
start with a negative monomial (``σ(z) - y``), and a positive constant one that would
start with a minus or has no monomial (``1 - a``, ``1 + exp(-z)``).  Factors of a
product (:func:`factor_rank`): the coefficient, data entries, the rest, adjoints last
(``3·x[0,0]·w``, ``x₁·dz``).
"""

from __future__ import annotations

import re

from collections.abc import Mapping

import sympy
from sympy import MatMul, Mul
from sympy.core.cache import clear_cache
from sympy.matrices.expressions.matexpr import MatrixElement

from .glyphs import Adjoint

__all__ = ["textbook_terms", "ordered_terms", "ORDER_WIDTH", "factor_rank", "all_negative", "is_negative", "negated", "positive_first",
           "is_reciprocal", "tree_size"]


def _monomial_degree(term) -> int | None:
    degree = 0
    for factor in Mul.make_args(term):
        if factor.is_Number:
            continue
        if factor.is_Symbol or isinstance(factor, MatrixElement):
            degree += 1
        elif factor.is_Pow and (factor.base.is_Symbol or isinstance(factor.base, MatrixElement)) \
                and factor.exp.is_Integer and factor.exp > 0:
            degree += int(factor.exp)
        else:
            return None
    return degree


def tree_size(expr, cap: int = 10 * 1000) -> int:
    """The number of nodes of ``expr`` as a tree, counted iteratively and never beyond ``cap`` (+1)."""
    count, stack = 0, [expr]
    while stack and count <= cap:
        node = stack.pop()
        count += 1
        stack.extend(node.args)
    return count


#: Terms larger than this (tree nodes) are ranked by size alone, without SymPy's operation count.
RANK_LIMIT = 200


def _term_key(term) -> tuple:
    if term.is_number:
        return (2, 0)
    degree = _monomial_degree(term)
    if degree is not None:
        return (0, -degree)
    size = tree_size(term, RANK_LIMIT)
    return (1, sympy.count_ops(term) if size <= RANK_LIMIT else size)


def _ranked_symbol(term, rank: Mapping):
    """The step symbol whose forward place orders ``term``: itself, or the step an adjoint is of (``du₂`` before
    ``du₁₀``, where SymPy orders the names as strings: probe23 P23-12)."""
    symbol = term.as_coeff_Mul()[1]
    if isinstance(symbol, Adjoint) and symbol not in rank:
        symbol = symbol.of
    return symbol if symbol in rank else None


#: Sums of more terms keep SymPy's argument order: ``as_ordered_terms`` writes each term as a monomial over
#: every symbol of the sum, :math:`O(n^2)` for :math:`n` terms (800 terms: 0.6 s a call).
ORDER_WIDTH = 64


def ordered_terms(add) -> list:
    """The terms of a sum in SymPy's printing order (``as_ordered_terms``; terms that differ only in their numbers in
    the numbers' order, :func:`_digits_in_natural_order`), or as stored when it is wider than
    :data:`ORDER_WIDTH` or too deep for SymPy's sort keys, which recurse once per level of a term (a 150-level
    ``sin`` chain drawn by operations: probe23 P23-1)."""
    if len(add.args) > ORDER_WIDTH:
        return list(add.args)
    try:
        return _digits_in_natural_order(list(add.as_ordered_terms()))
    except RecursionError:
        clear_cache()  # an interrupted SymPy query may have cached partial answers
        return list(add.args)


_DIGITS = re.compile(r"\d+")
#: Terms of at most this many tree nodes are compared by their names' numbers (``(w x₁ - y₁)²``: 8); larger ones
#: keep SymPy's order (printing each to compare would cost more than the order is worth).
_NAMED_LIMIT = 30


def _name_pattern(term) -> str | None:
    """``term`` printed with the digits of its symbols' names as ``#`` (``w*x#``); its own numbers (an exponent, a
    coefficient) kept, so ``w**(63/100)`` and ``w**(137/100)`` keep SymPy's order by degree."""
    try:
        return str(term.xreplace({s: sympy.Symbol(_DIGITS.sub("#", s.name)) for s in term.free_symbols
                                  if isinstance(s, sympy.Symbol)}))
    except ValueError:  # an integer past Python's 4300 printed digits
        return None


def _name_numbers(term) -> list:
    return [int(n) for s in sorted(term.free_symbols, key=str) if isinstance(s, sympy.Symbol)
            for n in _DIGITS.findall(s.name)]


def _digits_in_natural_order(terms: list) -> list:
    """``terms`` with those that differ only in their numbers (``w x1``, ``w x10``, ``w x2``: SymPy compares the names
    as strings) put in the numbers' order, ``w x1``, ``w x2``, ``w x10``, as the point line and graphs list the
    inputs (probe52 P52-3); every other term keeps its place."""
    patterns = [_name_pattern(term) if tree_size(term, _NAMED_LIMIT) <= _NAMED_LIMIT else None for term in terms]
    for pattern in set(patterns) - {None}:
        places = [i for i, p in enumerate(patterns) if p == pattern]
        if len(places) > 1:
            numbered = sorted((terms[i] for i in places), key=_name_numbers)
            for place, term in zip(places, numbered):
                terms[place] = term
    return terms


def textbook_terms(expr, rank: Mapping | None = None) -> list:
    """The terms of a sum in textbook order (module docstring); ``rank`` ({step symbol: index}) puts
    intermediate values in forward order (``v + p + x[2,0]``, not ``p + v + x[2,0]``)."""
    terms = sorted(ordered_terms(expr), key=_term_key)
    if rank:
        places = [i for i, term in enumerate(terms) if _ranked_symbol(term, rank) is not None]
        ordered = sorted((terms[i] for i in places), key=lambda term: rank[_ranked_symbol(term, rank)])
        for place, term in zip(places, ordered):
            terms[place] = term
    positive = [term for term in terms if not term.could_extract_minus_sign()]
    if positive and terms[0] is not positive[0] and _term_key(terms[0])[0] == 0 and not positive[0].is_number:
        terms.remove(positive[0])
        terms.insert(0, positive[0])
    last = terms[-1]
    if len(terms) > 1 and last.is_number and last > 0:
        no_monomial = all(_term_key(term)[0] != 0 for term in terms)
        if no_monomial or terms[0].could_extract_minus_sign():
            terms = [last] + terms[:-1]
    return terms


def all_negative(expr) -> bool:
    return len(expr.args) > 1 and all(term.could_extract_minus_sign() for term in expr.args)


def is_negative(term) -> bool:
    """A term printed with a minus: a negative number, or a product whose numeric coefficient is negative."""
    if term.is_Add:
        return False
    if term.is_Mul:
        return bool(term.args[0].is_Number and term.args[0] < 0)
    if isinstance(term, MatMul):
        return bool(term.as_coeff_matrices()[0] < 0)
    return bool(term.could_extract_minus_sign())


def negated(term):
    """``-term`` without re-evaluating an unevaluated product's factor order."""
    if term.is_Mul and term.args[0].is_Number and term.args[0] < 0:
        coefficient, rest = -term.args[0], term.args[1:]
        factors = rest if coefficient == 1 else (coefficient,) + rest
        return factors[0] if len(factors) == 1 else Mul(*factors, evaluate=False)
    return -term


def positive_first(terms: list) -> list:
    """A matrix sum keeps its order, except that a positive term leads: ``A - Y``, not ``-Y + A``."""
    positive = [term for term in terms if not term.could_extract_minus_sign()]
    if positive and terms[0] is not positive[0]:
        terms.remove(positive[0])
        terms.insert(0, positive[0])
    return terms


def is_reciprocal(factor) -> bool:
    return factor.is_Pow and factor.exp.is_Number and factor.exp < 0


def factor_rank(factor) -> int:
    """Coefficient first, data entries (``x[0,0]``) next, then the rest, reciprocals, adjoints (``dz``) last."""
    if factor.is_Number:
        return 0
    if isinstance(factor, MatrixElement):
        return 1
    if is_reciprocal(factor):
        return 3
    return 4 if isinstance(factor, Adjoint) else 2
