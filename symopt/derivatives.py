r"""Local partial derivatives of the scalar functions symopt differentiates, one rule per class.

``PARTIALS[cls](node)`` returns :math:`\partial f/\partial a_i` for every argument
:math:`a_i` of ``node = f(a_1, ..., a_n)`` (``None`` for an argument that takes no gradient,
such as Heaviside's value at 0).  :mod:`symopt.calculus` turns each entry into an adjoint
rule, so ``grad``, ``compile`` and the display's ``derive`` share this one table; a SymPy
function that is not here is refused with :class:`~symopt.errors.UnsupportedOperationError`
(never differentiated through whatever ``fdiff`` SymPy has, which can give ``polygamma`` or
``DiracDelta``: functions no backend can print).

Points where a function is not differentiable get a fixed convention (``docs/functions.md``):

* ``Max(a, b, ...)``: the whole gradient goes to one argument that attains the maximum.  At a
  tie it goes to the non-constant argument, and among non-constant arguments to the first in
  SymPy's order: :math:`\partial\max(w, c)/\partial w = [w \ge c]`, which is TF1's
  ``tf.maximum(w, c)`` gradient (``x >= y``).  ``Min`` likewise with :math:`\le` (TF1's
  ``tf.minimum``).  SymPy does not keep the order the arguments were written in, so between two
  variables the tie goes to the first in SymPy's sorted order, not necessarily to ``x``.
* ``Abs``: :math:`\mathrm{sign}(x)`, 0 at 0; ``sign``, ``Heaviside``, ``floor``, ``ceiling``: 0
  (they are constant almost everywhere; their jumps have no derivative); ``Heaviside(x, h0)`` passes
  :math:`[x = 0]` to its value at 0, ``h0``.
* ``Piecewise``: branch-wise, the taken branch's derivative selected (:func:`piecewise_select`; the masks of
  :func:`piecewise_masks` where a matrix is inside); conditions take no gradient.  A branch taken only on a point
  set of a differentiated quantity (``Eq(w, 1)``, or any branch after ``Ne(w, 1)``: SymPy's patch of a removable
  singularity) says nothing about the function's slope there: its partial is NaN (:func:`pinned_branches`).
"""

from __future__ import annotations

import functools
from typing import Callable

import sympy
from sympy import (Abs, Heaviside, Max, Min, Piecewise, acos, acosh, asin, asinh, atan, atan2, atanh, ceiling,
                   cos, cosh, erf, erfc, exp, floor, log, sign, sin, sinh, tan, tanh)
from sympy.codegen.cfunctions import expm1, log1p
try:
    from sympy.core.relational import _canonical_coeff as _canonical  # what Piecewise applies to its conditions
except ImportError:  # a SymPy without it (1.14 has it): no comparison is taken for one that loops
    def _canonical(condition):
        return condition
from sympy.logic.boolalg import Boolean

from .functions import (in_float, leaky_relu, log_where_nonzero, reciprocal_where_nonzero, relu, sigmoid, softplus,
                        step, stop_gradient)
from .linear_conditions import linear_solutions
from .reductions import FirstMaximum
from .safe_slopes import inverse_hypot, one_minus_square

__all__ = ["PARTIALS", "piecewise_masks", "piecewise_select", "pinned_branches", "extremum_masks",
           "extremum_masks_in", "settled", "substituted"]

Partials = Callable[[sympy.Basic], tuple]


def _square(x):
    return x ** 2


def extremum_masks(node) -> tuple:
    r"""Indicator of the argument that receives the gradient of ``Max``/``Min`` (see module docstring).

    For ``Max``: argument :math:`i` receives it where :math:`a_i \ge a_j` for every constant and every
    later argument and :math:`a_i > a_j` for every earlier non-constant argument.
    """
    return extremum_masks_in(node.args, isinstance(node, Max))


def extremum_masks_in(arguments, maximum: bool) -> tuple:
    """:func:`extremum_masks` of a ``Max`` (``maximum``) or ``Min`` of ``arguments`` taken in the order given: a
    display's ``max(u, 2c)`` gets the masks of ``Max(2c, b + c)``, the order SymPy gave what its arguments compute
    and the order grad and the generated code follow at a tie."""
    if len(arguments) > PAIRWISE_ARGUMENTS:
        return _first_extremum_masks(arguments, maximum)
    wins = sympy.Ge if maximum else sympy.Le
    beats = sympy.Gt if maximum else sympy.Lt
    masks = []
    for i, argument in enumerate(arguments):
        if not argument.free_symbols:
            masks.append(None)
            continue
        conditions = [beats(argument, other) if j < i and other.free_symbols else wins(argument, other)
                      for j, other in enumerate(arguments) if j != i]
        masks.append(_indicator(conditions))
    return tuple(masks)


