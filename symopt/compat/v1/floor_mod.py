r"""TF1's float ``FloorMod`` (``x % y``, ``tf.floormod``, ``tf.mod``): the exact remainder.

TF1's kernel computes :math:`r = \operatorname{fmod}(x, y)`, exact in floating point, and adds :math:`y` when
:math:`r \ne 0` has the other sign than :math:`y`, so a zero remainder keeps the sign of :math:`x` (``-2.0 % 2.0``
is ``-0.0``, ``0.0 % -1.0`` is ``0.0``).  Written as :math:`x - \lfloor x / y\rfloor\, y` the rounding of
the quotient and the product costs up to half an ulp of :math:`x` (a 7 % error at :math:`x = 10^6`, or a result
outside :math:`[0, y)`; ``5 % 0.1`` is ``0.0`` in float32, where TF1 gives ``0.09999993``) and where
:math:`x / y` overflows it is :math:`\pm\infty` or NaN for a finite true remainder.  :class:`floor_mod` (of a scalar
divisor) and :class:`FloorModMatrix` (of two matrices of one shape: a tensor divisor) print as NumPy's (or JAX's)
``mod``, which is that exact rule but for a zero's sign (NumPy's takes :math:`y`'s: probe56 P56-1), with a zero
given :math:`x`'s sign, ``x * 0`` (an integer stays an integer).  Gradients as TF1's: :math:`\partial/\partial x = 1`,
:math:`\partial/\partial y = -\lfloor x / y \rfloor`.
"""

from __future__ import annotations

import numpy as np
import sympy

from ...calculus import overriding_rules
from ...errors import ShapeError
from ...nodes import elementwise, hadamard, power, scale, transpose

__all__ = ["floor_mod", "floor_divide", "FloorModMatrix", "floor_mod_of", "floor_mod_of_matrix",
           "floor_mod_rules", "floor_mod_adjoint", "floor_mod_matrix_adjoint"]


def _remainder_code(node, printer) -> str:
    """TF1's remainder of ``node``'s two arguments: ``mod(x, y)``, a zero of which takes ``x``'s sign."""
    module = getattr(printer, "matrix_module", "numpy")
    x, y = (printer._print(argument) for argument in node.args)
    remainder = f"{module}.mod({x}, {y})"
    return f"{module}.where({remainder} == 0, ({x}) * 0, {remainder})"


class _NumPyCall(sympy.Function):
    """A function of two arguments printed as the NumPy (JAX) function ``numpy_name``, never folded: the program
    computes it in the tensors' own dtype."""

    nargs = 2
    numpy_name = ""
    latex_form = ""

    def _symopt_code(self, printer) -> str:
        module = getattr(printer, "matrix_module", "numpy")
        return f"{module}.{self.numpy_name}({printer._print(self.args[0])}, {printer._print(self.args[1])})"

    _numpycode = _symopt_code

    def _latex(self, printer, exp=None):
        text = self.latex_form % (printer._print(self.args[0]), printer._print(self.args[1]))
        return text if exp is None else r"%s^{%s}" % (text, exp)


class floor_mod(_NumPyCall):  # noqa: N801 - printed as a function call, like SymPy's own functions
    r""":math:`x \bmod y` with the sign of :math:`y` (a zero: of :math:`x`), exactly (TF1's FloorMod)."""

    numpy_name = "mod"
    latex_form = r"\left(%s \bmod %s\right)"
    _symopt_code = _numpycode = _remainder_code

    def _eval_is_real(self):
        return self.args[0].is_real and self.args[1].is_real


class FloorModMatrix(sympy.MatrixExpr):
    r"""Entrywise :math:`X \bmod Y` with the sign of :math:`Y` (a zero: of :math:`X`), exactly (TF1's FloorMod), of two
    matrices of one shape."""

    def __new__(cls, x, y):
        if tuple(x.shape) != tuple(y.shape):
            raise ShapeError(f"FloorModMatrix: x and y must have one shape; given {x.shape} and {y.shape}")
        return sympy.MatrixExpr.__new__(cls, x, y)

    @property
    def shape(self):
        return self.args[0].shape

    def _eval_transpose(self):
        return FloorModMatrix(transpose(self.args[0]), transpose(self.args[1]))

    numpy_name, latex_form = floor_mod.numpy_name, floor_mod.latex_form
    _symopt_code = _numpycode = _remainder_code
    _latex = _NumPyCall._latex

    def _sympystr(self, printer) -> str:
        return f"({printer._print(self.args[0])} mod {printer._print(self.args[1])})"


def floor_mod_matrix_adjoint(node, adjoint):
    r"""TF1's FloorMod gradient entrywise: :math:`\bar X = \bar R`, :math:`\bar Y = -\lfloor X / Y \rfloor \circ \bar R`."""
    x, y = node.args
    floored = elementwise(sympy.floor, hadamard(x, power(y, -1)))
    return [(x, adjoint), (y, scale(-1, hadamard(floored, adjoint)))]


def floor_mod_adjoint(node, adjoint):
    r"""TF1's FloorMod gradient: :math:`\bar x = \bar r`, :math:`\bar y = -\lfloor x / y \rfloor\, \bar r`."""
    x, y = node.args
    partials = ((x, sympy.S.One), (y, -sympy.floor(x / y)))
    return [(argument, adjoint * partial) for argument, partial in partials if not argument.is_Number]


def floor_mod_rules():
    """Inside the block, in this thread only (:func:`symopt.calculus.overriding_rules`): TF1's FloorMod gradient;
    the core's tables stay its own."""
    return overriding_rules({floor_mod: floor_mod_adjoint, FloorModMatrix: floor_mod_matrix_adjoint})


def floor_mod_of(a, b_scalar):
    """The entrywise floor remainder of the matrix ``a`` by the scalar expression ``b_scalar``."""
    return elementwise(lambda value: floor_mod(value, b_scalar), a)


def floor_mod_of_matrix(a, b):
    """The entrywise floor remainder of ``a`` (a matrix, or a scalar expression for every entry) by the matrix ``b``."""
    a = a if getattr(a, "is_Matrix", False) else scale(a, sympy.OneMatrix(*b.shape))
    return FloorModMatrix(a, b)


class floor_divide(_NumPyCall):  # noqa: N801 - printed as a function call, like SymPy's own functions
    r""":math:`\lfloor x / y \rfloor` of two integers, exactly (``numpy.floor_divide``): 64-bit integers past
    :math:`2^{53}` keep every digit, where :math:`\lfloor x \cdot (1/y) \rfloor` in float64 rounds them."""

    numpy_name = "floor_divide"
    latex_form = r"\left\lfloor %s / %s \right\rfloor"

    def _eval_is_integer(self):
        return True

    def fdiff(self, argindex=1):  # a step function: derivative 0 almost everywhere (integers have no gradient)
        return sympy.S.Zero
