r"""When and how a derived expression is simplified for display (:func:`tidy`).

A simplification is kept only when it saves at least :data:`MIN_SAVING` operations: the course writes
:math:`-y/a + (1-y)/(1-a)`, not :math:`(y - a)/(a(a - 1))`.  Expressions that simplifying would cost more than it
shows (over :data:`TIDY_LIMIT` nodes, :data:`TIDY_SYMBOLS` symbols, degree :data:`TIDY_DEGREE` or
:data:`TIDY_TERMS` expanded terms, bounded from their structure by :func:`degree_bound` and :func:`terms_bound`)
are shown as derived.
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy

from ..traversal import postorder
from .ordering import tree_size

__all__ = ["tidy", "degree_bound", "terms_bound", "MIN_SAVING", "TIDY_LIMIT", "TIDY_SYMBOLS", "TIDY_DEGREE", "SPARSE_DEGREE", "SPARSE_TERMS",
           "TIDY_TERMS", "SATURATION"]

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


#: Expressions of a higher (bounded) polynomial degree are shown as derived: ``factor`` and ``cancel`` expand
#: them, and an iterated square :math:`((x^2 + x)^2 + x)^2 \dots` of six levels (degree 64) took seconds, of
#: eight minutes; :math:`w^{1/1000} + w^{1/999}` (degree 1996001 in :math:`w^{1/999000}`), :math:`e^{10^9 w}`
#: (degree 10⁹ in :math:`e^w`) and :math:`e^{(w+1)^{30}}` (degree 2³⁰) never ended.
TIDY_DEGREE = 32
#: A sparse expression (at most :data:`SPARSE_TERMS` expanded terms: a sigmoid of :math:`e^{0.37 w}`, degree 111 in
#: :math:`e^{w/100}`) is tidied up to this degree: ``cancel`` and ``factor`` take milliseconds there, where
#: :math:`200 e^{200 w} + e^w` (two terms, degree 200) takes a second and degree 400 seven (final38b F38b-2).
SPARSE_DEGREE = 256
SPARSE_TERMS = 8

#: Where the bounds saturate: a larger count, mass or denominator is "too large" (far past every limit).
SATURATION = 2 ** 40


def _power(node):
    """``(base, exponent)`` of a power or of ``exp`` (base e), else None."""
    if node.is_Pow:
        return node.base, node.exp
    if isinstance(node, sympy.exp):
        return sympy.E, node.exp
    return None


def _saturated(value):
    """``value``, or ``math.inf`` past :data:`SATURATION` (a size too large for every limit)."""
    return value if value <= SATURATION else math.inf


def _lcm(*denominators):
    """The lcm, saturated (:func:`_saturated`)."""
    return math.inf if math.inf in denominators else _saturated(math.lcm(*denominators))


def _coefficient_sizes(nodes) -> dict:
    r"""For each node, ``(mass, denominator)`` of its expansion :math:`\sum_i c_i t_i` into rational multiples of
    generators (what SymPy's ``expand`` makes of an exponent before ``decompose_power`` reads
    :math:`b^{c_i t_i}` as :math:`(b^{t_i/q})^{c_i q}`): an upper bound of :math:`\sum_i |c_i|` and a multiple of
    the lcm of the denominators of the :math:`c_i` (``math.inf`` past :data:`SATURATION`).  A rational is itself;
    a sum adds masses and takes the lcm; a product multiplies both; :math:`p^k` (rational :math:`k \ge 1`) raises
    both to :math:`\lfloor k \rfloor` (``expand`` writes :math:`p^{5/4} = p \cdot p^{1/4}`); anything else (a symbol, a float, a function, any other power) is one generator, (1, 1)."""
    sizes: dict = {}
    for node in nodes:
        args = [sizes[a] for a in node.args]
        if node.is_Rational:
            size = (_saturated(Fraction(abs(int(node.p)), int(node.q))), _saturated(int(node.q)))  # 2^1090: no float
        elif node.is_Add:
            size = (_saturated(sum(m for m, _ in args)), _lcm(*(d for _, d in args)))
        elif node.is_Mul:
            size = (_saturated(math.prod(m for m, _ in args)), _saturated(math.prod(d for _, d in args)))
        elif node.is_Pow and node.exp.is_Rational and node.exp >= 1:
            size = _power_size(*args[0], int(node.exp.p // node.exp.q))
        else:
            size = (Fraction(1), 1)
        sizes[node] = size
    return sizes


def _power_size(mass, denominator, power: int):
    """``(mass, denominator)`` of :math:`p^k` from ``p``'s: exact up to the 64th power, then bounded (a mass of at
    most 1 stays below itself, a larger one and any denominator but 1 saturate)."""
    if power <= 64:
        return _saturated(mass ** power), _saturated(denominator ** power)
    return (mass if mass <= 1 else math.inf), (1 if denominator == 1 else math.inf)


def _power_degrees(exponent, base_degrees, exponent_degrees, mass, denominator) -> tuple[int, int]:
    r"""Numerator and denominator degrees of :math:`b^E` (not an integer power) from :math:`b`'s and :math:`E`'s:
    ``expand`` makes it :math:`\prod_i b^{c_i t_i}`, read as powers :math:`|c_i| L_b` of generators
    :math:`b^{t_i/L_b}` (``mass`` :math:`\ge \sum_i |c_i|`, ``denominator`` :math:`L_b`, the lcm over every
    exponent of :math:`b`), of :math:`b`'s numerator and denominator; at least the degree of :math:`E` (a
    function's argument); a negative exponent swaps them (``as_numer_denom``).  ``expand`` splits a product base
    (:math:`(6x)^E = 6^E x^E`): its numbers count in :math:`b`'s numerator degree."""
    steps = mass * denominator
    generator = SATURATION if steps == math.inf else min(SATURATION, math.ceil(steps))
    numerator = min(SATURATION, max(generator * max(1, base_degrees[0]), *exponent_degrees))
    below = min(SATURATION, generator * base_degrees[1])
    return (below, numerator) if exponent.could_extract_minus_sign() else (numerator, below)


