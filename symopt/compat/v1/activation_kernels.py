"""TF1's activation kernels as kernel functions (:class:`~.kernel_base.KernelFunction`): ELU, SELU, ReLU6, sigmoid
and softsign, with the gradients TF1 registers for them (``EluGrad``, ``SeluGrad`` and ``Relu6Grad`` from the output,
``SigmoidGrad``, ``SoftsignGrad``) and their second derivatives (``tf.hessians``)."""

from __future__ import annotations

import sympy

from ...functions import in_float
from .kernel_base import KernelFunction, held, kernel_abs
from .saturation_clamp import ones_from

__all__ = ["kernel_elu", "kernel_selu", "kernel_relu6", "kernel_sigmoid", "kernel_softsign", "ACTIVATION_KERNELS",
           "SELU_SCALE", "SELU_SCALE_ALPHA"]

#: SELU's constants as TF1's kernel writes them (cast to the features' dtype when the program runs).
SELU_SCALE, SELU_SCALE_ALPHA = 1.0507009873554804934193349852946, 1.7580993408473768599402175208123


def _exp(x, bits):
    """:math:`e^x` correctly rounded to the program's float, as TF1's Eigen kernels compute it (NumPy's float32
    ``exp`` can be an ulp off, which ``exp(x) - 1`` near 0 turns into a 6 % error: ``elu(-1e-6)``)."""
    return sympy.exp(x) if int(bits) == 64 else in_float(sympy.exp(in_float(x, 64)), bits)


class kernel_elu(KernelFunction):
    r"""TF1's ``Elu`` kernel in ``bits`` (32 or 64): :math:`e^x - 1` where :math:`x < 0`, else :math:`x`; its
    gradient (``EluGrad``) from the output :math:`y`: :math:`y + 1` where :math:`y < 0`, else 1 (never :math:`e^x` of a
    large :math:`x`)."""

    nargs = 2

    def body(self, x, bits):
        return sympy.Piecewise((_exp(x, bits) - 1, x < 0), (x, True))

    def partials(self) -> tuple:
        return kernel_elu_gradient(self), None


class kernel_elu_gradient(KernelFunction):
    """``EluGrad``'s factor from the ELU's output ``y``; its derivative :math:`[y < 0]` (``tf.hessians``: the
    second derivative :math:`e^x` below 0, as TF1's ``EluGradGrad``)."""

    def body(self, y):
        return sympy.Piecewise((y + 1, y < 0), (1, True))

    def partials(self) -> tuple:
        return (kernel_negative(self.args[0]),)


class kernel_negative(KernelFunction):
    """:math:`[y < 0]`: 1 where ``y`` is negative, else 0; no gradient (0)."""

    def body(self, y):
        return sympy.Piecewise((1, y < 0), (0, True))

    def partials(self) -> tuple:
        return (sympy.S.Zero,)


def _selu_constants(bits) -> tuple:
    return in_float(sympy.Float(SELU_SCALE, 30), bits), in_float(sympy.Float(SELU_SCALE_ALPHA, 30), bits)


class kernel_selu(KernelFunction):
    r"""TF1's ``Selu`` kernel in ``bits`` (32 or 64): :math:`\lambda\alpha(e^x - 1)` where :math:`x < 0`, else
    :math:`\lambda x`, each constant rounded to the program's float; ``SeluGrad`` from the output :math:`y`:
    :math:`y + \lambda\alpha` where :math:`y < 0`, else :math:`\lambda`."""

    nargs = 2

    def body(self, x, bits):
        scale, scale_alpha = _selu_constants(bits)  # exp(x) - 1 kept whole (in_float), as the kernel computes it
        return sympy.Piecewise((scale_alpha * in_float(_exp(x, bits) - 1, bits), x < 0), (scale * x, True))

    def partials(self) -> tuple:
        return kernel_selu_gradient(self, self.args[1]), None


class kernel_selu_gradient(KernelFunction):
    """``SeluGrad``'s factor from the SELU's output ``y``; its derivative :math:`[y < 0]`."""

    nargs = 2

    def body(self, y, bits):
        scale, scale_alpha = _selu_constants(bits)
        return sympy.Piecewise((y + scale_alpha, y < 0), (scale, True))

    def partials(self) -> tuple:
        return kernel_negative(self.args[0]), None


