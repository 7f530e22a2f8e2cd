r"""TF1's cast of floats to integers: truncated toward zero by the CPU's conversion to a 32-bit integer (to a
64-bit one for ``int64``), whose result for NaN, an infinity or a value outside the range is the smallest
integer, :math:`-2^{31}` (``tf.cast(1e10, tf.int32)`` is ``-2147483648``, not NumPy's wrapped ``1410065408``);
the narrow types keep the low bits of that 32-bit integer (``tf.cast(300.0, tf.uint8)`` is 44, of ``1e10``
0), also where the cast is an input of other ops inside the program."""

from __future__ import annotations

import math

import sympy

__all__ = ["truncated_int"]


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
