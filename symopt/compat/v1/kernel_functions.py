r"""Scalar functions that compute and differentiate as TF1's kernels, not as SymPy's expressions (probe6 P3, P7,
P8, P11, P13).

SymPy differentiates :math:`x^y` with respect to :math:`y` as :math:`x^y \log x`, NaN where :math:`x \le 0`;
TF1's ``_PowGrad`` reads :math:`\log x` only where :math:`x > 0` and 0 elsewhere.  A ``Piecewise`` ELU's
derivative is printed as ``exp(x) * where(x > 0, 0, 1) + ...``, NaN once :math:`e^x` overflows (:math:`x > 88` in
float32), where TF1's ``EluGrad`` / ``SeluGrad`` compute the gradient from the output :math:`y`:
``y < 0 ? y + 1 : 1`` and ``y < 0 ? y + scale_alpha : scale``.

Each function's :meth:`~_KernelFunction.body` is written on placeholders for its arguments and printed with the
arguments' code in their place, as symopt prints an elementwise function: no SymPy ``Piecewise`` is ever built
around an argument that holds one (a ``tf.where`` or ``tf.maximum`` of a scalar), which SymPy rewrites as sets,
recursing without end, or folds into a wrong condition (``elu(where(x > 0.7, x, 0.7))`` took the ELU branch of
``x``).  The gradient kernels have their own derivatives (``tf.hessians`` of ELU, SELU, ReLU6, sigmoid networks and
of ``tf.pow``'s exponent); a third derivative of the exponent is a typed refusal.
"""

from __future__ import annotations

import contextlib

import sympy
from sympy.printing.precedence import PRECEDENCE

from ...calculus import overriding_rules
from ...errors import UnsupportedOperationError
from ...functions import in_float
from .floor_mod import floor_mod_rules
from .sqrt_gradient import sqrt_rules

__all__ = ["kernel_pow", "kernel_elu", "kernel_selu", "kernel_relu6", "kernel_softsign", "kernel_round", "kernel_sigmoid", "kernel_abs",
           "kernel_rules",
           "tf1_rules", "held", "uncancelled", "SELU_SCALE", "SELU_SCALE_ALPHA"]

#: SELU's constants as TF1's kernel writes them (cast to the features' dtype when the program runs).
SELU_SCALE, SELU_SCALE_ALPHA = 1.0507009873554804934193349852946, 1.7580993408473768599402175208123


class _KernelFunction(sympy.Function):
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
            return printer._print(self.elementary())
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
        text = printer._print(self.elementary())
        return text if exp is None else r"\left(%s\right)^{%s}" % (text, exp)


class _KernelGradient(_KernelFunction):
    """A derivative kernel not differentiated again: a typed refusal."""

    def partials(self) -> tuple:
        raise UnsupportedOperationError(
            f"a third derivative through TF1's {self.kernel} gradient is not supported by symopt.compat.v1 (of tf.pow "
            "with a tensor exponent); differentiate at most twice")


def _exp(x, bits):
    """:math:`e^x` correctly rounded to the program's float, as TF1's Eigen kernels compute it (NumPy's float32
    ``exp`` can be an ulp off, which ``exp(x) - 1`` near 0 turns into a 6 % error: ``elu(-1e-6)``)."""
    return sympy.exp(x) if int(bits) == 64 else in_float(sympy.exp(in_float(x, 64)), bits)


class kernel_pow(_KernelFunction):
    r""":math:`x^y` (TF1's ``tf.pow`` of a tensor exponent); :math:`\partial/\partial x = y x^{y-1}`,
    :math:`\partial/\partial y = x^y \log x` where :math:`x > 0`, else 0 (TF1's ``_PowGrad``)."""

    nargs = 2

    def body(self, x, y):
        return sympy.Pow(x, y)

    def partials(self) -> tuple:
        x, y = self.args
        return y * sympy.Pow(x, y - 1), self * kernel_positive_log(x)


class kernel_positive_log(_KernelFunction):
    r""":math:`\log x` where :math:`x > 0`, else 0 (the factor of ``_PowGrad``'s gradient of the exponent); its
    derivative :math:`1/x` where :math:`x > 0`, else 0."""

    def body(self, x):
        return sympy.Piecewise((sympy.log(x), x > 0), (0, True))

    def partials(self) -> tuple:
        return (kernel_positive_reciprocal(self.args[0]),)


class kernel_positive_reciprocal(_KernelGradient):
    r""":math:`1/x` where :math:`x > 0`, else 0."""

    kernel = "Pow"

    def body(self, x):
        return sympy.Piecewise((1 / x, x > 0), (0, True))