#: Up to this many arguments a ``Max``'s masks compare each argument with every other (``[w >= 2]``, readable in a
#: display); past it each mask is ``FirstMaximum(...) = k`` (one argmax of all of them: O(n), not O(n²)).
PAIRWISE_ARGUMENTS = 3


def _first_extremum_masks(arguments, maximum: bool) -> tuple:
    """The masks of :func:`extremum_masks_in` from one :class:`~symopt.reductions.FirstMaximum` of the arguments that
    are not constants, in their order, then the constants (of the negated arguments for a ``Min``): the first
    argument attaining the extremum wins, a constant only where it is strictly beyond every other argument (then no
    argument gets the gradient), the ties of the pairwise masks."""
    varying = [a for a in arguments if a.free_symbols]
    ordered = varying + [a for a in arguments if not a.free_symbols]
    winner = FirstMaximum(*(ordered if maximum else [-a for a in ordered]))
    position = {id(a): k for k, a in enumerate(varying)}
    return tuple(Piecewise((1, sympy.Eq(winner, position[id(a)])), (0, True)) if a.free_symbols else None
                 for a in arguments)


def _indicator(conditions: list):
    """``Piecewise((1, And(*conditions)), (0, True))`` with each comparison :func:`settled`."""
    return Piecewise((1, settled(sympy.And(*conditions))), (0, True))


def substituted(expression, old, new):
    """``expression.subs(old, new)`` with each ``Piecewise`` in it held aside (a Dummy) and put back as it was:
    ``subs`` rebuilds a Piecewise evaluated, and SymPy 1.14's ``Piecewise.eval`` never ends on the mask of
    ``Max(0.9*t, -0.1*t)``, ``Piecewise((1, 0.9*t >= -0.1*t), (0, True))`` (probe45 P45-6: a pinball loss)."""
    held = {piece: sympy.Dummy("piece") for piece in expression.atoms(sympy.Piecewise)}
    if not held:
        return expression.subs(old, new)
    back = {dummy: piece for piece, dummy in held.items()}
    return expression.xreplace(held).subs(old, new).xreplace(back)


def settled(condition):
    r"""``condition`` with each comparison :math:`a \ge b` whose canonical form SymPy would rewrite without end
    written :math:`a - b \ge 0`.  SymPy 1.14's ``Piecewise`` makes a comparison of Float multiples of one term
    canonical by turning it round and back (``-0.1 t >= 0.9 t`` → ``0.1 t <= -0.9 t`` → ``0.9 t <= -0.1 t`` → ...),
    a ``RecursionError`` at every build of the mask of a pinball loss ``Max(0.9 t, -0.1 t)`` (probe45 P45-6).  A
    comparison of the difference with 0 settles: ``-2.0 t >= 0``; read as it is written, without the common factor
    and each term on the side where it is positive (``t <= 0``, ``y >= Z`` for ``0.9 y - 0.9 Z >= 0.1 Z - 0.1 y``)
    where that settles too.  Other comparisons are kept."""
    if not isinstance(condition, Boolean) or condition in (sympy.true, sympy.false):
        return condition
    return condition.replace(lambda node: node.is_Relational and not _settles(node), _readable_settled)


def _readable_settled(comparison):
    r""":math:`a \mathrel{R} b` as :math:`P \mathrel{R} N`, where :math:`(a - b)/c = P - N` with :math:`c` the common
    size of the coefficients of its varying terms and :math:`P`, :math:`N` sums of terms with positive coefficients
    (the varying side on the left); :math:`a - b \mathrel{R} 0` where that form does not settle either."""
    difference = comparison.lhs - comparison.rhs  # never expanded: a power of a sum expanded loses its sign to
    # rounding near 0 (final40c F40c-1: Max(0.9 r, -0.1 r) with r = (a + b)**3)
    terms = [term.as_coeff_Mul() for term in sympy.Add.make_args(difference)]
    sizes = {abs(coefficient) for coefficient, rest in terms if rest.free_symbols}
    common = sizes.pop() if len(sizes) == 1 else sympy.S.One
    positive = sympy.Add(*(_unit(coefficient / common) * rest for coefficient, rest in terms if coefficient > 0))
    negative = sympy.Add(*(_unit(-coefficient / common) * rest for coefficient, rest in terms if coefficient < 0))
    readable = comparison.func(positive, negative, evaluate=False)
    if not positive.free_symbols:
        readable = readable.reversed
    if _settles(readable):
        return readable
    return comparison.func(difference, 0)


