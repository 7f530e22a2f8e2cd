r"""One step's derivative, forward: :func:`local_derivative`, :math:`\partial\,\mathrm{expression}/\partial\,
\mathrm{symbol}` by the rules ``grad`` uses (:mod:`symopt.calculus`), as the displays show each step of a
derivation (``-y/a + (1 - y)/(1 - a)``); a matrix expression goes through :func:`~symopt.calculus.adjoints`."""

from __future__ import annotations

import sympy
from sympy import Add, Mul, Pow
from sympy.functions.elementary.piecewise import ExprCondPair
from sympy.logic.boolalg import Boolean

from .adjoint_rules import power_exponent_slope
from .calculus import adjoints, function_arguments, partials_for
from .derivative_refusals import real_scalar, refuse_negative_base
from .derivatives import piecewise_select
from .functions import log_where_nonzero
from .nodes import postorder
from .symbols import is_matrix, symbolic

__all__ = ["local_derivative"]


def local_derivative(expression: sympy.Expr, symbol: sympy.Basic) -> sympy.Expr:
    r""":math:`\partial\,\mathrm{expression}/\partial\,\mathrm{symbol}` by the rules ``grad`` uses (an elementwise
    body's :math:`\partial_p x^p` with the guarded log of :func:`~symopt.code_rules.code_gradients`, shown as log).

    A scalar expression is differentiated forward, argument by argument, with the function partials
    of :data:`symopt.derivatives.PARTIALS` (so a step of a textbook derivation reads
    ``-y/a + (1 - y)/(1 - a)``); a matrix expression goes through :func:`adjoints`.  Raises
    :class:`~symopt.errors.UnsupportedOperationError` where ``grad`` would, so a display that calls it
    never shows a derivative ``grad`` refuses.
    """
    expression = real_scalar(symbolic(expression, "expression"))
    nodes = postorder(expression)
    if is_matrix(symbol) or any(is_matrix(node) for node in nodes):
        return adjoints(expression, [symbol])[symbol]
    derivatives: dict = {symbol: sympy.S.One}
    for node in nodes:
        if node in derivatives or isinstance(node, (ExprCondPair, Boolean)):  # conditions take no gradient
            continue
        inner = [derivatives.get(argument, sympy.S.Zero) for argument in function_arguments(node)]
        derivatives[node] = _forward_rule(node, inner, symbol) if any(d != 0 for d in inner) else sympy.S.Zero
    return derivatives[expression]


def _forward_rule(node, inner: list, symbol):
    r""":math:`d\,\mathrm{node}` from the differentials of its arguments (the chain rule, forward)."""
    if isinstance(node, Add):
        return Add(*inner)
    if isinstance(node, Mul):
        factors = node.args
        return Add(*(Mul(*factors[:i], d, *factors[i + 1:]) for i, d in enumerate(inner) if d != 0))
    if isinstance(node, Pow):
        (base, exponent), (d_base, d_exponent) = node.args, inner
        if d_exponent != 0:
            refuse_negative_base(node)
        return exponent * base ** (exponent - 1) * d_base + \
            power_exponent_slope(node, log_where_nonzero(base, exponent)) * d_exponent
    if isinstance(node, sympy.Piecewise):
        return piecewise_select(node, inner, lambda expression: expression.has(symbol))
    partials = partials_for(node)(node)
    return Add(*(partial * d for partial, d in zip(partials, inner) if partial is not None and d != 0))