def _roots(nodes, sizes) -> dict:
    r"""For each power or exponential, ``(root, mass, denominator)``: its innermost base and the size
    (:func:`_coefficient_sizes`) of its whole exponent, :math:`(b^{E_1})^{E_2} = b^{E_1 E_2}` as ``expand`` writes
    it for a positive :math:`b`."""
    roots: dict = {}
    for node in nodes:
        power = _power(node)
        if power is not None:
            base, exponent = power
            mass, denominator = sizes[exponent]
            if base in roots:
                base, inner_mass, inner_denominator = roots[base]
                mass, denominator = _saturated(mass * inner_mass), _saturated(denominator * inner_denominator)
            roots[node] = (base, mass, denominator)
    return roots


def _degrees(expr) -> tuple[int, int]:
    r"""Upper bounds of the total degrees of the numerator and of the common denominator that ``expand``,
    ``as_numer_denom`` and ``cancel`` give ``expr``, in the generators SymPy's polynomials read in it, saturated at
    :data:`SATURATION` (three passes over its nodes): a number :math:`(0, 0)`; a symbol :math:`(1, 0)`; a sum
    :math:`\sum n_i/d_i` :math:`\max_i (n_i + \sum_{j \ne i} d_j)` over :math:`\sum_i d_i`; a product the totals;
    :math:`p^k` (integer :math:`k`) :math:`|k|` times :math:`p`'s, swapped for :math:`k < 0`; any other power or
    exponential :func:`_power_degrees`; any other node (a function, a constant such as π) is a generator of the
    largest degree of its arguments, at least 1.  A symbol, number or generator :math:`b` that is also the base of
    powers counts :math:`L_b`: :math:`w \cdot w^{1/1000}` is :math:`(w^{1/1000})^{1001}`."""
    nodes = postorder([expr], lambda e: e.args)
    sizes = _coefficient_sizes(nodes)
    roots = _roots(nodes, sizes)
    denominators: dict = {}
    for root, _, denominator in roots.values():
        denominators[root] = _lcm(denominators.get(root, 1), denominator)
    degrees: dict = {}
    as_base: dict = {}  # a generator's degree where it is a base (not yet a power of b^{1/L_b})
    for node in nodes:
        args = [degrees[a] for a in node.args]
        if node.is_Add:
            common = min(SATURATION, sum(d for _, d in args))
            degrees[node] = (min(SATURATION, max(n + common - d for n, d in args)), common)
        elif node.is_Mul:
            degrees[node] = (min(SATURATION, sum(n for n, _ in args)), min(SATURATION, sum(d for _, d in args)))
        elif node.is_Pow and node.exp.is_Integer:
            times = min(SATURATION, abs(int(node.exp)))
            numerator, denominator = (min(SATURATION, times * degree) for degree in args[0])
            degrees[node] = (numerator, denominator) if node.exp > 0 else (denominator, numerator)
        elif node in roots:
            root, mass, _ = roots[node]
            numbers = sum(1 for factor in sympy.Mul.make_args(root) if factor.is_Number)
            base = as_base.get(node.args[0], args[0]) if node.is_Pow else (0, 0)
            base_degrees = (base[0] + numbers, base[1])
            degrees[node] = _power_degrees(_power(node)[1], base_degrees, args[-1], mass, denominators[root])
        else:
            own = 0 if node.is_Number or node is sympy.I else 1 if node.is_Symbol \
                else max([1, *(max(pair) for pair in args)])
            shared = denominators.get(node, 1)
            as_base[node] = (own, 0)
            degrees[node] = (SATURATION if shared == math.inf else min(SATURATION, max(own, 1) * shared)
                             if shared > 1 else own, 0)
    return degrees[expr]


