r"""The generated code's number of a node where SymPy's is another: IEEE's signed zeros, poles, NaN.

The displays evaluate a cost node by node in SymPy (:func:`symopt.display.values.substituted`), which has no -0.0,
answers complex infinity for :math:`1/0` and :math:`i\pi` for :math:`\log(-1)`.  The generated code computes in
float64: ``-w`` at w = 0 is -0.0 and decides what divides by it (``1/sqrt(-0.0) = -inf``), ``numpy.arctan2(0.0,
-0.0)`` is :math:`\pi`, and a number with no real value is NaN in everything that reads it.  The rules here give
the code's number, in tables per node class:

* :func:`code_value`: the node's number where SymPy's differs, decided before the node is rebuilt
  (:math:`\log 0 = -\infty`; powers of 0 and :math:`-\infty`; ``atan2`` at zeros and infinities; the branch a
  Piecewise selects, with its sign);
* :func:`read_as_code`: NaN where a node reads a number with no real value and SymPy made a real one of it
  (:math:`|i\pi| = \pi`);
* :func:`negative_zero`: whether a zero the node's rebuilt value has is the code's -0.0 (a product with an odd
  count of negative factors, ``numpy.maximum``'s choice among equal zeros, an odd function of -0.0).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import sympy
from sympy.core.relational import Relational
from sympy.codegen.cfunctions import log1p
from sympy.functions.elementary.piecewise import ExprCondPair

from ..functions import leaky_relu, log_where_nonzero, reciprocal_where_nonzero, step

__all__ = ["NEGATIVE_ZERO", "code_value", "read_as_code", "negative_zero", "no_real_number", "with_nan"]


#: IEEE's -0.0, which SymPy's numbers lack: ``-w`` at w = 0 in the generated code, or ``at={w: -0.0}``.  A SymPy zero
#: known by identity, so the displays carry the code's sign through to what it decides: ``1/√(-0.0) = -∞``.
NEGATIVE_ZERO = sympy.Float(0.0)


def no_real_number(value) -> bool:
    """True for NaN, complex infinity and a complex number (``log(-1) = iπ``): NaN in the generated code."""
    return value is sympy.nan or value is sympy.zoo or isinstance(value, sympy.Expr) and value.is_number \
        and value.is_extended_real is False


def with_nan(node):
    """What the generated code computes from a NaN argument (or one with no real value, ``iπ``, complex infinity,
    which are NaN in the code): a comparison with NaN is false (``!=`` true), so a Piecewise takes its next branch;
    the step function :math:`H(x) = [x > 0]` is 0; everything else (``max``, ``|x|``, ``atan2``, arithmetic) is
    NaN."""
    if isinstance(node, Relational):
        return sympy.true if isinstance(node, sympy.Ne) else sympy.false
    if isinstance(node, step):
        return sympy.S.Zero
    return sympy.nan


def _signed_float(number) -> float:
    return -0.0 if number is NEGATIVE_ZERO else float(number)


def _zero_or_infinite(number) -> bool:
    return number.is_zero is True or number.is_infinite is True


def _atan2_as_code(y, x):
    r""":math:`\operatorname{atan2}(y, x)` where an argument is a signed zero or :math:`\pm\infty`, as
    ``numpy.arctan2`` (C's ``atan2``) gives it: :math:`\operatorname{atan2}(\pm 0, -0) = \pm\pi`,
    :math:`\operatorname{atan2}(\pm 0, +0) = \pm 0`, :math:`\operatorname{atan2}(\infty, \infty) = \pi/4` (SymPy: NaN
    at the origin, 0 at :math:`(\infty, \infty)`, NaN at :math:`(\infty, -1)`); a multiple of :math:`\pi/4`, exact.
    None elsewhere."""
    if not all(getattr(a, "is_number", False) and a.is_extended_real for a in (y, x)) \
            or not (_zero_or_infinite(y) or _zero_or_infinite(x)):
        return None
    angle = math.atan2(_signed_float(y), _signed_float(x))
    if angle == 0:
        return NEGATIVE_ZERO if math.copysign(1.0, angle) < 0 else sympy.S.Zero
    return sympy.pi * round(angle / (math.pi / 4)) / 4


def _log_as_code(x):
    r""":math:`\log(\pm 0) = -\infty`, the code's number (SymPy: complex infinity); :math:`\log(-\infty)` NaN (SymPy:
    :math:`\infty`); None elsewhere."""
    if x == -sympy.oo:
        return sympy.nan
    return -sympy.oo if getattr(x, "is_zero", False) is True else None


def _log1p_as_code(x):
    r""":math:`\log(1 + x)` at :math:`x = -1`: the code's ``log1p(-1.0)``, :math:`-\infty` (SymPy: unevaluated);
    None elsewhere."""
    return -sympy.oo if getattr(x, "is_number", False) and (x + 1).is_zero is True else None


def _guarded_log_as_code(base, exponent):
    r""":func:`~symopt.functions.log_where_nonzero` where its base is 0 and the power is not (:math:`0^0 = 1`): the
    code's ``log(0.0)``, :math:`-\infty` (SymPy leaves it unevaluated); None elsewhere."""
    if getattr(base, "is_zero", False) is True and getattr(exponent, "is_extended_positive", None) is False:
        return -sympy.oo
    return None