class kernel_elu(_KernelFunction):
    r"""TF1's ``Elu`` kernel in ``bits`` (32 or 64): :math:`e^x - 1` where :math:`x < 0`, else :math:`x`; its
    gradient (``EluGrad``) from the output :math:`y`: :math:`y + 1` where :math:`y < 0`, else 1 (never :math:`e^x` of a
    large :math:`x`)."""

    nargs = 2

    def body(self, x, bits):
        return sympy.Piecewise((_exp(x, bits) - 1, x < 0), (x, True))

    def partials(self) -> tuple:
        return kernel_elu_gradient(self), None


class kernel_elu_gradient(_KernelFunction):
    """``EluGrad``'s factor from the ELU's output ``y``; its derivative :math:`[y < 0]` (``tf.hessians``: the
    second derivative :math:`e^x` below 0, as TF1's ``EluGradGrad``)."""

    def body(self, y):
        return sympy.Piecewise((y + 1, y < 0), (1, True))

    def partials(self) -> tuple:
        return (kernel_negative(self.args[0]),)


class kernel_negative(_KernelFunction):
    """:math:`[y < 0]`: 1 where ``y`` is negative, else 0; no gradient (0)."""

    def body(self, y):
        return sympy.Piecewise((1, y < 0), (0, True))

    def partials(self) -> tuple:
        return (sympy.S.Zero,)


def _selu_constants(bits) -> tuple:
    return in_float(sympy.Float(SELU_SCALE, 30), bits), in_float(sympy.Float(SELU_SCALE_ALPHA, 30), bits)


class kernel_selu(_KernelFunction):
    r"""TF1's ``Selu`` kernel in ``bits`` (32 or 64): :math:`\lambda\alpha(e^x - 1)` where :math:`x < 0`, else
    :math:`\lambda x`, each constant rounded to the program's float; ``SeluGrad`` from the output :math:`y`:
    :math:`y + \lambda\alpha` where :math:`y < 0`, else :math:`\lambda`."""

    nargs = 2

    def body(self, x, bits):
        scale, scale_alpha = _selu_constants(bits)  # exp(x) - 1 kept whole (in_float), as the kernel computes it
        return sympy.Piecewise((scale_alpha * in_float(_exp(x, bits) - 1, bits), x < 0), (scale * x, True))

    def partials(self) -> tuple:
        return kernel_selu_gradient(self, self.args[1]), None


class kernel_selu_gradient(_KernelFunction):
    """``SeluGrad``'s factor from the SELU's output ``y``; its derivative :math:`[y < 0]`."""

    nargs = 2

    def body(self, y, bits):
        scale, scale_alpha = _selu_constants(bits)
        return sympy.Piecewise((y + scale_alpha, y < 0), (scale, True))

    def partials(self) -> tuple:
        return kernel_negative(self.args[0]), None


class kernel_relu6(_KernelFunction):
    r"""TF1's ``Relu6``: :math:`\min(\max(x, 0), 6)`, exact; ``Relu6Grad`` from the output: 1 where
    :math:`0 < y < 6`, else 0 (at 0 and 6 too)."""

    def body(self, x):
        return sympy.Piecewise((0, x <= 0), (6, x >= 6), (x, True))  # NaN: no condition holds, NaN out (probe15 Y2)

    def partials(self) -> tuple:
        return (kernel_relu6_gradient(self),)


class kernel_relu6_gradient(_KernelFunction):
    """``Relu6Grad``'s factor from the output ``y``; piecewise constant: no gradient (0)."""

    def body(self, y):
        return sympy.Piecewise((1, sympy.And(y > 0, y < 6)), (0, True))

    def partials(self) -> tuple:
        return (sympy.S.Zero,)


class kernel_softsign(_KernelFunction):
    r"""TF1's ``Softsign``: :math:`x / (|x| + 1)`; ``SoftsignGrad``: :math:`1 / (1 + |x|)^2`, exact (SymPy's quotient
    rule, :math:`1/(1+|x|) - |x|/(1+|x|)^2`, cancels: 2 % off at :math:`x = 10^6`, NaN at infinity; probe15 Y18)."""

    def body(self, x):
        return x / (sympy.Abs(x) + 1)

    def partials(self) -> tuple:
        return (kernel_softsign_gradient(self.args[0]),)


