r"""TF1's gradient of ``tf.sqrt``: its kernel (``SqrtGrad``) gives 0 where the incoming gradient is 0,
:math:`\bar x = \bar y \ne 0\ ?\ \bar y / (2 y) : 0` with :math:`y = \sqrt x`, so the branch of a ``tf.where`` not
taken contributes 0, not :math:`0 \cdot \infty = \mathrm{NaN}`: ``tf.where(x > 0, tf.sqrt(x), 0)`` at :math:`x \le 0`
has a finite gradient in TF1.  :func:`sqrt_rules` puts that rule before the core's for elementwise square roots
while the TF1 layer differentiates, in that thread only (:func:`symopt.calculus.overriding_rules`): the core's table
is never changed, so another thread differentiating at the same time keeps the core's rule.
"""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ...calculus import ADJOINT_RULES, overriding_rules
from ...nodes import Elementwise, ElementSum, hadamard, lambda_parts, scale
from ...stable import Select

__all__ = ["sqrt_rules", "sqrt_adjoint", "scalar_sqrt_adjoint"]


def _is_square_root(node) -> bool:
    """Whether ``node`` is the elementwise square root of a matrix (``tf.sqrt`` of one)."""
    dummy, body = lambda_parts(node.function)
    return body == sympy.sqrt(dummy)


def sqrt_adjoint(node, adjoint):
    """TF1's ``SqrtGrad`` for an elementwise square root; any other elementwise function: the core's rule."""
    if not _is_square_root(node):
        return ADJOINT_RULES[ElementwiseApplyFunction](node, adjoint)
    output = sympy.Dummy("y", real=True)
    scaled = hadamard(adjoint, Elementwise(sympy.Lambda(output, 1 / (2 * output)), node))
    # the gradient itself as the mask (select reads mask != 0): a NaN gradient is not 0 and gives NaN, as TF1's
    # dy != 0 test does (a 0/1 step of |dy| was 0 at NaN: a silent zero gradient, probe11 U12)
    return [(node.expr, Select(adjoint, scaled, 0))]


def scalar_sqrt_adjoint(node, adjoint):
    r"""TF1's ``SqrtGrad`` for the square root of a scalar (``tf.sqrt`` builds :math:`x^{1/2}`, a ``Pow``): 0 where
    the incoming gradient is 0, so ``tf.square(tf.sqrt(x))`` has TF1's gradient 0 at :math:`x = 0`, not
    :math:`0 \cdot \infty`; any other power (``x ** 0.5`` is TF1's ``Pow``): the core's rule."""
    base, exponent = node.args
    if exponent != sympy.S.Half:
        return ADJOINT_RULES[sympy.Pow](node, adjoint)
    if adjoint.is_number and adjoint != 0:
        return [(base, adjoint / (2 * node))]
    mask = scale(adjoint, sympy.OneMatrix(1, 1))  # a 1 x 1 choice read as a scalar, as tf.where's of scalars
    return [(base, ElementSum(Select(mask, adjoint / (2 * node), 0)))]


def sqrt_rules():
    """Inside the block, in this thread: TF1's ``SqrtGrad`` for square roots, elementwise and of scalars."""
    return overriding_rules({ElementwiseApplyFunction: sqrt_adjoint, sympy.Pow: scalar_sqrt_adjoint})
