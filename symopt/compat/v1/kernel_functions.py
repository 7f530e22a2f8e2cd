r"""Scalar functions that compute and differentiate as TF1's kernels, not as SymPy's expressions (probe6 P3, P7,
P8, P11, P13).

SymPy differentiates :math:`x^y` with respect to :math:`y` as :math:`x^y \log x`, NaN where :math:`x \le 0`;
TF1's ``_PowGrad`` reads :math:`\log x` only where :math:`x > 0` and 0 elsewhere.  A ``Piecewise`` ELU's
derivative is printed as ``exp(x) * where(x > 0, 0, 1) + ...``, NaN once :math:`e^x` overflows (:math:`x > 88` in
float32), where TF1's ``EluGrad`` / ``SeluGrad`` compute the gradient from the output :math:`y`:
``y < 0 ? y + 1 : 1`` and ``y < 0 ? y + scale_alpha : scale``.

Each function's :meth:`~.kernel_base.KernelFunction.body` is written on placeholders for its arguments and printed with the
arguments' code in their place, as symopt prints an elementwise function: no SymPy ``Piecewise`` is ever built
around an argument that holds one (a ``tf.where`` or ``tf.maximum`` of a scalar), which SymPy rewrites as sets,
recursing without end, or folds into a wrong condition (``elu(where(x > 0.7, x, 0.7))`` took the ELU branch of
``x``).  The gradient kernels have their own derivatives (``tf.hessians`` of ELU, SELU, ReLU6, sigmoid networks and
of ``tf.pow``'s exponent); a third derivative of the exponent is a typed refusal.  The activations' kernels are
in :mod:`.activation_kernels`, the base class in :mod:`.kernel_base`; this module holds ``tf.pow``'s, ``Round``,
:class:`held` and the table of their TF1 gradient rules.
"""

from __future__ import annotations

import contextlib

import sympy

from ...calculus import overriding_rules
from .activation_kernels import (ACTIVATION_KERNELS, SELU_SCALE, SELU_SCALE_ALPHA, kernel_elu, kernel_relu6, kernel_selu,
                                 kernel_sigmoid, kernel_softsign)
from .floor_mod import floor_mod_rules
from .gathered_rows import GATHER_RULES
from .gradient_masks import GRADIENT_MASK_RULES
from .kernel_base import KernelFunction, KernelGradient, held, kernel_abs, kernel_sign
from .output_gradients import output_gradient_rules
from .copy_nodes import COPY_RULES
from .running_sums import RUNNING_SUM_RULES
from .top_k_nodes import TOP_K_RULES

__all__ = ["kernel_pow", "kernel_elu", "kernel_selu", "kernel_relu6", "kernel_round", "kernel_sigmoid", "kernel_abs",
           "kernel_softsign", "kernel_rules", "tf1_rules", "held", "uncancelled", "SELU_SCALE", "SELU_SCALE_ALPHA"]


class kernel_pow(KernelFunction):
    r""":math:`x^y` (TF1's ``tf.pow`` of a tensor exponent); :math:`\partial/\partial x = y x^{y-1}`,
    :math:`\partial/\partial y = x^y \log x` where :math:`x > 0`, else 0 (TF1's ``_PowGrad``)."""

    nargs = 2

    def body(self, x, y):
        return sympy.Pow(x, y)

    def partials(self) -> tuple:
        x, y = self.args
        log_x = kernel_positive_log(x)
        if log_x.is_zero:  # a constant base <= 0: TF1's x**y * 0, NaN where x**y is not finite (probe18 G21)
            log_x = held(sympy.Float(0.0))
        return y * kernel_pow(x, y - 1), self * log_x  # TF1's y * pow(x, y - 1): again a Pow with _PowGrad


class kernel_positive_log(KernelFunction):
    r""":math:`\log x` where :math:`x > 0`, else 0 (the factor of ``_PowGrad``'s gradient of the exponent); its
    derivative :math:`1/x` where :math:`x > 0`, else 0."""

    def body(self, x):
        return sympy.Piecewise((sympy.log(x), x > 0), (0, True))

    def partials(self) -> tuple:
        return (kernel_positive_reciprocal(self.args[0]),)


class kernel_positive_reciprocal(KernelGradient):
    r""":math:`1/x` where :math:`x > 0`, else 0."""

    kernel = "Pow"

    def body(self, x):
        return sympy.Piecewise((1 / x, x > 0), (0, True))


class kernel_round(KernelFunction):
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
    with floor_mod_rules(), output_gradient_rules(), kernel_rules():
        yield


def kernel_rules():
    """Inside the block, in this thread only (:func:`symopt.calculus.overriding_rules`): the kernel functions'
    TF1 gradients, ``tf.nn.top_k``'s refusal and a gather's indices' (none); the core's tables stay its own."""
    return overriding_rules(dict.fromkeys((kernel_pow, kernel_positive_log, kernel_positive_reciprocal, kernel_abs,
                                           kernel_sign, kernel_round) + ACTIVATION_KERNELS,
                                          kernel_adjoint) | {held: held_adjoint, sympy.log: log_adjoint} | TOP_K_RULES
                            | GATHER_RULES | RUNNING_SUM_RULES | GRADIENT_MASK_RULES | COPY_RULES)
