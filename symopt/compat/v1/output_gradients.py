r"""TF1's gradients computed from an op's output :math:`y` that give 0 where the incoming gradient is 0: the kernels
``SqrtGrad``, ``ReciprocalGrad`` and ``RsqrtGrad`` (``cwise_ops_gradients.h``), so the branch of a ``tf.where`` not
taken and a masked entry (``mask * tf.reciprocal(d)`` at :math:`d = 0`) contribute 0, not
:math:`0 \cdot \infty = \mathrm{NaN}`; a NaN incoming gradient counts as nonzero (``dy != 0``), as in TF1.

=================  ================================  ======================================================
op                 :math:`y`                          :math:`\bar x` where :math:`\bar y \ne 0` (else 0)
=================  ================================  ======================================================
``tf.sqrt``        :math:`\sqrt x`                    :math:`\bar y \cdot (0.5 / y)`
``tf.reciprocal``  :math:`1 / x`                      :math:`\bar y \cdot (-(y y))`
``tf.rsqrt``       :math:`1 / \sqrt x`                :math:`(\bar y y) \cdot (-0.5\, (y y))`
=================  ================================  ======================================================

Each product is rounded as TF1's kernel rounds it (``RsqrtGrad`` multiplies :math:`\bar y y` and :math:`y y`, each
rounded first; the square root's is the vectorized kernel's form, which TF1 uses for all but the last
:math:`n \bmod 8` entries of a float32 tensor).  ``tf.reciprocal`` and ``tf.rsqrt`` are their own functions
(:class:`kernel_reciprocal`, :class:`kernel_rsqrt`), so ``1.0 / x`` keeps TF1's ``RealDiv`` gradient (NaN there).
:func:`output_gradient_rules` puts these rules before the core's while the TF1 layer differentiates, in that
thread only (:func:`symopt.calculus.overriding_rules`): the core's table is never changed.
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ...calculus import ADJOINT_RULES, overriding_rules
from ...nodes import Elementwise, ElementSum, hadamard, lambda_parts, scale
from ...stable import Select
from .kernel_base import KernelFunction, held

__all__ = ["kernel_reciprocal", "kernel_rsqrt", "output_gradient_rules", "output_adjoint", "scalar_output_adjoint",
           "OUTPUT_KERNELS"]


class _OutputKernel(KernelFunction):
    """A kernel function of :data:`OUTPUT_KERNELS`; of a number, its body's number (``zoo`` for ``1 / 0.0``, which
    :func:`~.folding.real_scalar` makes TF1's ``inf``)."""

    @classmethod
    def eval(cls, x):
        if x.is_Number:
            return cls.body(None, x)
        return None


class kernel_reciprocal(_OutputKernel):
    r"""TF1's ``Reciprocal``: :math:`1 / x`; gradient :math:`-y^2` (``ReciprocalGrad``, 0 for a zero incoming
    gradient: :data:`OUTPUT_GRADIENTS`)."""

    def body(self, x):
        return 1 / x

    def partials(self) -> tuple:
        return (-self**2,)


class kernel_rsqrt(_OutputKernel):
    r"""TF1's ``Rsqrt``: :math:`1 / \sqrt x`; gradient :math:`-y^3 / 2` (``RsqrtGrad``, 0 for a zero incoming
    gradient: :data:`OUTPUT_GRADIENTS`)."""

    def body(self, x):
        return 1 / sympy.sqrt(x)

    def partials(self) -> tuple:
        return (-self**3 / 2,)


def _unit(matrix):
    """``matrix`` computed as one value before the product it enters (an elementwise identity SymPy cannot flatten
    into that product: a flattened product is multiplied in SymPy's order of its factors, not TF1's)."""
    if not isinstance(matrix, sympy.HadamardProduct):
        return matrix
    entry = sympy.Dummy("p", real=True)
    return Elementwise(sympy.Lambda(entry, held(entry)), matrix)


def _of_output(body, node):
    """The elementwise map ``body`` (a function of the output ``y``) of the map ``node``."""
    output = sympy.Dummy("y", real=True)
    return Elementwise(sympy.Lambda(output, body(output)), node)


