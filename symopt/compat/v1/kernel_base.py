"""The base of symopt.compat.v1's TF1 kernel functions (:mod:`.kernel_functions`): a SymPy function printed as its
:meth:`~KernelFunction.body` with its arguments' code in place, differentiated by TF1's gradient
(:meth:`~KernelFunction.partials`), TF1's ``Abs`` / ``Sign``, and :class:`held`, the identity SymPy cannot see
through."""

from __future__ import annotations

import sympy
from sympy.printing.precedence import PRECEDENCE

from ...errors import UnsupportedOperationError
from ...safe_slopes import elementary_code, elementary_latex

__all__ = ["KernelFunction", "KernelGradient", "kernel_abs", "kernel_sign", "held"]


class KernelFunction(sympy.Function):
    """Prints :meth:`body` with its arguments' code in place of its placeholders (SymPy's own printers, which have
    no names for placeholders, print :meth:`elementary`); :meth:`partials` are TF1's gradients."""

    def body(self, *arguments):
        """The function's expression of ``arguments`` (placeholders when printed; numbers stay numbers)."""
        raise NotImplementedError

    def partials(self) -> tuple:
        """The local derivative with respect to each argument (``None``: no gradient)."""
        raise NotImplementedError

    def elementary(self):
        return self.body(*self.args)

    def fdiff(self, argindex=1):
        return self.partials()[argindex - 1]

    def _print_elementary(self, printer) -> str:
        names = getattr(printer, "names", None)
        if names is None:
            return elementary_code(printer, self.elementary())  # pycode(kernel_pow(x, y)**2) was x**y**2 (48e-3)
        placeholders = [argument if argument.is_Number else sympy.Dummy("arg", real=True) for argument in self.args]
        for argument, placeholder in zip(self.args, placeholders):
            if placeholder is not argument:
                names[placeholder] = printer.parenthesize(argument, PRECEDENCE["Atom"], strict=True)
        try:
            return f"({printer._print(self.body(*placeholders))})"
        finally:
            for argument, placeholder in zip(self.args, placeholders):
                names.pop(placeholder, None)

    _symopt_code = _numpycode = _pythoncode = _mpmathcode = _jaxcode = _lambdacode = _print_elementary

    def _eval_evalf(self, prec):
        return self.elementary()._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        return elementary_latex(printer, self.elementary(), exp)


class KernelGradient(KernelFunction):
    """A derivative kernel not differentiated again: a typed refusal."""

    def partials(self) -> tuple:
        raise UnsupportedOperationError(
            f"a third derivative through TF1's {self.kernel} gradient is not supported by symopt.compat.v1 (of tf.pow "
            "with a tensor exponent); differentiate at most twice")


class kernel_abs(KernelFunction):
    r"""TF1's ``Abs``: :math:`|x|`, gradient :math:`\operatorname{sign}(x)` (0 at 0).  SymPy's ``Abs`` simplifies its
    argument's signs when made, which fails on a scalar that holds matrices (``tf.reduce_logsumexp`` of a stack:
    probe6 P24)."""

    def body(self, x):
        return sympy.Abs(x)

    def partials(self) -> tuple:
        return (kernel_sign(self.args[0]),)


class kernel_sign(KernelFunction):
    """TF1's ``Sign`` of :class:`kernel_abs`'s gradient: -1, 0 or 1; no gradient (0)."""

    def body(self, x):
        return sympy.sign(x)

    def partials(self) -> tuple:
        return (sympy.S.Zero,)


class held(KernelFunction):
    """The identity, which SymPy cannot see through: ``x - held(x)`` is not cancelled to 0, nor ``held(0.0) * f``
    to 0 (TF1 computes them: ``nan`` where ``x`` is infinite or ``f`` is NaN); derivative 1."""

    @classmethod
    def _should_evalf(cls, argument) -> int:
        return -1  # held(0.0) stays a function of 0.0 (SymPy evaluates a function of a Float to a Float)

    def body(self, x):
        return x

    def partials(self) -> tuple:
        return (sympy.S.One,)
