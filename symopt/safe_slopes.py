r"""Factors of inverse-function slopes, shown as the textbook writes them and computed without overflow or cancellation.

* :class:`inverse_hypot` is :math:`1/\sqrt{w^2 + 1}`, the slope of :math:`\operatorname{asinh}`, computed
  ``1/hypot(w, 1)``: written out, :math:`w^2` overflows above :math:`|w| \approx 1.3 \cdot 10^{154}` (float64) and
  :math:`1.8 \cdot 10^{19}` (float32), and the slope, :math:`\approx 1/|w|` and representable, was 0 (probe60 P60-4).
* :class:`one_minus_square` is :math:`1 - w^2`, in the slopes of :math:`\arcsin`, :math:`\arccos` and
  :math:`\operatorname{atanh}`, computed ``(1 - w)*(1 + w)``: ``1 - w*w`` loses the digits of :math:`w^2` near
  :math:`|w| = 1` (:math:`2.6 \cdot 10^5` ulp of the slope of atanh at :math:`w = 1 - 10^{-10}`), where
  :math:`1 - w` is exact.

Generated code takes them through :data:`symopt.adjoint_rules.CODE_RULES`; ``grad`` keeps SymPy's expressions.
"""

from __future__ import annotations

import numpy
import sympy
from sympy.printing.precedence import PRECEDENCE

__all__ = ["inverse_hypot", "one_minus_square", "inverse_hypot_value", "elementary_code", "elementary_latex"]


def elementary_code(printer, elementary) -> str:
    """A function's ``elementary`` form as SymPy's own printers (``lambdify``, ``pycode``, ``str``) print it in its
    place, parenthesized: a printer takes a function call for an atom, and ``sigmoid(w)**2`` printed as
    ``(1 + exp(-w))**(-1.0)**2``, ``kernel_pow(x, y)**2`` as ``x**y**2`` (probe92 P92-3, final48e 48e-3)."""
    return f"({printer._print(elementary)})"


def elementary_latex(printer, elementary, exp=None) -> str:
    """A function's ``elementary`` form in LaTeX, parenthesized where a product would split it
    (``2·one_minus_square(w)`` is :math:`2 \\left(1 - w^{2}\\right)`, not :math:`2 \\cdot 1 - w^{2}`), raised to
    ``exp`` where given."""
    if exp is None:
        return printer.parenthesize(elementary, PRECEDENCE["Mul"])
    return r"\left(%s\right)^{%s}" % (printer._print(elementary), exp)


class _Shown(sympy.Function):
    """A function printed in its elementary form everywhere but in symopt's generated code."""

    nargs = 1

    def _elementary(self):
        raise NotImplementedError

    def _eval_evalf(self, prec):
        return self._elementary()._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _sympystr(self, printer) -> str:
        return self._elementary_code(printer)

    def _pretty(self, printer):
        return printer._print(self._elementary())

    def _latex(self, printer, exp=None):
        return elementary_latex(printer, self._elementary(), exp)

    def _elementary_code(self, printer) -> str:
        """SymPy's own code printers (``lambdify``) and ``str`` print the elementary form, parenthesized
        (:func:`elementary_code`: ``one_minus_square(w)**2`` was ``1 - w**2**2``, P92-3)."""
        return elementary_code(printer, self._elementary())

    _numpycode = _pythoncode = _mpmathcode = _lambdacode = _jaxcode = _elementary_code


class inverse_hypot(_Shown):
    r""":math:`1/\sqrt{w^2 + 1}`, computed ``1/hypot(w, 1)`` (the array module's ``hypot``: NumPy, ``math``, JAX);
    its derivative :math:`-w/(w^2+1)^{3/2}` is :math:`-w \cdot \mathrm{inverse\_hypot}(w)^3`."""

    @classmethod
    def eval(cls, w):
        if w.is_number:
            return 1 / sympy.sqrt(w ** 2 + 1)

    def fdiff(self, argindex=1):
        return -self.args[0] * self ** 3

    def _elementary(self):
        return 1 / sympy.sqrt(self.args[0] ** 2 + 1)

    def _symopt_code(self, printer) -> str:
        return f"(1/{printer.array_module}.hypot({printer._print(self.args[0])}, 1))"


class one_minus_square(_Shown):
    r""":math:`1 - w^2`, computed ``(1 - w)*(1 + w)``; derivative :math:`-2w`."""

    @classmethod
    def eval(cls, w):
        if w.is_number:
            return 1 - w ** 2

    def fdiff(self, argindex=1):
        return -2 * self.args[0]

    def _elementary(self):
        return 1 - self.args[0] ** 2

    def _symopt_code(self, printer) -> str:
        w = printer.parenthesize(self.args[0], PRECEDENCE["Add"])
        return f"((1 - {w})*(1 + {w}))"


def inverse_hypot_value(expr, values: dict, dtype: str):
    r"""The code's number for SymPy's :math:`(x^2 + 1)^{-1/2}` (the slope of asinh as ``derive`` shows it),
    ``1/hypot(|x|, 1)`` in ``dtype``, where ``expr`` is that form and :math:`x^2` a product of a positive number
    :math:`k` and even powers :math:`b^{2n}` of finite real ``values[b]``: :math:`|x| = \sqrt{k} \prod |b|^n`
    (:math:`4w^2` in the slope :math:`2/\sqrt{4w^2 + 1}` of :math:`\operatorname{asinh}(2w)`, final42f F42f-7); None
    otherwise.  Written out, :math:`x^2` overflows above :math:`|x| \approx 1.3 \cdot 10^{154}` and the display showed
    0 where the code returns :math:`1/|x|` (review final42a F42a-11)."""
    if not (expr.is_Pow and expr.exp == sympy.Rational(-1, 2) and expr.base.is_Add and len(expr.base.args) == 2
            and sympy.S.One in expr.base.args):
        return None
    square = next(term for term in expr.base.args if term != 1)
    number = getattr(numpy, dtype)
    with numpy.errstate(all="ignore"):
        size = _root_of_square(square, values, number)
        return None if size is None else sympy.Float(float(number(1) / numpy.hypot(size, number(1))))


def _root_of_square(square, values: dict, number):
    r""":math:`|x|` in the float type ``number`` for :math:`x^2` = ``square``, a product of a positive number and even
    powers of finite real ``values``; None for any other form."""
    size = number(1)
    for factor in sympy.Mul.make_args(square):
        if factor.is_number and factor.is_extended_positive:
            root = float(sympy.sqrt(factor).evalf())  # the root of k² = 1e-400 is 1e-200, float(k²) 0 (F43a-5)
            if root == 0 or not numpy.isfinite(root):
                return None
            size = size * number(root)
            continue
        if not (factor.is_Pow and factor.exp.is_Integer and factor.exp > 0 and factor.exp % 2 == 0):
            return None
        base = values.get(factor.base)
        if not (isinstance(base, sympy.Expr) and base.is_number and base.is_extended_real and base.is_finite):
            return None
        size = size * number(abs(float(base))) ** int(factor.exp // 2)
    return size
