"""The numeric content the displays take out of a sum (``3a + 3bc`` = ``3(a + bc)``), shared by the display, which
shows it, and :mod:`symopt.measure`, which bounds the numbers it makes: SymPy distributes a power over the product
that results, ``(2w + 2)^n`` = ``(2(w + 1))^n`` = ``2^n (w + 1)^n`` (final41c F41c-4)."""

from __future__ import annotations

import sympy

__all__ = ["numeric_content"]


def numeric_content(add: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """``(c, p)`` with ``add`` = ``c·p`` as the course writes it: ``3a + 3bc`` → ``(3, a + bc)``, ``-a - b`` →
    ``(-1, a + b)``; ``(1, add)`` where nothing is taken out: a matrix sum, a sum without a common number, or one
    where the content would give a term a coefficient larger than the sum's own (``y/1000 + sin(x)`` stays as
    written: ``(1000 sin(x) + y)/1000`` showed a step ``1000u + y`` of 1000 times any value the cost computes,
    probe23 P23-7)."""
    if add.is_Matrix or not add.is_Add:
        return sympy.S.One, add
    content, primitive = add.as_content_primitive()
    if primitive.is_Add and all(term.could_extract_minus_sign() for term in primitive.args):
        content, primitive = -content, -primitive
    if content == 1 or not primitive.is_Add:
        return sympy.S.One, add
    largest = max(1, *(abs(term.as_coeff_Mul()[0]) for term in add.args))
    if any(abs(term.as_coeff_Mul()[0]) > largest for term in primitive.args):
        return sympy.S.One, add
    return content, primitive
