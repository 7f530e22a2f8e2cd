r"""A power times an extreme constant, computed as the power of the scaled base: :math:`c\,b^n` as
:math:`(c^{1/n} b)^n`.

SymPy distributes a scaled base, ``(x/1e20)**2`` is ``1e-40*x**2``, and code computing that as written squares
``x`` first: ``x**2`` overflows (float32 from :math:`|x| > 1.8\cdot10^{19}`) where the scaled square is an
ordinary number, so ``exp(-(x/1e20)**2)`` at ``x = 1e20`` became ``exp(-inf) = 0`` with a zero slope
(probe87 P87-4).  The folded constant itself can also leave float64's range: the slope of ``atan(1e-200*w)`` holds
``1e-400*w**2``, whose constant is ``0.0`` as a double.  Scaling first keeps every intermediate within the range of
the result.  Ordinary constants (within :data:`SAFE_SCALES`) print as before, so their code is unchanged.
"""

from __future__ import annotations

import sympy

from .float_literals import is_real_number, nearest_double

__all__ = ["SAFE_SCALES", "scaled_power"]

#: The constants :math:`c` whose product :math:`c\,b^n` prints as written: from :math:`2^{-64}` to :math:`2^{64}`,
#: where a float32 square of a number that float32 holds stays within about float32's range (:math:`2^{64}` is
#: about :math:`1.8\cdot10^{19}`, the square root of float32's largest number).
SAFE_SCALES = (sympy.Float(2.0 ** -64), sympy.Float(2.0 ** 64))


def scaled_power(product):
    r"""``product`` (a SymPy ``Mul``) as :math:`\pm(|c|^{1/n}\,b)^n \cdot \text{rest}` where its numeric factors
    :math:`c` lie outside :data:`SAFE_SCALES` and it holds a power :math:`b^n` of a non-constant base with an integer
    :math:`n \ge 2` (the first such power); ``None`` where it is no such product."""
    if not isinstance(product, sympy.Mul):
        return None
    numbers = [factor for factor in product.args if is_real_number(factor)]
    others = [factor for factor in product.args if not is_real_number(factor)]
    power = next((factor for factor in others if _is_integer_power(factor)), None)
    if not numbers or power is None:
        return None
    constant = sympy.Mul(*numbers)
    size = sympy.N(abs(constant), 17)
    if size == 0 or not size.is_Float or SAFE_SCALES[0] <= size <= SAFE_SCALES[1]:
        return None
    root = sympy.Float(nearest_double(sympy.root(abs(constant), power.exp)))
    scaled = sympy.Pow(sympy.Mul(root, power.base, evaluate=False), power.exp, evaluate=False)
    sign = [sympy.S.NegativeOne] if constant.is_negative else []
    rest = [factor for factor in others if factor is not power]
    return sympy.Mul(*sign, scaled, *rest, evaluate=False)


def _is_integer_power(factor) -> bool:
    """:math:`b^n` with an integer :math:`n \\ge 2` and a base that is no constant."""
    return factor.is_Pow and factor.exp.is_Integer and factor.exp >= 2 and not factor.base.is_number
