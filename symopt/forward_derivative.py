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
from .derivatives import piecewise_select, pinned_branches
from .functions import log_where_nonzero
from .nodes import postorder
from .symbols import is_matrix, symbolic

__all__ = ["local_derivative", "Undefined", "UNDEFINED"]


class Undefined(sympy.Symbol):
    r"""The slope of a branch taken at one point of the parameter alone (``Piecewise((5, Eq(w, 1)), ...)`` at
    :math:`w = 1`): no number (``grad`` pins NaN there).  A symbol, printed ``undefined``, not SymPy's ``nan``:
    SymPy's printers order the terms of a sum by comparing numbers, and a comparison with ``nan`` raises."""

    def __new__(cls):
        return super().__new__(cls, "undefined", real=True)

    def __getnewargs_ex__(self):
        return (), {}

    def _sympystr(self, printer) -> str:
        return "undefined"

    def _latex(self, printer) -> str:
        return r"\text{undefined}"


#: The one :class:`Undefined`.
UNDEFINED = Undefined()


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
        if any(d != 0 for d in inner):
            derivatives[node] = _forward_rule(node, inner, symbol)
        elif isinstance(node, sympy.Piecewise):
            derivatives[node] = _pinned_zero(node, symbol)
        else:
            derivatives[node] = sympy.S.Zero
    return derivatives[expression]


def _pinned_zero(node: sympy.Piecewise, symbol) -> sympy.Expr:
    r"""The slope of a ``Piecewise`` none of whose branches reads ``symbol``: 0, but :data:`UNDEFINED` where a
    branch taken only at a point of ``symbol`` is taken (:func:`~symopt.derivatives.pinned_branches`:
    ``{undefined if w = 1; 0 otherwise}``), as ``grad``'s NaN there."""
    pins = pinned_branches(node, lambda expression: expression.has(symbol))
    if all(pin is sympy.false for pin in pins):
        return sympy.S.Zero
    pairs = []
    for pair, pin in zip(node.args, pins):
        if pin is not sympy.false:
            pairs.append((UNDEFINED, pair.cond if pin is sympy.true else sympy.And(pair.cond, pin)))
        if pin is not sympy.true:
            pairs.append((sympy.S.Zero, pair.cond))
    return sympy.Piecewise(*pairs, (sympy.S.Zero, True), evaluate=False)


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