class kernel_relu6(KernelFunction):
    r"""TF1's ``Relu6``: :math:`\min(\max(x, 0), 6)`, exact, NaN at NaN (probe15 Y2: it was 6); ``Relu6Grad``
    from the output: 1 where :math:`0 < y < 6`, else 0 (at 0, 6 and NaN too)."""

    def body(self, x):
        return sympy.Piecewise((0, x <= 0), (6, x >= 6), (x, True))  # NaN: neither bound, x itself (TF1's nan)

    def partials(self) -> tuple:
        return (kernel_relu6_gradient(self),)


class kernel_relu6_gradient(KernelFunction):
    """``Relu6Grad``'s factor from the output ``y``; piecewise constant: no gradient (0)."""

    def body(self, y):
        return sympy.Piecewise((1, sympy.And(y > 0, y < 6)), (0, True))

    def partials(self) -> tuple:
        return (sympy.S.Zero,)


#: Where TF1's float32 ``Sigmoid`` (Eigen's ``scalar_logistic_op<float>``, which clamps ``x`` there) is exactly 1:
#: from ``np.float32(16.635532)`` on, where the correctly rounded value is 1 only from 17.33 (final46e 46e-11).
FLOAT32_SIGMOID_ONE = 16.6355324


class kernel_sigmoid(KernelFunction):
    r"""TF1's ``Sigmoid`` in ``bits`` (32 or 64): :math:`1 / (1 + e^{-x})` correctly rounded (computed in float64 and
    rounded; TF1's float32 kernel is within a few ulps of it, NumPy's float32 ``exp`` further off), and in
    float32 exactly 1 from :data:`FLOAT32_SIGMOID_ONE` on, as TF1's kernel (so ``log(1 - a)`` is TF1's ``-inf`` there);
    its gradient ``SigmoidGrad`` from the output: :math:`y (1 - y)` (near saturation ``1 - y`` keeps TF1's digits
    only when :math:`y` has them)."""

    nargs = 2

    def body(self, x, bits):
        if int(bits) == 64:
            return 1 / (1 + sympy.exp(-x))
        rounded = in_float(1 / (1 + sympy.exp(-in_float(x, 64))), bits)
        return ones_from(rounded, x, in_float(sympy.Float(FLOAT32_SIGMOID_ONE, 30), 32))  # branch-free (47a2-4)

    def partials(self) -> tuple:
        return kernel_sigmoid_gradient(self), None


class kernel_sigmoid_gradient(KernelFunction):
    """``SigmoidGrad``'s factor from the output ``y``: :math:`y (1 - y)`; its derivative :math:`1 - 2y`
    (``SigmoidGradGrad``: ``tf.hessians`` of a logistic model)."""

    def body(self, y):
        return y * (1 - y)

    def partials(self) -> tuple:
        return (1 - 2 * self.args[0],)


class kernel_softsign(KernelFunction):
    r"""TF1's ``Softsign``: :math:`x / (|x| + 1)`; ``SoftsignGrad``: :math:`1 / (|x| + 1)^2`, exact (SymPy's quotient
    rule gave :math:`1/(1+|x|) - |x|/(1+|x|)^2`, which cancels: 2.3 % off at :math:`x = 10^6`, NaN at
    :math:`\pm\infty`, probe15 Y18)."""

    def body(self, x):
        return x / (kernel_abs(x) + 1)

    def partials(self) -> tuple:
        denominator = kernel_abs(self.args[0]) + 1
        return (1 / (denominator * held(denominator)),)  # TF1's 1 / square(1 + |x|), not pow(1 + |x|, -2)


#: The kernels whose gradient rule is their :meth:`~.kernel_base.KernelFunction.partials` (kernel_functions' table).
ACTIVATION_KERNELS = (kernel_negative, kernel_elu, kernel_elu_gradient, kernel_selu, kernel_selu_gradient, kernel_relu6,
                      kernel_relu6_gradient, kernel_sigmoid, kernel_sigmoid_gradient, kernel_softsign)