class kernel_softsign_gradient(_KernelFunction):
    r""":math:`1 / (1 + |x|)^2`; its derivative :math:`-2 \operatorname{sign}(x) / (1 + |x|)^3`."""

    def body(self, x):
        plus_one = sympy.Abs(x) + 1  # the square rounded first, then divided, as TF1's float32 kernel
        return sympy.Pow(sympy.Mul(plus_one, plus_one, evaluate=False), -1, evaluate=False)

    def partials(self) -> tuple:
        x = self.args[0]
        return (-2 * kernel_sign(x) / (kernel_abs(x) + 1) ** 3,)


class kernel_sigmoid(_KernelFunction):
    r"""TF1's ``Sigmoid`` in ``bits`` (32 or 64): :math:`1 / (1 + e^{-x})` correctly rounded (computed in float64 and
    rounded, as TF1's float32 kernel is accurate to its last bit, where NumPy's float32 ``exp`` is not); its gradient
    ``SigmoidGrad`` from the output: :math:`y (1 - y)` (near saturation ``1 - y`` keeps TF1's digits only when
    :math:`y` has them)."""

    nargs = 2

    def body(self, x, bits):
        exact = 1 / (1 + sympy.exp(-x))
        return exact if int(bits) == 64 else in_float(1 / (1 + sympy.exp(-in_float(x, 64))), bits)

    def partials(self) -> tuple:
        return kernel_sigmoid_gradient(self), None


class kernel_sigmoid_gradient(_KernelFunction):
    """``SigmoidGrad``'s factor from the output ``y``: :math:`y (1 - y)`; its derivative :math:`1 - 2y`
    (``SigmoidGradGrad``: ``tf.hessians`` of a logistic model)."""

    def body(self, y):
        return y * (1 - y)

    def partials(self) -> tuple:
        return (1 - 2 * self.args[0],)


class kernel_abs(_KernelFunction):
    r"""TF1's ``Abs``: :math:`|x|`, gradient :math:`\operatorname{sign}(x)` (0 at 0).  SymPy's ``Abs`` simplifies its
    argument's signs when made, which fails on a scalar that holds matrices (``tf.reduce_logsumexp`` of a stack:
    probe6 P24)."""

    def body(self, x):
        return sympy.Abs(x)

    def partials(self) -> tuple:
        return (kernel_sign(self.args[0]),)


class kernel_sign(_KernelFunction):
    """TF1's ``Sign`` of :class:`kernel_abs`'s gradient: -1, 0 or 1; no gradient (0)."""

    def body(self, x):
        return sympy.sign(x)

    def partials(self) -> tuple:
        return (sympy.S.Zero,)


class kernel_round(_KernelFunction):
    r"""TF1's ``Round``: the nearest integer, halves to even (``numpy.round``, exact: ``round(-1e-8)`` is ``-0.0``,
    where ``x - Mod(x, 1) + ...`` was ``5e-17``); no gradient (TF1 registers none: 0 here)."""

    def body(self, x):
        return x  # for evalf only: printed by _print_elementary's override below

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


class held(_KernelFunction):
    """The identity, which SymPy cannot see through: ``x - held(x)`` is not cancelled to 0, nor ``held(0.0) * f``
    to 0 (TF1 computes them: ``nan`` where ``x`` is infinite or ``f`` is NaN); derivative 1."""

    @classmethod
    def _should_evalf(cls, argument) -> int:
        return -1  # held(0.0) stays a function of 0.0 (SymPy evaluates a function of a Float to a Float)

    def body(self, x):
        return x

    def partials(self) -> tuple:
        return (sympy.S.One,)


def uncancelled(build, *operands):
    r"""``build(*operands)`` of one or two scalar expressions as TF1 computes it, step by step in floats: where
    SymPy's automatic rewriting cancels or merges the operands (``0.0 * f``, ``f / f``, ``(x + y) - y``,
    ``x * y / y``, ``sqrt(x) * sqrt(x)``, ``exp(log(x))``, ``sqrt(x**2)``) the op is built again with one operand
    :class:`held`, which SymPy cannot see through, so the program computes TF1's IEEE value (probe6 P15:
    ``tf.log(x) * 0.0`` at ``x = -1`` is ``nan``; probe11 U12: ``(100 + 1e30) - 1e30`` is 0 in float32).  The
    number of a folded number result is held (``held(0.0) * f``), else the first operand that is not a number; the
    op rebuilt is held too, so an op on it cannot flatten its terms into its own (``a + (b - b)`` stays TF1's
    ``a + 0``, not ``(a + b) - b``)."""
    result = build(*operands)
    if all(operand.is_number for operand in operands) or not _rewritten(result, operands):
        return result
    if result.is_number:
        index = 0 if len(operands) == 1 or operands[0].is_number else 1
    else:
        index = 1 if operands[0].is_number else 0
    rebuilt = build(*(held(operand) if i == index else operand for i, operand in enumerate(operands)))
    return rebuilt if rebuilt.is_number else held(rebuilt)  # a + (b - b): never flattened into a + b - b