def _guarded_reciprocal_as_code(base, exponent):
    r""":func:`~symopt.functions.reciprocal_where_nonzero` where its base is 0 and the power is not: the code's
    ``1/0.0``, :math:`\pm\infty` with the zero's sign; None elsewhere."""
    if getattr(base, "is_zero", False) is True and getattr(exponent, "is_extended_positive", None) is False:
        return -sympy.oo if base is NEGATIVE_ZERO else sympy.oo
    return None


def _power_of_negative_zero(exponent):
    r""":math:`(-0)^e` as the generated code computes it: ``sqrt(-0.0)`` is -0.0 and ``1/sqrt(-0.0)`` is -∞
    (:math:`e = \pm\tfrac12`); an odd integer keeps the sign (:math:`-0`, :math:`-\infty`); any other power is IEEE
    ``pow``'s +0 or +∞."""
    odd = exponent in (sympy.S.Half, -sympy.S.Half) or (exponent.is_integer is True and exponent.is_odd is True)
    if exponent.is_extended_positive:
        return NEGATIVE_ZERO if odd else sympy.S.Zero
    if exponent.is_zero:
        return sympy.S.One
    return -sympy.oo if odd else sympy.oo


def _power_as_code(base, exponent):
    r""":math:`b^e` where SymPy's number is not the code's: :math:`(\pm 0)^e` for a negative :math:`e` is IEEE's
    :math:`\pm\infty` (``1/0.0``, ``0.5/sqrt(0.0)``; SymPy: complex infinity), :math:`(-0)^e` keeps the sign where
    IEEE ``pow`` does; :math:`(-\infty)^e` is NaN for an :math:`e` no integer (``sqrt(-inf)``; SymPy:
    :math:`i\infty`) and -0.0 for a negative odd one (``1/-inf``).  None elsewhere."""
    if not getattr(exponent, "is_number", False):
        return None
    if base is NEGATIVE_ZERO:
        return _power_of_negative_zero(exponent)
    if getattr(base, "is_zero", False) is True and exponent.is_extended_negative is True:
        return sympy.oo
    if base == -sympy.oo and exponent.is_integer is not True:
        return sympy.nan
    if base == -sympy.oo and exponent.is_extended_negative is True and exponent.is_odd is True:
        return NEGATIVE_ZERO
    return None


class Branch(NamedTuple):
    """A Piecewise's ``(value, condition)`` at the point, the value with its sign (SymPy's ExprCondPair drops it)."""

    value: object
    condition: object


def _selected(*branches: Branch):
    """The value of the first branch whose condition holds, as the code's ``value if condition else ...`` (or
    ``numpy.where``) selects it, -0.0 kept; NaN where none holds; None where a condition is undecided (SymPy's
    Piecewise then)."""
    for value, condition in branches:
        if condition is sympy.true:
            return value
        if condition is not sympy.false:
            return None
    return sympy.nan


