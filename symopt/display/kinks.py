r"""Where a slope is not differentiable at a point: the kink of :math:`|w|` at 0, a tie of ``max``/``min``, a jump
of ``sign``, ``floor`` or a Piecewise's condition.  There the second derivative does not exist (SymPy's ``diff``
would give :math:`2\,\mathrm{Heaviside}(0) = 1` or a DiracDelta), so ``explain`` names the kink instead of a
curvature."""

from __future__ import annotations

import sympy
from sympy.core.relational import Relational

from ..functions import leaky_relu, relu, step
from ..traversal import postorder
from .ieee import NEGATIVE_ZERO
from .notation import text as text_of
from .values import evaluate, node_values

__all__ = ["kink_at", "curvature_beside"]


def _at_zero(value, arguments: list) -> str | None:
    return f"{text_of(arguments[0])} = 0" if value[0].is_zero is True else None


def _tie(value, arguments: list) -> str | None:
    moving = [(a, v) for a, v in zip(arguments, value) if v.is_number]
    for i, (first, number) in enumerate(moving):
        for second, other in moving[i + 1:]:
            if (number - other).is_zero is True:
                return f"{text_of(first)} = {text_of(second)}"
    return None


def _integer(value, arguments: list) -> str | None:
    return f"{text_of(arguments[0])} is the whole number {int(value[0])}" if value[0].is_integer is True else None


#: ``{function: rule}``: where a function of that class is not differentiable, from its arguments' values at the
#: point (a description such as ``w = 0``, else None).
KINKS = {sympy.Abs: _at_zero, sympy.sign: _at_zero, sympy.Heaviside: _at_zero, step: _at_zero, relu: _at_zero,
         leaky_relu: _at_zero, sympy.Max: _tie, sympy.Min: _tie, sympy.floor: _integer, sympy.ceiling: _integer}


#: How far either side of the point the slope and curvature are compared (exactly: a rational offset).
SIDE = sympy.Rational(1, 10 ** 20)


def kink_at(slope, curvature, symbol, bound: dict) -> str | None:
    """Where the first node of ``slope`` that reads ``symbol`` is not differentiable at the ``bound`` values
    (``sign(w)`` at ``w = 0``: ``"sign(w) is not differentiable (w = 0)"``; a Piecewise's or a step's condition
    ``w ≤ 0`` at its boundary: ``"the condition w ≤ 0 changes at w = 0"``), where the slope or its ``curvature``
    (symopt's rule; None: not compared) differs on the two sides of the point; None where every node is smooth
    there, or the kink is smoothed away (``|w|³``: ``3w·|w|`` has slope 0 either side of 0, so d²J/dw² = 0 exists)."""
    found = _first_kink(slope, symbol, bound)
    if found is None or not _sides_differ([slope] + ([curvature] if curvature is not None else []), symbol, bound):
        return None
    node, why = found
    if isinstance(node, Relational):  # a condition is no function: it changes there
        return f"the condition {text_of(node)} changes at {why}"
    return f"{text_of(node)} is not differentiable ({why})"


def _first_kink(slope, symbol, bound: dict) -> tuple | None:
    values = node_values(slope, bound)
    for node in postorder([slope]):
        if symbol not in node.free_symbols:
            continue
        if isinstance(node, Relational):
            gap = values.get(node.lhs, node.lhs) - values.get(node.rhs, node.rhs)
            if isinstance(gap, sympy.Expr) and gap.is_zero is True:
                return node, f"{text_of(node.lhs)} = {text_of(node.rhs)}"
            continue
        rule = KINKS.get(type(node))
        arguments = list(node.args)
        why = rule([sympy.sympify(values[a]) for a in arguments], arguments) if rule is not None else None
        if why is not None:
            return node, why
    return None


def _exact(value):
    """``value`` with each Float as the decimal it prints (0.5 as 1/2, 0.1 as 1/10, as the command line reads
    them), so that an offset of :data:`SIDE` is not lost in a Float's 15 digits (``w + 10⁻²⁰ - 0.5`` is 0 in
    SymPy's Float arithmetic); IEEE's -0.0 is kept."""
    if value is NEGATIVE_ZERO:
        return value
    value = sympy.sympify(value)
    floats = {number: sympy.Rational(str(number)) for number in value.atoms(sympy.Float)}
    return value.xreplace(floats)


def _sides_differ(expressions: list, symbol, bound: dict) -> bool:
    """Whether one of ``expressions`` takes other values just left and just right of the point (by :data:`SIDE`),
    the first (the slope) also other than at the point (as the display computes it there); True where a side has
    no finite real value (nothing shows the point smooth).  The sides are computed exactly: the expressions' and
    the point's Floats as the decimals they print (:func:`_exact`)."""
    for index, expression in enumerate(expressions):
        sides = _sides(expression, symbol, bound)
        if index == 0:  # the slope also at the point: sign(w)²·w has slope 1 either side of 0, and 0 at it
            sides.append(evaluate(expression, bound))
        if not _agree(sides):
            return True
    return False


def _agree(values: list) -> bool:
    """Whether ``values`` are finite real numbers equal to 9 digits (one side's offset of :data:`SIDE` aside)."""
    if not all(getattr(v, "is_number", False) and v.is_extended_real and v.is_finite for v in values):
        return False
    numbers = [float(v) for v in values]
    return max(numbers) - min(numbers) <= 1e-9 * (1 + max(abs(n) for n in numbers))


def _sides(expression, symbol, bound: dict, offset=SIDE) -> list:
    """``expression`` just left and just right of the point (by ``offset``), computed exactly (:func:`_exact`)."""
    near = {key: _exact(value) for key, value in bound.items()}
    at = sympy.S.Zero if near[symbol] is NEGATIVE_ZERO else near[symbol]
    return [evaluate(_exact(expression), {**near, symbol: at + side}) for side in (-offset, offset)]


def curvature_beside(slope, curvature, symbol, bound: dict):
    """Where ``slope`` has a kink node at the point that :func:`kink_at` finds smoothed away, the ``curvature``
    both sides share near the point, as a Float: ``relu(w)² + relu(-w)²`` (that is, w²) at 0 has 2 either side,
    where symopt's masks at the tie give 0 (``step(0) = 0``) or 4 (``[w ≥ 0]`` and ``[w ≤ 0]`` both 1: final48e
    48e-6); None where no node has a kink there, or the four values :data:`SIDE` and its square away on either side
    are not one and the same finite number (``|w|³``: ``6|w|`` is 6e-20, then 6e-40, whose limit 0 no offset shows:
    the formula's value stands)."""
    if _first_kink(slope, symbol, bound) is None:
        return None
    sides = _sides(curvature, symbol, bound) + _sides(curvature, symbol, bound, SIDE ** 2)
    if not all(getattr(v, "is_number", False) and v.is_extended_real and v.is_finite for v in sides) \
            or len({float(v) for v in sides}) != 1:
        return None
    return sympy.Float(float(sides[0]), 15)
