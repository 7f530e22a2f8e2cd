r"""Scalar functions the course uses, as genuine SymPy functions with derivatives.

=================  ========================================  ==========================
function           value                                     derivative
=================  ========================================  ==========================
``sigmoid(x)``     :math:`\sigma(x) = 1/(1+e^{-x})`           :math:`\sigma(x)(1-\sigma(x))`
``relu(x)``        :math:`\max(x, 0)`                         :math:`H(x)`, with :math:`H(0)=0` (TF1)
``softplus(x)``    :math:`\log(1+e^{x})`                      :math:`\sigma(x)`
``leaky_relu(x,a)`` :math:`\max(x, a x)`                      :math:`a + (1-a) H(x)`
``step(x)``        :math:`H(x)` with :math:`H(0)=0`           :math:`0`
=================  ========================================  ==========================

Each one evaluates numerically in SymPy (``evalf``) and rewrites to elementary
functions with ``.rewrite(sympy.exp)``; the code printer emits stable NumPy forms.
"""

from __future__ import annotations

import sympy

__all__ = ["sigmoid", "relu", "softplus", "leaky_relu", "step"]


class _NumericFunction(sympy.Function):
    """A function that evaluates through its elementary rewrite."""

    def _elementary(self):
        raise NotImplementedError

    def _eval_evalf(self, prec):
        return self._elementary()._eval_evalf(prec)

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        return self._elementary()

    def _eval_is_real(self):
        return self.args[0].is_real


class sigmoid(_NumericFunction):
    r"""Logistic function :math:`\sigma(x) = 1/(1+e^{-x})`; :math:`\sigma' = \sigma(1-\sigma)`."""

    def fdiff(self, argindex=1):
        return self * (1 - self)

    def _elementary(self):
        return 1 / (1 + sympy.exp(-self.args[0]))

    def _latex(self, printer):
        return r"\sigma\left(%s\right)" % printer._print(self.args[0])

    def _eval_is_positive(self):
        return self.args[0].is_extended_real


class step(_NumericFunction):
    r"""Heaviside step with :math:`H(0) = 0` (TF1's ReLU gradient convention); :math:`H' = 0`."""

    def fdiff(self, argindex=1):
        return sympy.S.Zero

    def _elementary(self):
        return sympy.Piecewise((1, self.args[0] > 0), (0, True))

    def _eval_evalf(self, prec):
        return sympy.Float(1 if self.args[0] > 0 else 0, prec)


class relu(_NumericFunction):
    r"""Rectified linear unit :math:`\max(x, 0)`; derivative :math:`H(x)` with :math:`H(0)=0`."""

    def fdiff(self, argindex=1):
        return step(self.args[0])

    def _elementary(self):
        return sympy.Max(self.args[0], 0)


class softplus(_NumericFunction):
    r"""Softplus :math:`\log(1+e^{x})`, printed as the stable ``logaddexp(0, x)``; derivative :math:`\sigma(x)`."""

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _elementary(self):
        return sympy.log(1 + sympy.exp(self.args[0]))

    def _eval_is_positive(self):
        return self.args[0].is_extended_real


class leaky_relu(_NumericFunction):
    r"""Leaky ReLU :math:`\max(x, a x)` for :math:`0 \le a < 1`; derivative :math:`a + (1-a)H(x)`."""

    nargs = 2

    def fdiff(self, argindex=1):
        x, slope = self.args
        if argindex == 1:
            return slope + (1 - slope) * step(x)
        return sympy.Min(x, 0)

    def _elementary(self):
        x, slope = self.args
        return sympy.Max(x, slope * x)