def _rewritten(result, operands) -> bool:
    """Whether SymPy did more than build the op on ``operands``: a number from symbols; a sum or product of two
    non-number operands with fewer terms than they bring (a term cancelled or merged; constants are folded as TF1's
    graph optimizer folds them: ``(x * 2.0) * 3.0``); any other result whose leading arguments are not the operands
    (``exp(log(x))`` is ``x``, ``x * x`` is ``x**2``, ``(x**2)**0.5`` is ``Abs(x)``).  Structure only: no walk."""
    if result.is_number:
        return True
    if len(operands) == 2 and isinstance(result, (sympy.Add, sympy.Mul)):
        if operands[0].is_number or operands[1].is_number:
            return _reciprocal_undone(operands[1] if operands[0].is_number else operands[0], result)
        kind = type(result)
        return len(result.args) < sum(len(o.args) if type(o) is kind else 1 for o in operands)
    return result.args[:len(operands)] != operands


def _reciprocal_undone(operand, result) -> bool:
    """Whether the product ``result`` of a number and ``operand`` turned a reciprocal of ``operand`` back into its
    base (``1.0 / (1.0 / x)`` is ``1.0 * x``, where TF1 divides twice: NaN in the gradient at 0); a number folded
    into a coefficient (``(x * 2.0) * 3.0``, ``2.0 / x``) is TF1's constant folding."""
    inverted = {factor.base for factor in sympy.Mul.make_args(operand)
                if isinstance(factor, sympy.Pow) and factor.exp.is_negative}
    return any(factor in inverted or (isinstance(factor, sympy.Pow) and factor.exp.is_positive and
                                      factor.base in inverted) for factor in sympy.Mul.make_args(result))


def kernel_adjoint(node, adjoint) -> list:
    """The adjoint rule of a kernel function: each argument's adjoint times its partial."""
    return [(argument, adjoint * partial) for argument, partial in zip(node.args, node.partials())
            if partial is not None and not argument.is_Number]


def held_adjoint(node, adjoint) -> list:
    """The adjoint rule of :class:`held`: the adjoint itself, held, so SymPy cannot cancel it against the partials
    of the held argument (``tf.gradients(x * y / y, x)`` is TF1's ``(1 / y) * y``, ``nan`` at ``y = 0``, not 1)."""
    plain = getattr(adjoint, "is_Matrix", False) or adjoint.is_number
    return [(node.args[0], adjoint if plain else held(adjoint))]


def log_adjoint(node, adjoint) -> list:
    r"""TF1's ``LogGrad`` of a scalar, :math:`\bar y \cdot (1 / x)`, with the reciprocal :class:`held`, so SymPy
    cannot cancel it against the argument's own partials: ``tf.gradients(tf.log(x * y) - tf.log(y), x)`` is TF1's
    :math:`y \cdot (1 / (x y))`, NaN at :math:`y = 0` (not :math:`1 / x`), and ``tf.log(x ** 2)``'s is
    :math:`2x \cdot (1 / x^2)`, NaN at 0 and inf where :math:`x^2` underflows."""
    (argument,) = node.args  # a stand-in symbol for a compound argument (calculus.adjoints): always held
    return [(argument, adjoint * held(1 / argument))]


@contextlib.contextmanager
def tf1_rules():
    """Inside the block, in this thread only: every TF1 gradient rule of the layer (FloorMod, SqrtGrad and the
    kernel functions'); what ``tf.gradients``, the optimizers and ``tf.hessians`` differentiate with."""
    with floor_mod_rules(), sqrt_rules(), kernel_rules():
        yield


def kernel_rules():
    """Inside the block, in this thread only (:func:`symopt.calculus.overriding_rules`): the kernel functions'
    TF1 gradients; the core's tables stay its own."""
    return overriding_rules(dict.fromkeys((kernel_pow, kernel_positive_log, kernel_positive_reciprocal, kernel_negative,
                                           kernel_elu, kernel_elu_gradient,
                                           kernel_selu, kernel_selu_gradient, kernel_relu6, kernel_relu6_gradient,
                                           kernel_sigmoid, kernel_sigmoid_gradient, kernel_abs, kernel_sign,
                                           kernel_softsign, kernel_softsign_gradient,
                                           kernel_round),
                                          kernel_adjoint) | {held: held_adjoint, sympy.log: log_adjoint})