#: ``{node class: rule}``: the generated code's number of a node of that class where SymPy's differs, from the
#: arguments' numbers with their signs; a rule answers None elsewhere.
CODE_VALUES = {sympy.atan2: _atan2_as_code, sympy.log: _log_as_code, sympy.Pow: _power_as_code,
               ExprCondPair: Branch, sympy.Piecewise: _selected, log_where_nonzero: _guarded_log_as_code,
               reciprocal_where_nonzero: _guarded_reciprocal_as_code, log1p: _log1p_as_code}

#: Nodes that read a NaN argument without being NaN: a Piecewise selects (a NaN in the branch not taken is not read).
SELECTS = (ExprCondPair, sympy.Piecewise)


def code_value(node, arguments: list):
    """The code's number of ``node`` from its ``arguments``' numbers where SymPy's is another (the node's row of
    :data:`CODE_VALUES`), else None."""
    rule = CODE_VALUES.get(type(node))
    return None if rule is None else rule(*arguments)


def read_as_code(node, arguments: list, value):
    r"""``value``, SymPy's number of ``node``, unless an argument has no real number (NaN in the code) and ``value``
    has one: then :func:`with_nan` (:math:`|\log(-1)| = |i\pi| = \pi` is NaN, as :math:`0 \cdot i\pi`).  A finite
    value without a real number stays as it is (``2 i\pi``: shown undefined, and ``explain`` says why); an infinite
    one is NaN too (:math:`\infty \cdot (-i/\sqrt{2}) \cdot e^{i\pi}` would evaluate to :math:`-\infty`); a Piecewise
    selects (a branch not taken is not read)."""
    if isinstance(node, SELECTS) or not any(no_real_number(a) for a in arguments):
        return value
    if no_real_number(value) and value.is_finite is True:
        return value
    return with_nan(node)


def _odd_count_negative(arguments: list) -> bool:
    """A product's zero is -0.0 where an odd count of its factors is negative (-0.0 counts)."""
    return sum(1 for a in arguments if a is NEGATIVE_ZERO or getattr(a, "is_extended_negative", False)) % 2 == 1


def _all_negative_zero(arguments: list) -> bool:
    """-0.0 + -0.0 is -0.0; with +0.0 (or x - x) the sum is +0.0."""
    return all(argument is NEGATIVE_ZERO for argument in arguments)


def _last_zero_negative(arguments: list) -> bool:
    """``numpy.maximum(a, b)`` is ``a if a > b else b``: of equal zeros the later one is the result
    (``numpy.maximum(0.0, -0.0)`` is -0.0, ``numpy.maximum(-0.0, 0.0)`` is 0.0), nested as the printer nests it."""
    zeros = [argument for argument in arguments if getattr(argument, "is_zero", False) is True]
    return bool(zeros) and zeros[-1] is NEGATIVE_ZERO


def _first_negative_zero(arguments: list) -> bool:
    return arguments[0] is NEGATIVE_ZERO


#: Functions whose generated code keeps the sign of a zero argument (``sin(-0.0)`` is -0.0); others give +0 or a
#: nonzero number (``exp(-0.0) = 1``, ``cos``, ``|-0.0| = 0``, ``relu(-0.0) = numpy.maximum(-0.0, 0) = 0``).
ODD_AT_ZERO = (sympy.sin, sympy.tan, sympy.sinh, sympy.tanh, sympy.asin, sympy.atan, sympy.asinh, sympy.atanh,
               sympy.erf)

#: ``{node class: rule}``: whether a zero value of a node of that class is the code's -0.0, from its arguments.
#: leaky_relu at :math:`x = \pm 0` is its :math:`a x` (``numpy.maximum(x, a*x)`` takes the later of equal zeros).
SIGN_OF_ZERO = {sympy.Mul: _odd_count_negative, sympy.Add: _all_negative_zero, sympy.Max: _last_zero_negative,
                sympy.Min: _last_zero_negative, leaky_relu: _odd_count_negative,
                **{function: _first_negative_zero for function in ODD_AT_ZERO}}


def negative_zero(node, arguments: list, value) -> bool:
    """Whether the generated code's value of ``node``, 0 here, is -0.0 (its row of :data:`SIGN_OF_ZERO`)."""
    if not (isinstance(value, sympy.Expr) and not value.is_Matrix and value.is_zero is True):
        return False
    rule = SIGN_OF_ZERO.get(type(node))
    return rule is not None and rule(arguments)
