"""Numbers as Python literals in generated code: the nearest double of a constant, or a refusal where float64 has
none (the code would compute with ``inf``)."""

from __future__ import annotations

import math
import sys

import numpy
import sympy

from .errors import UnsupportedOperationError

__all__ = ["ConstantRangeError", "LARGEST_FLOAT", "float_literal", "nearest_double", "folded_numbers", "beyond_float64", "elided",
           "too_long_to_write", "printed_as_float"]

#: The decimal digits a constant is evaluated to before it is rounded to a double once (:func:`nearest_double`), and
#: the most SymPy may use on the way (a sum that cancels, ``10**16*cos(1/10**8) - 10**16``, needs the digits it loses).
DIGITS = 30
MOST_DIGITS = 400

#: The largest float64, as an int.
LARGEST_FLOAT = int(numpy.finfo(numpy.float64).max)


class ConstantRangeError(UnsupportedOperationError):
    """A constant beyond the range of the floats (``dtype``) the generated code computes in; ``what`` is its text."""

    def __init__(self, message: str, what: str, dtype: str = "float64"):
        super().__init__(message)
        self.what, self.dtype = what, dtype


def beyond_float64(what: str) -> ConstantRangeError:
    """The refusal of a constant ``what`` (its text) beyond float64's range."""
    return ConstantRangeError(
        f"the constant {what} is beyond float64's range (about 1.8e308): the generated code computes in floats. "
        "Scale the cost so its constants fit", what)


def elided(number) -> str:
    """``number`` as text, its first 12 characters and its length where it is longer than 40 (``100000000000...
    (401 digits)``): never a cut that reads as a smaller number.  An integer is cut without writing it out whole
    (Python refuses ``str`` of one past 4300 digits: ``2000!`` in ``log(2000!)`` has 5736)."""
    if isinstance(number, (int, sympy.Integer)):
        return _elided_integer(int(number))
    try:
        text = str(number)
    except ValueError:  # an expression holding an integer past Python's digit limit
        return f"{type(number).__name__} holding an integer of more than {sys.get_int_max_str_digits()} digits"
    return text if len(text) <= 40 else f"{text[:12]}... ({len(text)} characters)"


def too_long_to_write(number) -> bool:
    """Whether Python refuses ``str`` of the integer ``number`` (more digits than ``sys.get_int_max_str_digits()``,
    4300 by default; no limit where it is 0)."""
    limit = sys.get_int_max_str_digits()
    return bool(limit) and abs(int(number)).bit_length() > limit * 3.3219  # log2(10): digits from bits, loosely


def _elided_integer(number: int) -> str:
    """An integer as :func:`elided` writes it; the digits counted and the first 12 taken by arithmetic."""
    size = abs(number)
    if size < 10 ** 40:
        return str(number)
    digits = int(math.log10(size)) + 1  # math.log10 takes any int; corrected where rounding crosses a power of 10
    while 10 ** (digits - 1) > size:
        digits -= 1
    while 10 ** digits <= size:
        digits += 1
    sign = "-" if number < 0 else ""
    return f"{sign}{size // 10 ** (digits - 12)}... ({digits} digits)"


def float_literal(number) -> str:
    """A real constant (``sqrt(2)``, ``log(250!)``, a Float) as the Python literal of its nearest double; one beyond
    float64's range (``exp(1000)``, ``1e200*1e200``) is refused: the generated code would compute with ``inf``.  A
    nonzero one below float64's smallest subnormal (about 4.9e-324: ``1/200!`` in a Taylor series, ``exp(-800)``) is
    ``0.0``, IEEE's underflow, which is the double nearest to it (refusing it would refuse valid costs)."""
    if number in (sympy.S.Infinity, sympy.S.NegativeInfinity):  # SymPy's oo, float("inf") in a cost
        raise UnsupportedOperationError(
            f"the constant {number} is infinite: the generated code computes with finite floats, and every number "
            "it would give is inf or nan. Write the finite constant you mean (a bound such as 1e300), or take the "
            "limit with sympy.limit before compiling")
    value = nearest_double(number)
    if math.isinf(value):
        raise beyond_float64(f"{elided(number)} (about {sympy.N(number, 3)})")
    return repr(value)


def nearest_double(number) -> float:
    """The double nearest the real constant ``number``, rounded once: a Rational exactly (Python's ``p/q`` is correctly
    rounded), anything else evaluated to :data:`DIGITS` digits first.  SymPy's own ``float()`` evaluates to 15 digits,
    which loses what cancels inside: ``float(log(1 + 1/10**20))`` is ``0.0``, its value ``1e-20`` (probe33 P33-5).
    ``±inf`` beyond float64's range, ``0.0`` where nothing is left (a sum that is exactly 0, ``sin(1)**2 + cos(1)**2 -
    1``, evaluates to no digit at all)."""
    number = sympy.sympify(number)
    if number.is_Rational:
        try:
            return number.p / number.q
        except OverflowError:  # p/q past float64's range
            return math.inf if number.p > 0 else -math.inf
    if number.is_Float and number._prec <= 53:  # a double already
        return float(number)
    value = sympy.N(number, DIGITS, maxn=MOST_DIGITS)
    if not value.is_Float:  # inf, or an expression SymPy cannot evaluate: its own float() says what
        return float(value)
    return float(value) if value._prec > 1 else 0.0


def printed_as_float(expr) -> bool:
    """Whether the code printers write ``expr`` as one float literal (:func:`float_literal`): a real number that is
    no atom (``exp(1/2)``, ``sqrt(2)``, ``log(250!)``); Floats and Rationals have printers of their own."""
    return isinstance(expr, sympy.Expr) and not expr.is_Atom and expr.is_number and expr.is_real


def folded_numbers(expr):
    r"""A sum or product whose numeric terms (factors) are one Float, the double nearest their exact sum (product):
    ``2*w - 10**16 + 10**16*cos(1/10**8)`` is ``-0.5 + 2*w``.  Printed one by one, an exact constant would be
    computed at run time and cancel there (``-10**16 + 10**16*cos(1/10**8)`` is 0 or 2 in float64, where it is
    -0.49999999999999999583; probe33 P33-1).  ``expr`` itself where it has fewer than two numeric terms, or only
    numbers SymPy keeps apart on purpose (the Floats of an unevaluated optimizer rule, rounded as TF1 rounds them);
    the Float alone where every term is numeric.  A sum beyond float64's range is refused (:func:`float_literal`)."""
    if not isinstance(expr, (sympy.Add, sympy.Mul)):
        return expr
    numeric = [arg for arg in expr.args if _is_real_number(arg)]
    if len(numeric) < 2 or all(arg.is_Number for arg in numeric):
        return expr
    value = sympy.Float(float(float_literal(expr.func(*numeric))))
    if len(numeric) == len(expr.args):
        return value
    first = expr.args.index(numeric[0])
    rest = [arg for arg in expr.args if not any(arg is number for number in numeric)]
    return expr.func(*rest[:first], value, *rest[first:], evaluate=False)


def _is_real_number(arg) -> bool:
    """A real scalar without symbols (``cos(1/10**8)``, ``sqrt(2)``, ``-10**16``)."""
    return isinstance(arg, sympy.Expr) and not getattr(arg, "is_Matrix", False) and arg.is_number and \
        arg.is_real is True
