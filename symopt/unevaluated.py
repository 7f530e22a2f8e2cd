r"""Unevaluated arithmetic for update rules and schedules: SymPy keeps the operands in the order written,
so the printed code runs the kernels' operations in their order (their float32 digits depend on it).

``rsqrt(x)`` is TF's reciprocal square root: printed ``(1/sqrt(x))``, shown :math:`1/\sqrt{x}`.
"""

from __future__ import annotations

import sympy
from sympy import Add, Mul, Pow

__all__ = ["minus", "times", "over", "sqrt_of", "rsqrt"]


def minus(a, b):
    """:math:`a - b`."""
    return Add(a, Mul(-1, b, evaluate=False), evaluate=False)


def times(*factors):
    """:math:`a b \\cdots` in this order."""
    return Mul(*factors, evaluate=False)


def over(a, b):
    """:math:`a / b` (printed as a division)."""
    return Mul(a, Pow(b, -1, evaluate=False), evaluate=False)


def sqrt_of(x):
    r""":math:`\sqrt{x}`."""
    return Pow(x, sympy.S.Half, evaluate=False)


class rsqrt(sympy.Function):
    r"""TF's ``rsqrt``: :math:`1/\sqrt{x}`, computed as one division of one square root."""

    def _symopt_code(self, printer):
        return f"(1/{printer.array_module}.sqrt({printer._print(self.args[0])}))"

    def _latex(self, printer):
        return r"\frac{1}{\sqrt{%s}}" % printer._print(self.args[0])

    def fdiff(self, argindex=1):
        return -Pow(self.args[0], sympy.Rational(-3, 2)) / 2
