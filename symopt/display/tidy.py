r"""When and how a derived expression is simplified for display (:func:`tidy`).

A simplification is kept only when it saves at least :data:`MIN_SAVING` operations: the course writes
:math:`-y/a + (1-y)/(1-a)`, not :math:`(y - a)/(a(a - 1))`.  Expressions that simplifying would cost more than it
shows (over :data:`TIDY_LIMIT` nodes, :data:`TIDY_SYMBOLS` symbols, degree :data:`TIDY_DEGREE` or
:data:`TIDY_TERMS` expanded terms, bounded from their structure by :func:`degree_bound` and :func:`terms_bound`)
are shown as derived.
"""

from __future__ import annotations

import math

import sympy

from ..traversal import postorder
from .ordering import tree_size

__all__ = ["tidy", "degree_bound", "terms_bound", "MIN_SAVING", "TIDY_LIMIT", "TIDY_SYMBOLS", "TIDY_DEGREE",
           "TIDY_TERMS"]

#: Operations a simplification must save to replace the expression as derived.
MIN_SAVING = 2

#: Larger expressions (tree nodes) are shown as derived: simplifying them costs more than it shows.
TIDY_LIMIT = 120

#: Expressions in more symbols are shown as derived: factoring a polynomial grows steeply with the
#: number of its symbols (a 40-term ``Σ kᵢ·dsᵢ`` took 1.5 s), and such sums have nothing to cancel.
TIDY_SYMBOLS = 12


def _plain_factor(factor) -> bool:
    """A number, a symbol, a function of symbols, or a sum of numbers and (scaled) symbols."""
    if factor.is_Symbol or factor.is_Number:
        return True
    if factor.is_Function:
        return all(argument.is_Symbol for argument in factor.args)
    if factor.is_Add:
        return all(term.is_Symbol or term.is_Number or (term.is_Mul and len(term.args) == 2 and term.args[0].is_Number
                                                          and term.args[1].is_Symbol) for term in factor.args)
    return False


def _plain_product(expr) -> bool:
    """A product of plain factors (:func:`_plain_factor`) with distinct linear sums: nothing to cancel or factor,
    and expanding only lengthens it."""
    adds = [factor for factor in expr.args if factor.is_Add] if expr.is_Mul else []
    return expr.is_Mul and all(map(_plain_factor, expr.args)) and len(adds) <= 1


#: Expressions of a higher (estimated) polynomial degree are shown as derived: ``factor`` and ``cancel`` expand
#: them, and an iterated square :math:`((x^2 + x)^2 + x)^2 \dots` of six levels (degree 64) took seconds, of
#: eight minutes.
TIDY_DEGREE = 32


def degree_bound(expr) -> int:
    r"""An upper bound of the total degree :math:`\deg` that expanding ``expr`` gives, from its structure (linear in
    its nodes): a symbol 1, a sum the largest, a product the total, :math:`p^k` :math:`|k|\deg p`; any other node the
    largest degree of its arguments, at least 1."""
    degree: dict = {}
    for node in postorder([expr], lambda e: e.args):
        args = [degree[a] for a in node.args]
        if node.is_Number or not node.free_symbols:
            degree[node] = 0
        elif node.is_Symbol:
            degree[node] = 1
        elif node.is_Add:
            degree[node] = max(args)
        elif node.is_Mul:
            degree[node] = sum(args)
        elif node.is_Pow and node.exp.is_Integer:
            degree[node] = args[0] * abs(int(node.exp))
        else:
            degree[node] = max([1, *args])
    return degree[expr]


#: Expressions whose expansion may hold more terms (:func:`terms_bound`, numerator or common denominator) are shown
#: as derived: ``cancel`` and ``factor`` expand them, and ``((a₁+a₂)(a₂+a₃)···(a₈+a₁))³`` (2.8·10⁶ monomials, degree
#: 24) or a 480-term common denominator of a short sum of fractions took minutes.
TIDY_TERMS = 200


def terms_bound(expr) -> int:
    r"""An upper bound of the terms of the numerator and of the common denominator that ``cancel`` expands ``expr``
    into, from its structure (linear in its nodes): a sum :math:`\sum n_i/d_i` has :math:`\sum_i n_i \prod_{j\ne i}
    d_j` over :math:`\prod d_i`, a product multiplies both, :math:`p^k` has at most :math:`\binom{t+k-1}{k}` of
    :math:`p`'s :math:`t`; a function or a symbol counts 1.  Capped at ``TIDY_TERMS + 1``."""
    cap = TIDY_TERMS + 1
    bound: dict = {}
    for node in postorder([expr], lambda e: e.args if e.is_Add or e.is_Mul or e.is_Pow else ()):
        if node.is_Add or node.is_Mul:
            parts = [bound[a] for a in node.args]
            common = math.prod(d for _, d in parts)
            numerator = math.prod(n for n, _ in parts) if node.is_Mul else sum(n * (common // d) for n, d in parts)
            bound[node] = (min(cap, numerator), min(cap, common))
        elif node.is_Pow and node.exp.is_Integer and node.exp != 0:
            power = abs(int(node.exp))
            numerator, denominator = (min(cap, math.comb(t + power - 1, power)) for t in bound[node.base])
            bound[node] = (numerator, denominator) if node.exp > 0 else (denominator, numerator)
        else:
            bound[node] = (1, 1)
    return max(bound[expr])


def tidy(expr):
    """``expr`` as derived, or its shortest of cancel / factor / expand when that saves ``MIN_SAVING`` operations
    (expressions over :data:`TIDY_LIMIT` nodes, :data:`TIDY_SYMBOLS` symbols, degree :data:`TIDY_DEGREE` or
    :data:`TIDY_TERMS` expanded terms are left as derived)."""
    expr = sympy.sympify(expr)
    if tree_size(expr, TIDY_LIMIT) > TIDY_LIMIT or expr.is_number or expr.is_Symbol or _plain_product(expr) \
            or len(expr.free_symbols) > TIDY_SYMBOLS or degree_bound(expr) > TIDY_DEGREE \
            or terms_bound(expr) > TIDY_TERMS:
        return expr
    best, best_size = expr, sympy.count_ops(expr) - MIN_SAVING + 1
    for transform in (sympy.cancel, sympy.factor, lambda e: sympy.expand(e, deep=False)):
        try:
            candidate = transform(expr)
        except (sympy.PolynomialError, TypeError, ValueError, NotImplementedError):
            continue
        size = sympy.count_ops(candidate)
        if size < best_size:
            best, best_size = candidate, size
    return best
