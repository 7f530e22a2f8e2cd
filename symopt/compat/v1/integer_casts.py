r"""TF1's casts between integers and floats.

Floats to integers: truncated toward zero by the CPU's conversion to a 32-bit integer (to a 64-bit one for
``int64``), whose result for NaN, an infinity or a value outside the range is the smallest integer,
:math:`-2^{31}` (``tf.cast(1e10, tf.int32)`` is ``-2147483648``, not NumPy's wrapped ``1410065408``); the narrow
types keep the low bits of that 32-bit integer (``tf.cast(300.0, tf.uint8)`` is 44, of ``1e10`` 0), also where the
cast is an input of other ops inside the program.

Integers (and booleans) to floats: rounded to the nearest float of the target dtype, and computed in that dtype
afterwards, whatever float dtype the rest of the program runs in (``tf.cast(i, tf.float32) * 0.37`` is a float32
product, as in TF1, also where no float32 tensor is fetched: probe56 P56-16)."""

from __future__ import annotations

import math

import numpy as np
import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from ...functions import in_float
from ...reductions import AsFloat
from ...symbols import is_matrix

__all__ = ["truncated_int", "integer_as_float", "IntegerAsFloat", "float_of_integers"]


class truncated_int(sympy.Function):  # noqa: N801 - printed as a function call, like SymPy's own functions
    r""":math:`\operatorname{trunc}(x)` where it lies in :math:`[-2^{b-1}, 2^{b-1})`, else :math:`-2^{b-1}` (NaN
    included), for ``bits`` :math:`b` 32 or 64: ``truncated_int(x, bits)``."""

    nargs = 2

    @classmethod
    def eval(cls, x, bits):
        if isinstance(x, sympy.Number) and isinstance(bits, sympy.Integer):
            bound = 2 ** (int(bits) - 1)
            value = float(x) if x.is_finite else math.nan
            kept = not math.isnan(value) and -bound <= math.trunc(value) < bound
            return sympy.Integer(math.trunc(value) if kept else -bound)
        return None

    def _eval_is_real(self):
        return True

    def _eval_is_integer(self):
        return True

    def _symopt_code(self, printer) -> str:
        module = getattr(printer, "matrix_module", "numpy")
        bound = float(2 ** (int(self.args[1]) - 1))
        value = f"{module}.trunc({printer._print(self.args[0])})"
        return f"{module}.where(({value} >= {-bound!r}) & ({value} < {bound!r}), {value}, {-bound!r})"

    _numpycode = _symopt_code


def _float_code(printer, value: str, bits: int) -> str:
    """The code of the integer ``value`` converted to the float of ``bits`` (16, 32, 64), in the dtype later
    arithmetic runs in (:attr:`symopt.functions.in_float.DTYPES`: float16 is rounded, then computed in float32); a
    JAX program's float64 is ``float``, its widest float."""
    jax = getattr(printer, "module", None) == "jax"
    module = getattr(printer, "matrix_module", "numpy")
    rounded, computed = ("float" if jax and name == "float64" else repr(name) for name in in_float.DTYPES[bits])
    text = f"{module}.asarray({value}, dtype={rounded})"
    return text if rounded == computed else f"{module}.asarray({text}, dtype={computed})"


class integer_as_float(sympy.Function):  # noqa: N801 - printed as a function call, like SymPy's own functions
    r""":math:`\operatorname{float}_b(x)`: the integer :math:`x` as the nearest float of ``bits`` :math:`b`,
    ``integer_as_float(x, bits)``; derivative 1 (as :class:`~symopt.reductions.AsFloat`'s adjoint).  An integer
    constant folds: to itself where the float holds it, else to the float it rounds to (``2**53 + 1`` is
    ``2**53``)."""

    nargs = 2
    integer_rule = "reads"  # a cast rounds as TF1's does (wide_integer_checks): nothing to refuse

    @classmethod
    def eval(cls, x, bits):
        if isinstance(x, sympy.Integer):
            with np.errstate(over="ignore"):  # float16 of 70000 is inf, as TF1's
                rounded = float(np.asarray(int(x), in_float.DTYPES[int(bits)][0]))
            return x if rounded == int(x) else sympy.Float(rounded, precision=53)
        if isinstance(x, sympy.Number):
            return in_float(x, bits)
        return None

    def fdiff(self, argindex=1):
        return sympy.S.One

    def _eval_is_real(self):
        return self.args[0].is_real

    def _symopt_code(self, printer) -> str:
        return _float_code(printer, printer._print(self.args[0]), int(self.args[1]))

    _numpycode = _symopt_code

    def _latex(self, printer, exp=None):
        text = r"\operatorname{float%d}\left(%s\right)" % (int(self.args[1]), printer._print(self.args[0]))
        return text if exp is None else r"%s^{%s}" % (text, exp)


class IntegerAsFloat(AsFloat):
    """The entries of an integer (or boolean) matrix as floats of ``bits``, computed in that dtype afterwards (an
    :class:`~symopt.reductions.AsFloat` of a given precision, not the program's): ``IntegerAsFloat(matrix, bits)``."""

    def __new__(cls, matrix, bits):
        return MatrixExpr.__new__(cls, matrix, sympy.Integer(bits))

    @property
    def shape(self):
        """The matrix's shape, as SymPy integers (an explicit matrix's are Python ints: P56-14)."""
        return tuple(sympy.sympify(size) for size in self.args[0].shape)

    def _symopt_code(self, printer) -> str:
        return _float_code(printer, printer._print(self.args[0]), int(self.args[1]))

    def _sympystr(self, printer):
        return f"float{int(self.args[1])}({printer._print(self.args[0])})"


def float_of_integers(expr, bits: int):
    """The integer (or boolean) expression ``expr``, scalar or matrix, as floats of ``bits``: TF1's ``Cast`` of
    integers to a float dtype."""
    if is_matrix(expr):
        return IntegerAsFloat(expr, bits)
    return integer_as_float(expr, bits)