def _unit(ratio):
    """An exact 1 for a ratio of 1.0 (so ``y`` is not printed ``1.0 y``)."""
    return sympy.S.One if float(ratio) == 1.0 else ratio


def _settles(condition, rounds: int = 8) -> bool:
    """Whether SymPy's canonical form of the comparison ``condition`` (the one ``Piecewise`` gives its condition at
    each build) reaches a fixed point."""
    for _ in range(rounds):
        if not getattr(condition, "is_Relational", False):
            return True
        canonical = _canonical(condition)
        if canonical == condition:
            return True
        condition = canonical
    return False


#: Functions that are constant on intervals: ``Eq(floor(w), 0)`` holds on ``[0, 1)``, ``Eq(Max(w, 0), 0)`` on
#: ``w <= 0``: not on a point set.
_LOCALLY_CONSTANT = (floor, ceiling, sign, Heaviside, step, relu, Piecewise, Max, Min)


def _any_free(expression) -> bool:
    return bool(expression.free_symbols)


def _moves(difference, varies) -> Boolean:
    r"""Where ``Eq(difference, 0)`` fixes what ``varies`` at a point: some partial of ``difference`` in a varying
    symbol is not 0 (``Eq(w, 1)``: always; ``Eq(x*w, 0)`` with data ``x``: where :math:`x \ne 0`, for at
    :math:`x = 0` it holds for every ``w``; ``Eq(Abs(w), w)``: :math:`\mathrm{sign}(w) - 1 \ne 0`, only at 0)."""
    if not varies(difference) or difference.has(*_LOCALLY_CONSTANT):
        return sympy.false
    symbols = [s for s in difference.free_symbols if varies(s)]
    if not all(isinstance(symbol, sympy.Symbol) for symbol in symbols):  # a matrix's entry: assume a point
        return sympy.true
    reals = {symbol: sympy.Dummy(real=True) for symbol in symbols}
    back = {dummy: symbol for symbol, dummy in reals.items()}
    slopes = [sympy.diff(difference.xreplace(reals), reals[symbol]).xreplace(back) for symbol in symbols]
    if any(slope.has(sympy.Derivative, sympy.Subs) for slope in slopes):
        return sympy.true
    return sympy.Or(*(sympy.Ne(slope, 0) for slope in slopes))


def _pins(condition, varies, holds: bool = True) -> Boolean:
    """Where ``condition`` being ``holds`` (true, or with ``holds=False`` false) fixes what ``varies`` at a point:
    :func:`_moves` of an ``Eq`` that holds or a ``Ne`` that fails, any conjunct of an ``And`` that holds or disjunct
    of an ``Or`` that fails, a ``Not`` the other way round; ``false`` where it never does."""
    equality, junction = (sympy.Eq, sympy.And) if holds else (sympy.Ne, sympy.Or)
    if isinstance(condition, equality):
        found = _moves(condition.lhs - condition.rhs, varies)
    elif isinstance(condition, junction):
        found = sympy.Or(*(_pins(part, varies, holds) for part in condition.args))
    elif isinstance(condition, sympy.Not):
        found = _pins(condition.args[0], varies, not holds)
    else:
        found = sympy.false
    if found is not sympy.true and _on_points(condition, varies, holds):
        return sympy.true
    return found


