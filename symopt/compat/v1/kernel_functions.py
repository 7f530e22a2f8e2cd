r"""Scalar functions whose derivatives are those of TF1's gradient kernels, not SymPy's (probe6 P3, P7).

SymPy differentiates :math:`x^y` with respect to :math:`y` as :math:`x^y \log x`, NaN where :math:`x \le 0`;
TF1's ``_PowGrad`` reads :math:`\log x` only where :math:`x > 0` and 0 elsewhere.  A ``Piecewise`` ELU's
derivative is printed as ``exp(x) * where(x > 0, 0, 1) + ...``, NaN once :math:`e^x` overflows (:math:`x > 88` in
float32), where TF1's ``EluGrad`` / ``SeluGrad`` compute the gradient from the output :math:`y`:
``y < 0 ? y + 1 : 1`` and ``y < 0 ? y + scale_alpha : scale``.  Each function here prints as its elementary form
(a ``Piecewise`` or a power) and differentiates with TF1's rule.
"""

from __future__ import annotations

import sympy

from ...calculus import overriding_rules
from ...functions import in_float

__all__ = ["kernel_pow", "kernel_elu", "kernel_selu", "kernel_round", "kernel_rules", "SELU_SCALE",
           "SELU_SCALE_ALPHA"]

#: SELU's constants as TF1's kernel writes them (cast to the features' dtype when the program runs).
SELU_SCALE, SELU_SCALE_ALPHA = 1.0507009873554804934193349852946, 1.7580993408473768599402175208123


class _KernelFunction(sympy.Function):
    """Prints as :meth:`elementary` in every printer (symopt's and SymPy's own); :meth:`partials` are TF1's."""

    def elementary(self):
        raise NotImplementedError

    def partials(self) -> tuple:
        """The local derivative with respect to each argument (``None``: no gradient)."""
        raise NotImplementedError

    def fdiff(self, argindex=1):
        return self.partials()[argindex - 1]

    def _print_elementary(self, printer) -> str:
        return printer._print(self.elementary())

    _symopt_code = _numpycode = _pythoncode = _mpmathcode = _jaxcode = _lambdacode = _print_elementary

    def _eval_evalf(self, prec):
        return self.elementary()._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        text = printer._print(self.elementary())
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


class kernel_pow(_KernelFunction):
    r""":math:`x^y` (TF1's ``tf.pow`` of a tensor exponent); :math:`\partial/\partial x = y x^{y-1}`,
    :math:`\partial/\partial y = x^y \log x` where :math:`x > 0`, else 0 (TF1's ``_PowGrad``)."""

    nargs = 2

    def elementary(self):
        return sympy.Pow(*self.args)

    def partials(self) -> tuple:
        x, y = self.args
        return y * sympy.Pow(x, y - 1), self * sympy.Piecewise((sympy.log(x), x > 0), (0, True))


def _exp(x, bits):
    """:math:`e^x` correctly rounded to the program's float, as TF1's Eigen kernels compute it (NumPy's float32
    ``exp`` can be an ulp off, which ``exp(x) - 1`` near 0 turns into a 6 % error: ``elu(-1e-6)``)."""
    return sympy.exp(x) if int(bits) == 64 else in_float(sympy.exp(in_float(x, 64)), bits)


class kernel_elu(_KernelFunction):
    r"""TF1's ``Elu`` kernel in ``bits`` (32 or 64): :math:`e^x - 1` where :math:`x < 0`, else :math:`x`; its
    gradient (``EluGrad``) from the output :math:`y`: :math:`y + 1` where :math:`y < 0`, else 1 (never :math:`e^x` of a
    large :math:`x`)."""

    nargs = 2

    def elementary(self):
        x, bits = self.args
        return sympy.Piecewise((_exp(x, bits) - 1, x < 0), (x, True))

    def partials(self) -> tuple:
        return sympy.Piecewise((self + 1, self < 0), (1, True)), None


class kernel_selu(_KernelFunction):
    r"""TF1's ``Selu`` kernel in ``bits`` (32 or 64): :math:`\lambda\alpha(e^x - 1)` where :math:`x < 0`, else
    :math:`\lambda x`, each constant rounded to the program's float; ``SeluGrad`` from the output :math:`y`:
    :math:`y + \lambda\alpha` where :math:`y < 0`, else :math:`\lambda`."""

    nargs = 2

    def _constants(self) -> tuple:
        bits = self.args[1]
        return in_float(sympy.Float(SELU_SCALE, 30), bits), in_float(sympy.Float(SELU_SCALE_ALPHA, 30), bits)

    def elementary(self):
        x, bits = self.args
        scale, scale_alpha = self._constants()  # exp(x) - 1 kept whole (in_float), as the kernel computes it
        return sympy.Piecewise((scale_alpha * in_float(_exp(x, bits) - 1, bits), x < 0), (scale * x, True))

    def partials(self) -> tuple:
        scale, scale_alpha = self._constants()
        return sympy.Piecewise((self + scale_alpha, self < 0), (scale, True)), None


class kernel_round(_KernelFunction):
    r"""TF1's ``Round``: the nearest integer, halves to even (``numpy.round``, exact: ``round(-1e-8)`` is ``-0.0``,
    where ``x - Mod(x, 1) + ...`` was ``5e-17``); no gradient (TF1 registers none: 0 here)."""

    def elementary(self):
        return self.args[0]  # for evalf only: printed by _print_elementary's override below

    def _print_elementary(self, printer) -> str:
        module = getattr(printer, "matrix_module", "numpy")
        return f"{module}.round({printer._print(self.args[0])})"

    _symopt_code = _numpycode = _jaxcode = _print_elementary

    def _eval_evalf(self, prec):
        import numpy
        return sympy.Float(float(numpy.round(float(self.args[0].evalf(prec)))), prec)

    def partials(self) -> tuple:
        return (sympy.S.Zero,)

    def _latex(self, printer, exp=None):
        text = r"\operatorname{round}\left(%s\right)" % printer._print(self.args[0])
        return text if exp is None else r"%s^{%s}" % (text, exp)


def kernel_adjoint(node, adjoint) -> list:
    """The adjoint rule of a kernel function: each argument's adjoint times its partial."""
    return [(argument, adjoint * partial) for argument, partial in zip(node.args, node.partials())
            if partial is not None and not argument.is_Number]


def kernel_rules():
    """Inside the block, in this thread only (:func:`symopt.calculus.overriding_rules`): the kernel functions'
    TF1 gradients; the core's tables stay its own."""
    return overriding_rules(dict.fromkeys((kernel_pow, kernel_elu, kernel_selu, kernel_round), kernel_adjoint))