#: Each kernel's gradient where the incoming gradient ``dy`` is nonzero, a matrix of the output ``y`` (the map's
#: node) and ``dy``, then of scalars: ``(matrix rule, scalar rule)``.
OUTPUT_GRADIENTS = {
    "Sqrt": (lambda y, dy: hadamard(_unit(dy), _of_output(lambda v: 1 / (2 * v), y)),
             lambda y, dy: dy / (2 * y)),
    "Reciprocal": (lambda y, dy: hadamard(_unit(dy), _of_output(lambda v: -v**2, y)),
                   lambda y, dy: dy * (-held(y**2))),
    "Rsqrt": (lambda y, dy: hadamard(_unit(hadamard(_unit(dy), y)), _of_output(lambda v: -v**2 / 2, y)),
              lambda y, dy: held(dy * y) * (-held(y**2) / 2)),
}

#: The kernel functions with an output gradient, by the TF1 op they are.
OUTPUT_KERNELS = {kernel_reciprocal: "Reciprocal", kernel_rsqrt: "Rsqrt"}


def _kernel_of(body, argument) -> str | None:
    """The TF1 op of ``body`` when it is one of the output-gradient kernels applied to ``argument`` itself."""
    if body == sympy.sqrt(argument):
        return "Sqrt"
    if type(body) in OUTPUT_KERNELS and body.args == (argument,):
        return OUTPUT_KERNELS[type(body)]
    return None


def _coefficient(matrix) -> tuple:
    """``(c, [matrices])`` of ``c * A * B ...`` (``(1, [matrix])`` for any other matrix)."""
    if isinstance(matrix, sympy.MatMul):
        coefficient, matrices = matrix.as_coeff_matrices()
        return coefficient, list(matrices)
    return sympy.S.One, [matrix]


def output_adjoint(node, adjoint):
    """An elementwise map of an output-gradient kernel: TF1's gradient; any other map: the core's rule."""
    kernel = _kernel_of(*reversed(lambda_parts(node.function)))
    if kernel is None:
        return ADJOINT_RULES[ElementwiseApplyFunction](node, adjoint)
    gradient = OUTPUT_GRADIENTS[kernel][0](node, adjoint)
    coefficient, matrices = _coefficient(adjoint)
    if coefficient.is_number and coefficient != 0 and matrices == [sympy.OneMatrix(*adjoint.shape)]:
        return [(node.expr, gradient)]  # a nonzero constant gradient (a sum's): no choice to make
    # the gradient itself as the mask (select reads mask != 0): a NaN gradient is not 0 and gives NaN, as TF1's
    # dy != 0 test does (a 0/1 step of |dy| was 0 at NaN: a silent zero gradient, probe11 U12)
    return [(node.expr, Select(adjoint, gradient, 0))]


def scalar_output_adjoint(node, adjoint):
    r"""An output-gradient kernel of a scalar (``tf.sqrt`` builds :math:`x^{1/2}`, a ``Pow``): TF1's gradient, 0 where
    the incoming gradient is 0, so ``tf.square(tf.sqrt(x))`` has TF1's gradient 0 at :math:`x = 0`, not
    :math:`0 \cdot \infty`; any other power (``x ** 0.5`` is TF1's ``Pow``): the core's rule."""
    (argument,) = node.args[:1]
    kernel = _kernel_of(node, argument)
    if kernel is None:
        return ADJOINT_RULES[sympy.Pow](node, adjoint)
    if adjoint.is_number:  # a constant incoming gradient (a held 0.0 of tf.sqrt(x) * 0.0 too): chosen here
        return [(argument, sympy.S.Zero if adjoint.evalf() == 0 else OUTPUT_GRADIENTS[kernel][1](node, adjoint))]
    gradient = OUTPUT_GRADIENTS[kernel][1](node, adjoint)
    mask = scale(adjoint, sympy.OneMatrix(1, 1))  # a 1 x 1 choice read as a scalar, as tf.where's of scalars
    return [(argument, ElementSum(Select(mask, gradient, 0)))]


def output_gradient_rules():
    """Inside the block, in this thread: TF1's ``SqrtGrad``, ``ReciprocalGrad`` and ``RsqrtGrad``, elementwise and of
    scalars."""
    return overriding_rules({ElementwiseApplyFunction: output_adjoint, sympy.Pow: scalar_output_adjoint,
                             kernel_reciprocal: scalar_output_adjoint, kernel_rsqrt: scalar_output_adjoint})
