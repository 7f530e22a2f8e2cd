r"""A recognised network's cost plus penalty terms in its parameters (the course's L2 regularization).

The course's regularized cost adds a term that reads only the parameters,

.. math:: J = \frac1m \sum L + \frac{\lambda}{2m}\left(\lVert W_1\rVert_F^2 + \lVert W_2\rVert_F^2\right),

and its backward pass is the network's plus the penalty's own gradient in each parameter
line: :math:`dW_1 = \frac1m dZ_1 X^\top + \frac{\lambda}{m} W_1` (written
``λ·(sum(W1∘²) + ...)`` it is :math:`2\lambda W_1`); :math:`dZ` is unchanged, since the
penalty does not read :math:`Z`.  :func:`split_penalty` separates the terms of the cost,
:func:`penalty_terms` gives each parameter's :math:`\partial P/\partial W` from
:func:`symopt.grad` as a formula of :mod:`.terms` (``c W``, ``c·sign(W)``, ...), or None
where a gradient has no such form (then ``derive`` shows the general derivation).
"""

from __future__ import annotations

import sympy
from sympy import HadamardProduct, MatAdd, MatMul, MatrixSymbol, Transpose
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ..calculus import grad
from ..nodes import ElementSum, lambda_parts
from ..symbols import MatrixVariable
from ..traversal import contains, nodes_of_type
from .network import Network
from .notation import latex as latex_of
from .notation import text as text_of
from .remarks import math, remark
from .terms import Entrywise, Name, Plus, Scaled, Times, Transposed

__all__ = ["split_penalty", "penalty_terms", "formula_of", "penalty_notes"]


def _reads_data(term, wrt: set) -> bool:
    """True when ``term`` reads a matrix that is neither a variable nor differentiated (``X``, ``Y``)."""
    return any(not isinstance(matrix, MatrixVariable) and matrix not in wrt
               for matrix in nodes_of_type(term, MatrixSymbol))


def _terms(cost) -> tuple:
    """The terms of a sum, or of a factor times a sum (``(Σ L + λ Σ W∘²)/m``, distributed once)."""
    sums = [factor for factor in sympy.Mul.make_args(cost) if factor.is_Add]
    if isinstance(cost, sympy.Mul) and len(sums) == 1:
        factor = sympy.Mul(*(f for f in cost.args if f is not sums[0]))
        return tuple(factor * term for term in sums[0].args)
    return sympy.Add.make_args(cost)


def split_penalty(cost, wrt) -> tuple | None:
    """``(data cost, penalty)``: the cost's terms that read the examples and those that read only parameters and
    scalars (``λ``, ``m``), or None when either is missing or a scalar of the penalty is differentiated."""
    wrt, cost = set(wrt), sympy.sympify(cost)
    if not contains(cost, ElementSum):
        return None
    terms = _terms(cost)
    data = [term for term in terms if _reads_data(term, wrt)]
    penalty = [term for term in terms if not _reads_data(term, wrt)]
    scalars = {symbol for symbol in wrt if not isinstance(symbol, MatrixSymbol)}
    if not data or not penalty or sympy.Add(*penalty).free_symbols & scalars:
        return None
    return sympy.Add(*data), sympy.Add(*penalty)


def formula_of(expression):
    """A matrix expression of the parameters as a formula of :mod:`.terms` (``2λ W₁``, ``0.5 sign(W₁)``), or None."""
    if isinstance(expression, MatrixSymbol):
        return Name(expression)
    if isinstance(expression, Transpose):
        inner = formula_of(expression.arg)
        return None if inner is None else Transposed(inner)
    if isinstance(expression, MatMul):
        coefficient, matrices = expression.as_coeff_matrices()
        inner = formula_of(matrices[0]) if len(matrices) == 1 else None
        return None if inner is None else Scaled(coefficient, inner) if coefficient != 1 else inner
    if isinstance(expression, ElementwiseApplyFunction) and isinstance(expression.expr, MatrixSymbol):
        variable, body = lambda_parts(expression.function)
        return Entrywise(body, ((variable, expression.expr),), tuple(expression.shape))
    joined = {MatAdd: Plus, HadamardProduct: Times}.get(type(expression))
    if joined is None:
        return None
    parts = [formula_of(argument) for argument in expression.args]
    if any(part is None for part in parts):
        return None
    formula = parts[0]
    for part in parts[1:]:
        formula = joined(formula, part)
    return formula


def penalty_terms(penalty, network: Network, wrt) -> dict | None:
    """``{parameter: formula of ∂P/∂parameter}`` for the differentiated parameters the penalty reads; None when the
    penalty reads a matrix that is no parameter of ``network`` or a gradient has no formula."""
    parameters = {p for layer in network.layers for p in (layer.weight, layer.bias) if p is not None}
    if not nodes_of_type(penalty, MatrixSymbol) <= parameters:
        return None
    read = [symbol for symbol in wrt if contains(penalty, symbol)]
    if not read:
        return {}
    formulas = {symbol: formula_of(gradient.doit())
                for symbol, gradient in zip(read, grad(penalty, read))}
    return None if any(formula is None for formula in formulas.values()) else formulas


def penalty_notes(penalty, terms: dict) -> tuple:
    """The remark that the penalty's gradient joins the parameter lines (dZ does not read it)."""
    if penalty is None:
        return ()
    lines = [math("d" + text_of(parameter), "d" + latex_of(parameter)) for parameter in terms]
    added = [part for index, line in enumerate(lines) for part in ((", ",) if index else ()) + (line,)]
    return (remark("the penalty's gradient is added to ", *(added or ["no line here"]),
                   " (dZ does not read the penalty)"),)