def degree_bound(expr) -> int:
    r"""An upper bound of the total degree of the polynomials (numerator or common denominator) that ``cancel`` and
    ``factor`` read in ``expr``, in SymPy's generators, from its structure (:func:`_degrees`): a symbol 1, a sum of
    polynomials the largest, :math:`n_1/d_1 + n_2/d_2` at most :math:`\max(n_1 + d_2, n_2 + d_1)` over
    :math:`d_1 + d_2`, a product the total, :math:`p^k` (integer :math:`k`) :math:`|k|\deg p`; any other power
    :math:`b^{c t}` :math:`|c| L_b` powers of the generator :math:`b^{t/L_b}`, :math:`L_b` the lcm of the
    denominators of :math:`b`'s exponents (:math:`w^{1/1000} + w^{1/999}`: 1000 in :math:`w^{1/999000}`;
    :math:`e^{10^9 w}`: :math:`10^9` in :math:`e^w`), an exponent's expansion counted term by term
    (:math:`e^{(w+1)^{30}}`: :math:`2^{30}`); any other node the largest degree of its arguments, at least 1."""
    return max(_degrees(expr))


#: Expressions whose expansion may hold more terms (:func:`terms_bound`, numerator or common denominator) are shown
#: as derived: ``cancel`` and ``factor`` expand them, and ``((a₁+a₂)(a₂+a₃)···(a₈+a₁))³`` (2.8·10⁶ monomials, degree
#: 24) or a 480-term common denominator of a short sum of fractions took minutes; so did
#: ``w·sin((a₁+···+a₈)²⁰)``, whose argument ``expand`` multiplies out (888 030 terms).
TIDY_TERMS = 200


def _power_terms(counts, exponent, cap: int) -> tuple[int, int]:
    r""":math:`p^k` has at most :math:`\binom{t+k-1}{k}` of :math:`p`'s :math:`t` terms (numerator and denominator,
    swapped for :math:`k < 0`); a rational :math:`k` expands its integer part (:math:`p^{5/2} = p^2 \sqrt p`)."""
    power = abs(exponent.p) // exponent.q
    numerator, denominator = (min(cap, math.comb(t + power - 1, power)) if power else 1 for t in counts)
    return (numerator, denominator) if exponent > 0 else (denominator, numerator)


def terms_bound(expr) -> int:
    r"""An upper bound of the terms of the numerator and of the common denominator that ``cancel`` expands ``expr``
    or any of its parts into (``expand`` is deep: a function's argument and an exponent are expanded too), from its
    structure (linear in its nodes): a sum :math:`\sum n_i/d_i` has :math:`\sum_i n_i \prod_{j\ne i} d_j` over
    :math:`\prod d_i`, a product multiplies both, :math:`p^k` has at most :math:`\binom{t+k-1}{k}` of :math:`p`'s
    :math:`t` (the integer part of a rational :math:`k`); a logarithm as many as its argument's factors (``expand``
    splits :math:`\log 6x = \log 6 + \log x`); any other function, a symbol or an exponential counts 1.  Capped
    at ``TIDY_TERMS + 1``."""
    cap = TIDY_TERMS + 1
    bound: dict = {}
    for node in postorder([expr], lambda e: e.args):
        if node.is_Add or node.is_Mul:
            parts = [bound[a] for a in node.args]
            common = min(cap, math.prod(d for _, d in parts))
            numerator = math.prod(n for n, _ in parts) if node.is_Mul else sum(n * (common // d) for n, d in parts)
            bound[node] = (min(cap, numerator), common)
        elif node.is_Pow and node.exp.is_Rational and node.exp != 0:
            bound[node] = _power_terms(bound[node.base], node.exp, cap)
        elif isinstance(node, sympy.log):
            factors = len(sympy.Mul.make_args(node.args[0]))
            bound[node] = (factors, 1)
        else:
            bound[node] = (1, 1)
    return max(max(pair) for pair in bound.values())


def _too_high(degree: int, terms: int) -> bool:
    """Past :data:`TIDY_TERMS` terms, or past :data:`TIDY_DEGREE` unless sparse (:data:`SPARSE_DEGREE`)."""
    return terms > TIDY_TERMS or degree > (SPARSE_DEGREE if terms <= SPARSE_TERMS else TIDY_DEGREE)


def tidy(expr):
    """``expr`` as derived, or its shortest of cancel / factor / expand when that saves ``MIN_SAVING`` operations
    (expressions over :data:`TIDY_LIMIT` nodes, :data:`TIDY_SYMBOLS` symbols, degree :data:`TIDY_DEGREE` (a sparse
    one :data:`SPARSE_DEGREE`) or :data:`TIDY_TERMS` expanded terms are left as derived)."""
    expr = sympy.sympify(expr)
    if tree_size(expr, TIDY_LIMIT) > TIDY_LIMIT or expr.is_number or expr.is_Symbol or _plain_product(expr) \
            or len(expr.free_symbols) > TIDY_SYMBOLS or _too_high(degree_bound(expr), terms_bound(expr)):
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
