r"""Differentiating as generated code computes: :func:`~symopt.calculus.grad` with
:data:`~symopt.adjoint_rules.CODE_RULES` before the table's (:func:`differentiating_as_code`), for the compiled
gradient (:func:`code_gradients`), Hessians and Hessian-vector products, and for the displays that check their numbers
against it (:func:`with_code_rules`).
"""

from __future__ import annotations

import functools

from .adjoint_rules import CODE_RULES
from .calculus import grad, overriding_rules

__all__ = ["differentiating_as_code", "code_gradients", "with_code_rules"]


def differentiating_as_code():
    """A context in which every differentiation (on this thread) uses :data:`~symopt.adjoint_rules.CODE_RULES`
    before the table's rules."""
    return overriding_rules(CODE_RULES)


def code_gradients(cost, wrt):
    r""":func:`grad` as generated code computes it: :data:`~symopt.adjoint_rules.CODE_RULES` before the table's
    (:math:`\partial_p x^p = x^p \log x` is 0 where :math:`x^p` is, where SymPy's expression is :math:`0 \cdot \log 0`).
    ``compile``, minimize's step, ``hvp`` and the second-order methods differentiate with it; ``grad`` returns
    SymPy's expressions, equal to ``sympy.diff``'s."""
    with differentiating_as_code():
        return grad(cost, wrt)


def with_code_rules(function):
    """Decorate a display (``derive``, ``explain``, ``graph``) to differentiate as generated code does
    (:data:`~symopt.adjoint_rules.CODE_RULES`): its numbers are then the compiled gradient's, which it checks
    them against (review11 R11-13), and its formulas print as ``grad``'s (``log_where_nonzero`` shows ``log``)."""
    @functools.wraps(function)
    def differentiated_as_code(*args, **kwargs):
        with differentiating_as_code():
            return function(*args, **kwargs)
    return differentiated_as_code
