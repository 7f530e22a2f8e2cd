r"""The scalar backend's printer: programs on Python floats with the ``math`` module (``math.exp(w)``,
``a if c else b``), the fastest form for the lecture's costs; the NumPy program printer with the few methods that
print differently (NaN-propagating ``float_max`` for ``max``, ``math.pow`` for fractional powers, ``(w*w)`` for a
name squared, floats never ints)."""

from __future__ import annotations

import math
from typing import Mapping

import sympy
from sympy.printing.precedence import PRECEDENCE

from .float_literals import float_literal, printed_as_float
from .printers import NumPyProgramPrinter
from .symbols import is_matrix

__all__ = ["MathProgramPrinter"]

#: SymPy function name -> ``math`` module name where they differ.
_MATH_NAMES = {"ln": "log", "Sqrt": "sqrt"}


def _squares_a_name(expr) -> bool:
    """``w**2`` for a symbol ``w`` (a name in the program), printed ``w*w``."""
    return isinstance(expr, sympy.Pow) and expr.exp == 2 and expr.base.is_Symbol


class MathProgramPrinter(NumPyProgramPrinter):
    """Prints scalar programs on Python floats with the ``math`` module."""

    module = "math"
    array_module = "math"
    matrix_module = "numpy"
    zero = "0.0"
    raises_on_overflow = True
    reuses_buffers = False
    hoists_repeated_calls = False  # a scalar program's subexpressions are shared by the Program already
    chooses_product_layouts = False  # no matrix products
    #: ``Max`` / ``Min`` on floats, NaN when an argument is NaN (:func:`symopt.runtime.float_max`; Python's
    #: ``max(0.0, nan)`` is 0.0).
    extrema = {"maximum": "float_max", "minimum": "float_min"}
    connectives = {"And": "and", "Or": "or"}

    def __init__(self, names: dict, module: str | None = None, dtype: str = "float64",
                 substitutions: Mapping | None = None):
        super().__init__(names, module, dtype, substitutions)
        self.known_functions = {name: f"math.{_MATH_NAMES.get(name, name)}" for name in self.known_functions
                                if hasattr(math, _MATH_NAMES.get(name, name))}

    def _print(self, expr, **kwargs):
        """A numeric subexpression (``sqrt(2)``, ``cos(1/10**8) - 1``, SymPy's ``log(250!)``) as the literal of its
        nearest double, computed once at high precision (:func:`~symopt.float_literals.float_literal`), as the NumPy
        printer writes it: written out, ``math.log(100000000000000000001/100000000000000000000)`` rounds its argument
        to 1.0 and is 0 where the constant is 1e-20, and ``-1 + math.cos(1/100000000)`` cancels (probe33 P33-1,
        P33-5); one beyond float64 is refused, where ``math.exp(1000)`` would raise at every call."""
        if printed_as_float(expr):
            return float_literal(expr)
        return super(NumPyProgramPrinter, self)._print(expr, **kwargs)

    def constant_output(self, expr, text: str) -> str:
        """A constant scalar output (the gradient of 3*w) as a Python float, never an int.  A reduction of a constant
        matrix too large to fold never reaches here: a program holding a matrix runs on NumPy
        (:func:`~symopt.backend_choice.choose_backend`)."""
        if is_matrix(expr) or sympy.sympify(expr).free_symbols:
            return text
        return float_literal(expr)

    def float64(self, text: str) -> str:
        return f"float({text})"

    def constant(self, number: str) -> str:
        return number

    @classmethod
    def scalar_type(cls, dtype: str):
        return float

    def clip_text(self, name: str, limit: float) -> str:
        return f"min(max({name}, {-limit!r}), {limit!r})"

    def squared_norm_text(self, name: str) -> str:
        return f"{name}*{name}"

    def largest_abs_text(self, name: str) -> str:
        return f"abs({name})"

    def _maximum(self, a: str, b: str) -> str:
        return f"float_max({a}, {b})"

    def _print_sign(self, expr):
        return f"float_sign({self._print(expr.args[0])})"

    def _extremum(self, expr, ufunc: str) -> str:
        """``float_max(a, b, c)`` on floats; a number argument prints as a float, so ``float_max(0.0, w)`` is never
        the int 0."""
        arguments = (repr(float(a)) if a.is_Number else self._print(a) for a in expr.args)
        return f"{self.extrema[ufunc]}({', '.join(arguments)})"

    def _where(self, condition: str, value: str, otherwise: str) -> str:
        return f"({value} if {condition} else {otherwise})"

    def _print_Not(self, expr):
        return f"(not {self._print(expr.args[0])})"

    def _print_Heaviside(self, expr):
        return f"float_heaviside({self._print(expr.args[0])}, {self._at_zero(expr.args[1])})"

    def _rounding(self, expr, name: str) -> str:
        return f"float(math.{name}({self._print(expr.args[0])}))"

    def _error_function(self, expr, name: str) -> str:
        return f"math.{name}({self._print(expr.args[0])})"

    def _print_gamma(self, expr):
        """``math.gamma``: it raises past overflow and at a pole, and the call runs again as the NumPy program
        (:func:`symopt.runtime.gamma`, IEEE's inf and NaN)."""
        return f"math.gamma({self._print(expr.args[0])})"

    def _print_Pi(self, expr):
        return "math.pi"

    def _print_Exp1(self, expr):
        return "math.e"

    def parenthesize(self, item, level, strict=False):
        """A name squared, ``w*w``, in parentheses as a factor or a base (``3*(w*w)``: ``3*w*w`` rounds ``3*w``
        first; a product with a negative coefficient asks at the level of a sum, ``-3*(w*w)``); elsewhere as the
        NumPy printer does."""
        named = self.substitutions and item in self.substitutions  # a hoisted constant prints its name
        if _squares_a_name(item) and level >= PRECEDENCE["Add"] and not named:
            return f"({self._print(item)})"
        return super().parenthesize(item, level, strict)

    def _print_Pow(self, expr, rational=False):
        base, exponent = expr.args
        if _squares_a_name(expr):
            # one correctly rounded product, as NumPy squares an array: Python's w**2 calls the C library's pow
            # (within 0.52 ULP: another last bit for about 1 number in 1000) and is a fifth of the lecture's step
            return f"{self._print(base)}*{self._print(base)}"
        if not exponent.is_Integer and exponent not in (sympy.S.Half, -sympy.S.Half):
            # Python's (-8.0)**(1/3) is a complex number; math.pow raises like math.sqrt(-1) (NumPy: nan)
            return f"math.pow({self._print(expr.args[0])}, {self._print(exponent)})"
        return super()._print_Pow(expr, rational=rational)
