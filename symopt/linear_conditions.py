r"""Where a condition holds that is linear in one real unknown, read without SymPy's inequality solver.

:math:`a u + b \gtrless 0`, :math:`= 0` or :math:`\ne 0` with real constants :math:`a \ne 0` (of known sign) and
:math:`b` holds on a half-line, a point, or all but a point; ``And``, ``Or`` and ``Not`` of such conditions on the
intersection, union and complement of those sets.  SymPy's ``as_set`` reaches the same sets through
``solve_univariate_inequality`` at 20-90 ms a condition (probe93 P93-3, final48f: thresholds ``w > k/N``, bins
``(w > k/N) & (w <= (k + 1)/N)``, removable singularities ``Ne(w, c)``)."""

from __future__ import annotations

import sympy

__all__ = ["linear_solutions"]

#: Each inequality: whether its threshold is excluded, and whether it holds above it (for a positive slope).
INEQUALITIES = {sympy.StrictGreaterThan: (True, True), sympy.GreaterThan: (False, True),
                sympy.StrictLessThan: (True, False), sympy.LessThan: (False, False)}


def linear_solutions(condition, unknown):
    """The set of real ``unknown`` where ``condition`` holds (a :class:`sympy.Set`), or None where ``condition`` is
    not made of conditions linear in ``unknown`` with constant real coefficients (then the solver decides)."""
    if isinstance(condition, (sympy.And, sympy.Or)):
        parts = [linear_solutions(part, unknown) for part in condition.args]
        if any(part is None for part in parts):
            return None
        return sympy.Intersection(*parts) if isinstance(condition, sympy.And) else sympy.Union(*parts)
    if isinstance(condition, sympy.Not):
        inner = linear_solutions(condition.args[0], unknown)
        return None if inner is None else sympy.S.Reals - inner
    if not isinstance(condition, (sympy.Eq, sympy.Ne, *INEQUALITIES)):
        return None
    offset, term = (condition.lhs - condition.rhs).as_independent(unknown, as_Add=True)
    slope, rest = term.as_independent(unknown, as_Mul=True)
    if rest != unknown or slope.is_real is not True or offset.is_real is not True or slope.is_zero is not False:
        return None
    point = -offset / slope
    if isinstance(condition, (sympy.Eq, sympy.Ne)):
        return sympy.FiniteSet(point) if isinstance(condition, sympy.Eq) else sympy.S.Reals - sympy.FiniteSet(point)
    if slope.is_positive is None:
        return None
    excluded, above = INEQUALITIES[type(condition)]
    if above == bool(slope.is_positive):
        return sympy.Interval(point, sympy.oo, left_open=excluded)
    return sympy.Interval(-sympy.oo, point, right_open=excluded)
