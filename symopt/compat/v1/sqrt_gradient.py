r"""TF1's gradient of ``tf.sqrt``: its kernel (``SqrtGrad``) gives 0 where the incoming gradient is 0,
:math:`\bar x = \bar y \ne 0\ ?\ \bar y / (2 y) : 0` with :math:`y = \sqrt x`, so the branch of a ``tf.where`` not
taken contributes 0, not :math:`0 \cdot \infty = \mathrm{NaN}`: ``tf.where(x > 0, tf.sqrt(x), 0)`` at :math:`x \le 0`
has a finite gradient in TF1.  :func:`sqrt_rules` puts that rule into symopt's adjoint table (its documented
extension point) for elementwise square roots while the TF1 layer differentiates; outside, the core's rule stays.
"""

from __future__ import annotations

import contextlib

import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ... import functions
from ...calculus import ADJOINT_RULES
from ...nodes import Elementwise, elementwise, hadamard, lambda_parts
from ...stable import Select

__all__ = ["sqrt_rules"]


def _is_square_root(node) -> bool:
    """Whether ``node`` is the elementwise square root of a matrix (``tf.sqrt`` of one)."""
    dummy, body = lambda_parts(node.function)
    return body == sympy.sqrt(dummy)


def _rule(original):
    def rule(node, adjoint):
        if not _is_square_root(node):
            return original(node, adjoint)
        output = sympy.Dummy("y", real=True)
        scaled = hadamard(adjoint, Elementwise(sympy.Lambda(output, 1 / (2 * output)), node))
        nonzero = elementwise(lambda g: functions.step(sympy.Abs(g)), adjoint)  # 1 where the gradient is not 0
        return [(node.expr, Select(nonzero, scaled, 0))]
    rule.uses_sqrt_grad = True
    return rule


@contextlib.contextmanager
def sqrt_rules():
    """symopt's adjoint table with TF1's ``SqrtGrad`` for elementwise square roots, inside the block."""
    original = ADJOINT_RULES[ElementwiseApplyFunction]
    if getattr(original, "uses_sqrt_grad", False):  # already inside
        yield
        return
    ADJOINT_RULES[ElementwiseApplyFunction] = _rule(original)
    try:
        yield
    finally:
        ADJOINT_RULES[ElementwiseApplyFunction] = original
