r"""Size measures of a SymPy expression, computed once per distinct node: what the parser bounds.

For each node :math:`e` with children :math:`c`:

* ``bits`` — of the exact numbers SymPy may compute: :math:`\log_2` of a rational, the sum over a
  product, the base's bits times :math:`|p/q|` for a power (a sum or function of symbols: its bits, SymPy keeps the
  power, but the numeric content the display takes out of a sum is raised), the maximum otherwise;
* ``size`` — nodes of the unfolded tree, :math:`1 + \sum \mathrm{size}(c)`;
* ``depth`` — functions and powers of symbols nested in each other;
* ``growth`` — :math:`\sum \mathrm{growth}(c) + w(e)\,\mathrm{size}(e)`, about the size of the
  printed derivative: the weight :math:`w` counts how often a derivative repeats the subtree (1 for
  a function or a power of a symbol, the number of symbolic arguments less one for ``min``/``max``
  and for a product with a non-trivial factor, 0 for a sum).
"""

from __future__ import annotations

import math
from typing import Callable, NamedTuple

import sympy

from symopt.numeric_content import numeric_content

__all__ = ["Measure", "Measurer", "pow_bits", "power_bits", "product_growth", "rational_bits"]


class Measure(NamedTuple):
    bits: float
    size: int
    depth: int
    growth: int


def pow_bits(base_bits: float, exponent: sympy.Expr) -> float:
    """Bits of the numbers SymPy may compute for ``base**exponent``."""
    if not exponent.is_Rational or base_bits == 0:
        return base_bits
    if abs(exponent.p) > exponent.q << 64:
        return math.inf
    return base_bits * max(1.0, abs(exponent.p) / exponent.q)


def rational_bits(number: sympy.Rational) -> float:
    r""":math:`\log_2` of a rational's larger part: ``1/12``: 3.58."""
    return math.log2(max(abs(number.p), number.q, 1))


def power_bits(base: sympy.Expr, base_bits: float, exponent: sympy.Expr) -> float:
    """Bits of the numbers SymPy may compute for ``base**exponent``.  A function of symbols, or a sum of them
    (``(r/12 + 1)**360``), stays a power: no number beyond the base's, except the numeric content the display takes
    out of the sum, which SymPy then raises (``(2w + 2)^n`` shows ``2^n (w + 1)^n``); a product's power is
    distributed (``(2*x)**n`` is ``2**n * x**n``): the base's bits times the exponent."""
    if base.free_symbols and base.is_Function:
        return base_bits
    if base.free_symbols and base.is_Add:
        content, _ = numeric_content(base)
        return max(base_bits, pow_bits(rational_bits(content), exponent))
    return pow_bits(base_bits, exponent)


def _weight(expr: sympy.Basic) -> int:
    symbolic = sum(1 for arg in expr.args if arg.free_symbols)
    if not symbolic:
        return 0
    if isinstance(expr, (sympy.Min, sympy.Max)):
        return symbolic - 1
    if expr.is_Mul:
        return symbolic - 1 if any(not arg.is_Atom and arg.free_symbols for arg in expr.args) else 0
    return 1 if expr.is_Function or expr.is_Pow else 0


def _combine(expr: sympy.Basic, children: list[Measure]) -> Measure:
    if expr.is_Rational:
        bits = rational_bits(expr)
    elif expr.is_Pow:
        bits = power_bits(expr.base, children[0].bits, expr.exp)
    elif expr.is_Mul:
        bits = sum(child.bits for child in children)
    else:
        bits = max((child.bits for child in children), default=0.0)
    size = 1 + sum(child.size for child in children)
    weight = _weight(expr)
    nonlinear = weight > 0 and (expr.is_Function or expr.is_Pow)
    depth = max((child.depth for child in children), default=0) + nonlinear
    return Measure(bits, size, depth, sum(child.growth for child in children) + weight * size)


class Measurer:
    """Measures expressions, remembering every node it has seen; ``inspect(node)`` runs once per new node
    (children first) and may raise to refuse it."""

    def __init__(self, inspect: Callable[[sympy.Basic], None]):
        self.inspect = inspect
        self.memo: dict[sympy.Basic, Measure] = {}

    def __call__(self, root: sympy.Basic) -> Measure:
        stack = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            if node in self.memo:
                continue
            if expanded:
                self.inspect(node)
                self.memo[node] = _combine(node, [self.memo[arg] for arg in node.args])
                continue
            stack.append((node, True))
            stack.extend((arg, False) for arg in node.args if arg not in self.memo)
        return self.memo[root]


def product_growth(factors: list, measures: list[Measure]) -> int:
    """The growth of ``Mul(*factors)`` before SymPy builds it."""
    symbolic = [f for f in factors if f.free_symbols]
    weight = len(symbolic) - 1 if any(not f.is_Atom for f in symbolic) else 0
    return sum(m.growth for m in measures) + max(weight, 0) * (1 + sum(m.size for m in measures))