def _on_points(condition, varies, holds: bool) -> bool:
    r"""Whether ``condition`` of one varying real symbol (and nothing else) holds (``holds=False``: fails) on
    finitely many points only, by SymPy's solution set: ``(w > 0) | (w < 0)`` fails only at 0 and
    ``(w >= 1) & (w <= 1)`` holds only at 1, which ``sympy.simplify`` writes for ``Ne(w, 0)`` and ``Eq(w, 1)``;
    ``Eq((w - 1)^2, 0)`` and ``|w - 1| \le 0`` hold only at 1, where the slope :func:`_moves` reads is 0
    (probe73 P73-1)."""
    symbols = condition.free_symbols
    if len(symbols) != 1:
        return False
    (symbol,) = symbols
    solvable = all(isinstance(f, (Abs, Max, Min)) for f in condition.atoms(sympy.Function))
    if not isinstance(symbol, sympy.Symbol) or not varies(symbol) or not solvable:
        return False
    return _finite_where(condition.xreplace({symbol: _REAL}), holds)


#: The real number a one-symbol condition is solved for (:func:`_finite_where`).
_REAL = sympy.Dummy("w", real=True)


@functools.lru_cache(maxsize=1024)
def _finite_where(condition, holds: bool) -> bool:
    """Whether the real solutions of ``condition`` (of :data:`_REAL`; with ``holds=False``, of its negation) are a
    finite non-empty set; False where SymPy cannot solve it.  Conditions linear in it (thresholds, bins, ``Ne(w, c)``)
    are read without SymPy's solver (:func:`~symopt.linear_conditions.linear_solutions`: probe93 P93-3)."""
    where = linear_solutions(condition, _REAL)
    try:
        where = condition.as_set() if where is None else where
    except (NotImplementedError, TypeError, ValueError):
        return False
    where = where if holds else sympy.S.Reals - where
    return isinstance(where, sympy.FiniteSet) and len(where) > 0


def pinned_branches(node, varies=None) -> list:
    r"""For each branch of ``Piecewise((e_1, c_1), ..., (e_n, c_n))``: where, taken, it holds only on a point set
    of a differentiated quantity (``varies(expression)``: it depends on one; by default, on any symbol), a condition
    (``true``: everywhere it is taken; ``false``: nowhere), because :math:`c_i` is ``Eq(w, c)`` or an earlier
    :math:`c_j` is ``Ne(w, c)`` and the equality fixes ``w`` (:func:`_moves`).  Such a branch's derivative is not
    the function's: SymPy writes ``Piecewise((5, Eq(w, 1)), ((1 - w^5)/(1 - w), True))`` for
    :math:`\sum_{i=0}^4 w^i` (slope 10 at 1, the branch's 0), so its partial is NaN there (probe35 P35-6)."""
    varies = varies or _any_free
    pins, excluded = [], sympy.false
    for pair in node.args:
        pins.append(sympy.Or(excluded, _pins(pair.cond, varies)))
        excluded = sympy.Or(excluded, _pins(pair.cond, varies, holds=False))
    return pins


def _split_pinned(pairs: list, pins: list) -> list:
    """``(value, condition)`` pairs with, before each branch pinned somewhere, ``(nan, condition & pin)``."""
    split = []
    for (value, condition), pin in zip(pairs, pins):
        if pin is sympy.true:
            value = sympy.nan
        elif pin is not sympy.false:
            split.append((sympy.nan, sympy.And(condition, pin)))
        split.append((value, condition))
    return split


def piecewise_masks(node, varies=None) -> tuple:
    r"""``Piecewise((e_1, c_1), ..., (e_n, c_n))`` is :math:`e_i` where :math:`c_i` is the first true
    condition, so :math:`\partial/\partial e_i` is the indicator of that region (a 0/1 mask).  Where no condition
    holds the function has no value (NaN), and no slope either: every mask is NaN there, never a silent 0; so is
    the mask of a branch taken only on a point set of what ``varies`` (:func:`pinned_branches`)."""
    masks = []
    conditions = [pair.cond for pair in node.args]
    covered = sympy.true in conditions
    pins = pinned_branches(node, varies)
    for i, condition in enumerate(conditions):
        earlier = [(0, c) for c in conditions[:i]]
        rest = [] if condition is sympy.true else \
            [(0, True)] if covered else [*((0, c) for c in conditions[i + 1:]), (sympy.nan, True)]
        masks.append(Piecewise(*earlier, *_split_pinned([(1, condition)], [pins[i]]), *rest))
    return tuple(masks)


