r"""Numbers at a point: the course's "with :math:`a = 5, b = 3, c = 2`, :math:`u = 6, v = 11, J = 33`".

Values (bound by :mod:`symopt.display.at_values`) are substituted exactly (Python integers stay integers, so
:math:`J = 33`, not ``33.0000``) and evaluated numerically only where a function needs it (:math:`\sigma(0.5)`), in
the dtype the generated code computes in.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import sympy
from sympy.calculus.accumulationbounds import AccumBounds
from sympy.matrices.expressions.matexpr import MatrixElement

from ..adjugate import Adjugate, with_adjugates
from ..errors import UnsupportedOperationError
from .. import runtime
from ..float_literals import DIGITS, MOST_DIGITS, folded_numbers
from ..functions import sigmoid, softplus
from ..nodes import ElementSum
from ..safe_slopes import inverse_hypot_value
from ..traversal import postorder
from ..symbols import is_matrix
from .ieee import NEGATIVE_ZERO, code_value, negative_zero, no_real_number, read_as_code, with_nan

__all__ = ["evaluate", "substituted", "node_values", "in_dtype"]


def evaluate(expr, bound: dict, dtype: str = "float64"):
    """``expr`` at the bound values: exact where the arithmetic is rational, a float otherwise; a number past
    ``dtype``'s range is ±∞, as in the generated code (:func:`substituted`; float32: each value rounded to float32
    where it is made, :func:`in_dtype`)."""
    expr = explicit_constants(sympy.sympify(expr))  # sum(I∘W) at W = [[-1.4643]]: -1.4643, not sum(I∘[[-1.4643]])
    if is_matrix(expr):  # det(A)·A⁻ᵀ through the adjugate, as the generated code computes it (probe35 P35-8)
        expr = with_adjugates([expr.replace(
            lambda node: isinstance(node, sympy.Inverse) and isinstance(node.arg, sympy.Transpose),
            lambda node: sympy.Transpose(sympy.Inverse(node.arg.arg)))])[0]
    result = substituted(expr, bound, dtype)
    if result.is_Matrix:  # dW = 2u·I at the point: the matrix of numbers
        explicit = explicit_constants(_explicit_inverses(result)).as_explicit()
        return explicit.applyfunc(lambda entry: evaluate(entry, {}, dtype)) if explicit.is_Matrix else result
    if result is NEGATIVE_ZERO or result.is_Rational or result.has(sympy.zoo, sympy.nan) or not result.is_number:
        return result
    return _evaluated(result)


#: SymPy's constant matrices as explicit ones: symopt keeps the ``[0, 0]`` of a 1 x 1 matrix expression whole
#: (:mod:`symopt.matrix_slices`, for ``(xᵀAx)[0, 0]``), so ``s·I`` at a point read ``I[0, 0]``, shown undefined.
EXPLICIT_CONSTANTS = {
    sympy.Identity: lambda matrix: sympy.ImmutableMatrix(sympy.eye(matrix.rows)),
    sympy.OneMatrix: lambda matrix: sympy.ImmutableMatrix(sympy.ones(*matrix.shape)),
    sympy.ZeroMatrix: lambda matrix: sympy.ImmutableMatrix(sympy.zeros(*matrix.shape)),
}


def explicit_constants(expr):
    """``expr`` with each of its :data:`EXPLICIT_CONSTANTS` of known shape written out (``s·I``: ``s·[[1]]``)."""
    if not isinstance(expr, sympy.Basic):
        return expr
    return expr.xreplace({node: EXPLICIT_CONSTANTS[type(node)](node) for node in expr.atoms(*EXPLICIT_CONSTANTS)
                          if all(getattr(size, "is_Integer", False) for size in node.shape)})


def _explicit_inverses(result):
    """``result`` with each inverse and adjugate of a matrix of numbers computed: the adjugate exactly, an inverse
    as NaN entries where the matrix is singular (NumPy's ``inverse`` gives NaN there: ``symopt.runtime.inverse``).
    SymPy's own ``as_explicit`` raised there, relabelled as a false IndexingError."""
    def numbers(matrix):
        explicit = matrix.as_explicit()
        return explicit if all(entry.is_number for entry in explicit) else None

    def computed(node):
        inner = node.args[0]
        explicit = numbers(inner)
        if explicit is None:
            return node
        if isinstance(node, Adjugate):
            return sympy.ImmutableMatrix(explicit.adjugate())
        if explicit.det() == 0:
            return sympy.ImmutableMatrix(*explicit.shape, [sympy.nan] * len(explicit))
        return sympy.ImmutableMatrix(explicit.inv())

    return result.replace(lambda node: isinstance(node, (Adjugate, sympy.Inverse))
                          or isinstance(node, sympy.MatPow) and node.exp == -1, computed)


#: The largest float64; a number beyond it is ∞ (exp(exp(10)) is, and SymPy would compute its 10⁹⁴⁵⁰ exactly).
FLOAT_MAX = float(np.finfo(np.float64).max)

#: Bits past which an exact power p**q of rationals is taken in float64 (3**(10**9) has 1.6·10⁹ bits).
EXACT_POWER_BITS = 4096

#: Whole numbers up to this magnitude are exact in float32 (its 24-bit significand): they stay SymPy integers.
FLOAT32_EXACT_INTEGER = 2 ** 24


def in_dtype(value, dtype: str):
    """``value`` as the generated code holds it in ``dtype``: in float32 a number rounded to float32 (±∞ beyond its
    range, a signed 0 below it; a whole number that float32 holds exactly stays exact); anything else unchanged."""
    if dtype != "float32" or value is NEGATIVE_ZERO or not isinstance(value, sympy.Expr) or value.is_Matrix \
            or not value.is_number or value.is_extended_real is not True or value.is_finite is not True:
        return value
    if value.is_Integer and abs(value) <= FLOAT32_EXACT_INTEGER:
        return value
    with np.errstate(all="ignore"):
        number = np.float32(float(value))
    if np.isinf(number):
        return sympy.oo if number > 0 else -sympy.oo
    if number == 0:
        return NEGATIVE_ZERO if value.is_extended_negative else sympy.S.Zero
    return sympy.Integer(int(number)) if number.is_integer() and abs(number) <= FLOAT32_EXACT_INTEGER \
        else sympy.Float(float(number))


def substituted(expr, bound: dict, dtype: str = "float64"):
    r"""``expr`` with the ``bound`` values, node by node, children first; each number that is not rational is
    evaluated (15 digits) where it is made, and one beyond float64 becomes :math:`\pm\infty`.  So
    :math:`e^{e^{e^{w}}}` at :math:`w = 0.1` is :math:`\infty` at once: substituting into the whole tree
    (``xreplace``) made SymPy evaluate :math:`\exp` of :math:`10^{10^{8}}` with 10⁹-bit constants."""
    return node_values(expr, bound, dtype)[expr]


def node_values(expr, bound: dict, dtype: str = "float64") -> dict:
    """``{node: value}`` for every node of ``expr`` (:func:`substituted`'s walk): a value inside a step too, the
    ``1/w = ∞`` that ``atan(1/w)`` reads at w = 0.  In float32 each value is rounded to float32 where it is made,
    and a sum or product is taken two terms at a time, left to right, as the generated code computes it
    (``25 + w**2 - 10*w`` at the lecture's float32 minimum is 0.0, not float64's 1.3e-10)."""
    values: dict = {}
    for node in postorder([expr]):
        if node in values:
            continue
        if node in bound:
            values[node] = in_dtype(bound[node], dtype)
        elif isinstance(node, MatrixElement) and isinstance(node.parent, sympy.MatrixSymbol) and \
                getattr(values.get(node.parent), "shape", ()):  # x[0, 0] of a fed x (not of a product: final45 stage)
            entry = np.asarray(values[node.parent], dtype=float)[int(node.i), int(node.j)]
            values[node] = in_dtype(sympy.Float(float(entry)), dtype)  # a SymPy number, as every value
        elif not node.args:
            values[node] = in_dtype(node, dtype)
        else:
            computed = _as_coded(node)
            slope = inverse_hypot_value(computed, values, dtype)  # 1/hypot(x, 1), as the code computes it
            if slope is not None:
                values[node] = in_dtype(slope, dtype)
                continue
            if computed.is_Float:
                values[node] = in_dtype(_in_range(computed), dtype)
                continue
            arguments = [values[argument] if argument in values else in_dtype(argument, dtype)
                         for argument in computed.args]
            folded = _folded(computed, arguments, values) if dtype == "float32" else None
            if folded is None:
                folded = _stable(computed, arguments, dtype)
            values[node] = in_dtype(_applied(computed, arguments), dtype) if folded is None else folded
    return values


def _softplus_exactly(x: float):
    r""":math:`\log(1+e^{x})` to 30 digits, rounded once: SymPy's own ``log(1 + exp(x))`` of a 53-bit Float adds
    :math:`1 + e^{-40}` in 53 bits and is 0 (probe40 P40-3)."""
    with mpmath.workdps(DIGITS):
        return mpmath.log1p(mpmath.exp(x))


def _erfc_exactly(x: float):
    r""":math:`\operatorname{erfc}(x)` to 30 digits; past mpmath's series check (:math:`|x| \gtrsim 10^{155}`, where it
    raised a bare OverflowError: probe40 P40-1) its limit, 0 or 2, the code's ``scipy.special.erfc`` there."""
    with mpmath.workdps(DIGITS):
        try:
            return mpmath.erfc(x)
        except OverflowError:
            return 0 if x > 0 else 2


#: Functions the generated code computes through a stable form (:mod:`symopt.runtime`): ``{function: (the exact
#: value of a float64 argument, the code's float32 value)}``.  In float64 the exact value rounded is the code's
#: (softplus(-40) = 4.248354e-18, not 0); in float32 the code's own number is shown, σ(-91) = 0 where
#: :math:`e^{91}` overflows float32 (docs/numerics.md), not the subnormal σ(-91) rounded.
STABLE_FORMS = {softplus: (_softplus_exactly, runtime.softplus),
                sigmoid: (None, runtime.sigmoid),
                sympy.erfc: (_erfc_exactly, None)}


def _stable(node, arguments: list, dtype: str):
    """The value of a :data:`STABLE_FORMS` function of a finite real number, or None."""
    forms = STABLE_FORMS.get(node.func)
    if forms is None or len(arguments) != 1:
        return None
    argument = arguments[0]
    if not (isinstance(argument, sympy.Expr) and argument is not NEGATIVE_ZERO and argument.is_number
            and argument.is_extended_real is True and argument.is_finite is True):
        return None
    exactly, in_code = forms
    if in_code is not None:
        with np.errstate(all="ignore"):
            number = in_code(getattr(np, dtype)(float(argument)))
        if dtype == "float32" or number == 0:  # float64's σ(-740) is 0 too, e^740 past its range: log σ is -∞ (P92-4)
            return in_dtype(sympy.Float(float(number)), dtype) if number != 0 else sympy.S.Zero
    if exactly is None:
        return None
    return in_dtype(_in_range(sympy.Float(exactly(float(argument)), precision=53)), dtype)  # 1e-348 is 0, as the code


def _as_coded(node):
    """``node`` as the generated code computes it: the numbers of a sum or product as one literal (probe33 P33-1:
    ``10**16*cos(1/10**8) - 10**16`` is -0.5, where term by term it is 0); one beyond float64 as written (∞)."""
    try:
        return folded_numbers(node)
    except UnsupportedOperationError:
        return node


def _folded(node, arguments: list, values: dict):
    """A sum or product of finite real numbers in float32, two at a time in the order of its arguments, each
    result rounded (the generated code's ``a + b + c`` is ``(a + b) + c``); a product's factors ``1/b`` divide, as
    the code's ``a/b`` does (``0/8.2e-40`` is 0 where the reciprocal 1.2e39 is past float32's range); None for any
    other node."""
    if not isinstance(node, (sympy.Add, sympy.Mul)):
        return None
    divisors = [values[a.base] for a in node.args if isinstance(node, sympy.Mul) and a.is_Pow and a.exp == -1]
    factors = [v for a, v in zip(node.args, arguments)
               if not (isinstance(node, sympy.Mul) and a.is_Pow and a.exp == -1)]
    if not all(isinstance(a, sympy.Expr) and a is not NEGATIVE_ZERO and a.is_number and a.is_extended_real is True
               and a.is_finite is True for a in factors + divisors):
        return None
    total = _in_turn(node.func, factors or [sympy.S.One])
    if not divisors or total is None:
        return total
    divisor = _in_turn(sympy.Mul, divisors)
    if divisor is None or divisor.is_zero is not False:  # a pole: the rules of ieee.code_value on the whole node
        return None
    return in_dtype(_bounded(total / divisor), "float32")


def _in_turn(operation, numbers: list):
    """``operation`` (Add, Mul) of ``numbers`` two at a time, each result rounded to float32; None at a -0.0 (the
    sign of a zero: :func:`~symopt.display.ieee.negative_zero`'s rules on the whole node)."""
    total = numbers[0]
    for number in numbers[1:]:
        if total is None:
            return None
        total = in_dtype(_bounded(operation(total, number)), "float32")  # beyond float32: ±∞, then ∞·0 is NaN
        total = None if total is NEGATIVE_ZERO else total
    return total


def _applied(node, arguments: list):
    """``node`` rebuilt on its arguments' values as the generated code computes it: the code's own number where
    SymPy's is another (:func:`~symopt.display.ieee.code_value`: poles, atan2 at zeros, a Piecewise's branch), else
    SymPy's (:func:`_unsigned`), a zero with the sign the code gives it (IEEE's -0.0 from ``-w`` at w = 0); NaN
    where it reads a number without a real value (:func:`~symopt.display.ieee.read_as_code`)."""
    value = code_value(node, arguments)
    if value is None:
        plain = [sympy.S.Zero if argument is NEGATIVE_ZERO else argument for argument in arguments]
        value = _unsigned(node, plain)
        value = NEGATIVE_ZERO if negative_zero(node, arguments, value) else value
    return read_as_code(node, arguments, value)


def _unsigned(node, arguments: list):
    """``node`` rebuilt on its arguments' values (rational arithmetic stays exact), then :func:`_bounded`."""
    if isinstance(node, sympy.Pow) and _huge_power(*arguments):
        with np.errstate(all="ignore"):
            return sympy.Float(float(np.power(float(arguments[0]), float(arguments[1]))))
    if not any(a is not b for a, b in zip(arguments, node.args)):
        return _bounded(node)
    try:
        return _bounded(node.func(*arguments))
    except (TypeError, ValueError):
        if not any(no_real_number(argument) for argument in arguments):
            raise
        return with_nan(node)


def _bounded(value):
    """A value made of numbers as one number: ``sum(W)``, ``tr(W)`` and an entry ``(wᵀx)[0,0]`` of bound matrices
    reduced, anything not rational evaluated (beyond float64: ±∞), ``sin(∞)`` as NaN."""
    if isinstance(value, (ElementSum, sympy.Trace, sympy.Determinant)):  # sum(W), tr(W), det(W) of numbers
        value = _reduced(value)
    if isinstance(value, MatrixElement) and not value.parent.free_symbols and value.i.is_Integer \
            and value.j.is_Integer:  # (wᵀx)[0,0] of bound w and x
        explicit = value.parent.doit()
        if isinstance(explicit, sympy.MatrixBase):
            return _bounded(explicit[int(value.i), int(value.j)])
    if isinstance(value, AccumBounds):  # sin(∞): no number, as float64's nan
        return sympy.nan
    if isinstance(value, sympy.Expr) and value.is_number and not value.is_Matrix and not value.is_Rational \
            and not value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return _evaluated(value)
    return value


def _huge_power(base, exponent) -> bool:
    """True for rationals whose exact power exceeds :data:`EXACT_POWER_BITS` bits (or its reciprocal does)."""
    if not (getattr(base, "is_Rational", False) and getattr(exponent, "is_Rational", False)) or base == 0:
        return False
    return abs(float(exponent)) * max(abs(math.log2(abs(base.p))), abs(math.log2(base.q))) > EXACT_POWER_BITS


def _evaluated(number):
    """A number that is not rational as a 53-bit Float: evaluated to 30 digits and rounded once (15 digits make
    ``log(1 + 1/10**20)`` 0, where it is 1e-20; probe33 P33-5), SymPy's exponent range kept (σ(-800) is 1e-348, so
    log σ(-800) reads -800), ±∞ beyond float64; one that may not be real evaluated as SymPy does."""
    if number.is_extended_real is not True:
        return _in_range(number.evalf())
    precise = number.evalf(DIGITS, maxn=MOST_DIGITS)
    if not precise.is_Float:
        return _in_range(precise)
    return _in_range(sympy.Float(precise, precision=53) if precise._prec > 1 else sympy.Float(0))


def _in_range(number):
    """A real Float beyond float64's range as ±∞, one nearer 0 than its smallest subnormal as a signed 0 (the
    generated code's numbers: ``exp(2w)`` at w = -400 is 0, so ``log(exp(2w))`` is -∞ as compile gives it, not
    -800: probe92 P92-4); anything else unchanged."""
    if isinstance(number, sympy.Float) and abs(float(number)) > FLOAT_MAX:
        return sympy.oo if number > 0 else -sympy.oo
    if isinstance(number, sympy.Float) and float(number) == 0 and not number.is_zero:
        return NEGATIVE_ZERO if number < 0 else sympy.S.Zero
    return number


#: Rows up to which the determinant of a rational matrix is computed exactly (beyond, in float64 as NumPy does).
EXACT_DETERMINANT_ROWS = 4


def _reduced(reduction):
    r""":math:`\sum_{ij} A_{ij}`, :math:`\sum_i A_{ii}` or :math:`\det A` of a matrix whose entries are numbers now,
    else as it was; a determinant of floats (or of a large matrix) in float64, ``numpy.linalg.det``."""
    matrix = reduction.args[0].doit()
    if not isinstance(matrix, sympy.MatrixBase):
        return reduction
    if isinstance(reduction, ElementSum):
        return sympy.Add(*matrix)
    if isinstance(reduction, sympy.Trace):
        return matrix.trace()
    if not all(entry.is_number for entry in matrix):
        return reduction
    if all(entry.is_Rational for entry in matrix) and matrix.rows <= EXACT_DETERMINANT_ROWS:
        return matrix.det()
    return sympy.Float(float(np.linalg.det(np.array(matrix.tolist(), dtype=float))))