def piecewise_select(node, differentials, varies=None) -> sympy.Expr:
    r"""The derivative of ``Piecewise((e_1, c_1), ..., (e_n, c_n))`` given each branch's :math:`de_i`: the
    :math:`de_i` of the first true condition, *selected* (``numpy.where``, ``a if c else b``), never summed as
    :math:`\sum_i \mathrm{mask}_i\, de_i`: a branch not taken may have no derivative there (the signed square
    root's :math:`\sqrt{-w}` at :math:`w > 0`, :math:`\sin(w)/w` at 0), and :math:`0 \cdot \mathrm{NaN}` is NaN.
    NaN where no condition holds, as :func:`piecewise_masks`, and in a branch taken only on a point set of what
    ``varies`` (:func:`pinned_branches`)."""
    pins = pinned_branches(node, varies)
    if all(pin is sympy.false for pin in pins) and all(d == differentials[0] for d in differentials) and \
            sympy.true in [pair.cond for pair in node.args]:
        return differentials[0]
    pairs = _split_pinned([(d, pair.cond) for d, pair in zip(differentials, node.args)], pins)
    if sympy.true not in [pair.cond for pair in node.args]:
        pairs.append((sympy.nan, True))
    return Piecewise(*pairs, evaluate=False)  # evaluating may compare deep conditions without end (calculus)


def _atan2_partials(node):
    y, x = node.args
    radius = x ** 2 + y ** 2
    return (x / radius, -y / radius)


def _heaviside_partials(node):
    r""":math:`\partial H(x, h_0)/\partial x = 0` (constant almost everywhere) and :math:`\partial/\partial h_0 = [x = 0]`:
    a parameter or data value at 0 is the function's value there (probe35 P35-2: it was dropped)."""
    return (sympy.S.Zero, Piecewise((1, sympy.Eq(node.args[0], 0)), (0, True)))


def _zero(node):
    return (sympy.S.Zero,) + (None,) * (len(node.args) - 1)


def _own(node):
    """symopt's functions define their own derivatives (``fdiff``) and TF1's kink conventions."""
    return tuple(node.fdiff(i + 1) for i in range(len(node.args)))


#: ``cls -> partials(node)``: the local derivative of each argument.
PARTIALS: dict[type, Partials] = {
    exp: lambda n: (n,),
    log: lambda n: (1 / n.args[0],),
    sin: lambda n: (cos(n.args[0]),),
    cos: lambda n: (-sin(n.args[0]),),
    tan: lambda n: (1 + n ** 2,),
    asin: lambda n: (1 / sympy.sqrt(1 - _square(n.args[0])),),
    acos: lambda n: (-1 / sympy.sqrt(1 - _square(n.args[0])),),
    atan: lambda n: (1 / (1 + _square(n.args[0])),),
    sinh: lambda n: (cosh(n.args[0]),),
    cosh: lambda n: (sinh(n.args[0]),),
    tanh: lambda n: (1 - n ** 2,),
    asinh: lambda n: (1 / sympy.sqrt(_square(n.args[0]) + 1),),
    acosh: lambda n: (1 / (sympy.sqrt(n.args[0] - 1) * sympy.sqrt(n.args[0] + 1)),),
    atanh: lambda n: (1 / (1 - _square(n.args[0])),),
    erf: lambda n: (2 / sympy.sqrt(sympy.pi) * exp(-_square(n.args[0])),),
    erfc: lambda n: (-2 / sympy.sqrt(sympy.pi) * exp(-_square(n.args[0])),),
    log1p: lambda n: (1 / (1 + n.args[0]),),
    expm1: lambda n: (exp(n.args[0]),),
    atan2: _atan2_partials,
    Abs: lambda n: (sign(n.args[0]),),
    sign: _zero,
    Heaviside: _heaviside_partials,
    floor: _zero,
    ceiling: _zero,
    Max: extremum_masks,
    Min: extremum_masks,
    Piecewise: piecewise_masks,
    sigmoid: _own,
    relu: _own,
    softplus: _own,
    leaky_relu: _own,
    step: _own,
    stop_gradient: _zero,
    FirstMaximum: lambda n: (sympy.S.Zero,) * len(n.args),
    in_float: lambda n: (sympy.S.One, None),
    log_where_nonzero: _own,
    reciprocal_where_nonzero: _own,
    inverse_hypot: _own,  # the slopes of asinh, asin, acos, atanh in generated code (adjoint_rules.CODE_SLOPES)
    one_minus_square: _own,
}
