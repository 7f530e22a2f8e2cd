r"""Symbolic gradients by reverse mode over the SymPy expression DAG.

For a scalar cost :math:`J` and each node :math:`v` the adjoint
:math:`\bar v = \partial J / \partial v` is accumulated from the node's parents,
:math:`\bar u \mathrel{+}= \bar v\, \partial v / \partial u`, in reverse topological
order.  Each node class has one adjoint rule in :data:`ADJOINT_RULES`: scalar
nodes (``Add``, ``Mul``, ``Pow``, any SymPy ``Function`` through its ``fdiff``) and
matrix nodes (``MatMul``, ``MatAdd``, ``Transpose``, ``HadamardProduct``,
``HadamardPower``, ``ElementwiseApplyFunction``, ``MatrixElement``, ``Trace`` and
symopt's :class:`~symopt.nodes.ElementSum` and :class:`~symopt.nodes.LogSumExp`).

Shared subexpressions are visited once (nodes are keyed by SymPy's structural
equality), so the gradient of an expression nested :math:`n` deep costs
:math:`O(n)` rule applications instead of ``sympy.diff``'s repeated expansion.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import sympy
from sympy import (Add, HadamardPower, HadamardProduct, Identity, MatAdd, MatMul, MatrixSymbol, Mul,
                   OneMatrix, Pow, Trace, Transpose, ZeroMatrix)
from sympy.core.function import ArgumentIndexError, Function
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from .errors import ShapeError, UnsupportedOperationError
from .nodes import Elementwise, ElementSum, lambda_parts, LogSumExp, elementwise, hadamard, matadd, matmul, power, scale, transpose
from .reductions import (ArgMax, AsFloat, Equal, OneHot, ReduceMax, Reshape, as_float_adjoint, no_adjoint,
                         reduce_max_adjoint, reshape_adjoint)
from .symbols import is_matrix
from .wrt import resolve_wrt, scalar_cost

__all__ = ["grad", "adjoints", "ADJOINT_RULES"]

Contribution = tuple[sympy.Basic, sympy.Basic]


# ---------------------------------------------------------------- scalar rules

def _add_rule(node, adjoint):
    return [(term, adjoint) for term in node.args]


def _mul_rule(node, adjoint):
    factors = node.args
    return [(factor, adjoint * Mul(*(factors[:i] + factors[i + 1:]))) for i, factor in enumerate(factors)]


def _pow_rule(node, adjoint):
    base, exponent = node.args
    return [(base, adjoint * exponent * base ** (exponent - 1)),
            (exponent, adjoint * node * sympy.log(base))]


def _function_rule(node, adjoint):
    contributions = []
    for index, argument in enumerate(node.args):
        if not argument.free_symbols:  # a constant argument (leaky_relu's slope): nothing flows back
            continue
        try:
            local = node.fdiff(index + 1)
        except (ArgumentIndexError, NotImplementedError) as error:
            raise _no_rule(node) from error
        if local.has(sympy.Derivative, sympy.Subs):
            raise _no_rule(node)
        contributions.append((argument, adjoint * local))
    return contributions


def _element_sum_rule(node, adjoint):
    return [(node.matrix, scale(adjoint, OneMatrix(*node.matrix.shape)))]


def _matrix_element_rule(node, adjoint):
    matrix, row, col = node.args
    try:
        rows, cols = int(matrix.shape[0]), int(matrix.shape[1])
    except TypeError as error:
        raise ShapeError(f"indexing {matrix} needs a fixed shape to differentiate; given {matrix.shape}") from error
    entries = sympy.zeros(rows, cols)
    entries[int(row), int(col)] = adjoint
    return [(matrix, sympy.ImmutableMatrix(entries))]


# ---------------------------------------------------------------- matrix rules

def _matadd_rule(node, adjoint):
    return [(term, adjoint) for term in node.args]


def _matmul_rule(node, adjoint):
    coefficient, matrices = node.as_coeff_matrices()
    contributions = []
    for i, factor in enumerate(matrices):
        left = [transpose(matmul(*matrices[:i]))] if i else []
        right = [transpose(matmul(*matrices[i + 1:]))] if i + 1 < len(matrices) else []
        contributions.append((factor, scale(coefficient, matmul(*left, adjoint, *right))))
    if coefficient != 1:
        contributions.append((coefficient, ElementSum(hadamard(adjoint, matmul(*matrices)))))
    return contributions


def _transpose_rule(node, adjoint):
    return [(node.arg, transpose(adjoint))]


def _hadamard_product_rule(node, adjoint):
    factors = node.args
    return [(factor, hadamard(adjoint, *(factors[:i] + factors[i + 1:]))) for i, factor in enumerate(factors)]


def _hadamard_power_rule(node, adjoint):
    base, exponent = node.args
    return [(base, hadamard(adjoint, scale(exponent, power(base, exponent - 1))))]


def _elementwise_rule(node, adjoint):
    dummy, body = lambda_parts(node.function)
    if not dummy.is_real:  # SymPy's composition f.(g.(A)) -> (f o g).(A) uses a Dummy without assumptions
        real = sympy.Dummy(dummy.name, real=True)
        body, dummy = body.xreplace({dummy: real}), real
    derivative = sympy.diff(body, dummy)
    if derivative.has(sympy.Derivative, sympy.Subs):
        raise _no_rule(body.func)
    if not derivative.has(dummy):
        return [(node.expr, scale(derivative, adjoint))]
    local = Elementwise(sympy.Lambda(dummy, derivative), node.expr)
    return [(node.expr, hadamard(adjoint, local))]


def _logsumexp_rule(node, adjoint):
    matrix = node.matrix
    rows, cols = matrix.shape
    if node.axis == 0:
        spread, spread_lse = matmul(OneMatrix(rows, 1), adjoint), matmul(OneMatrix(rows, 1), node)
    else:
        spread, spread_lse = matmul(adjoint, OneMatrix(1, cols)), matmul(node, OneMatrix(1, cols))
    softmax = elementwise(sympy.exp, matadd(matrix, scale(-1, spread_lse)))
    return [(matrix, hadamard(spread, softmax))]


def _trace_rule(node, adjoint):
    return [(node.arg, scale(adjoint, Identity(node.arg.shape[0])))]


#: One adjoint rule per node class: ``rule(node, adjoint) -> [(child, contribution), ...]``.
ADJOINT_RULES: dict[type, Callable[[Any, Any], list[Contribution]]] = {
    Add: _add_rule,
    Mul: _mul_rule,
    Pow: _pow_rule,
    Function: _function_rule,
    ElementSum: _element_sum_rule,
    MatrixElement: _matrix_element_rule,
    MatAdd: _matadd_rule,
    MatMul: _matmul_rule,
    Transpose: _transpose_rule,
    HadamardProduct: _hadamard_product_rule,
    HadamardPower: _hadamard_power_rule,
    ElementwiseApplyFunction: _elementwise_rule,
    LogSumExp: _logsumexp_rule,
    Trace: _trace_rule,
    ReduceMax: reduce_max_adjoint,
    Reshape: reshape_adjoint,
    AsFloat: as_float_adjoint,
    ArgMax: no_adjoint,
    Equal: no_adjoint,
    OneHot: no_adjoint,
}


def _rule_for(node):
    for cls in type(node).__mro__:
        rule = ADJOINT_RULES.get(cls)
        if rule is not None:
            return rule
    raise _no_rule(node)


def _no_rule(node) -> UnsupportedOperationError:
    name = node.__name__ if isinstance(node, type) else type(node).__name__
    return UnsupportedOperationError(
        f"no derivative rule for {name} (in {node}); supported nodes: "
        f"{', '.join(sorted(cls.__name__ for cls in ADJOINT_RULES))} and SymPy functions with fdiff. "
        "Rewrite the cost with supported operations, or add a rule to symopt.calculus.ADJOINT_RULES."
    )


# ---------------------------------------------------------------- the sweep

def _children(node) -> tuple:
    if isinstance(node, ElementwiseApplyFunction):
        return (node.expr,)
    if isinstance(node, (LogSumExp, ElementSum, Transpose, Trace)):
        return (node.args[0],)
    if isinstance(node, MatrixElement):
        return (node.args[0],)
    return node.args


def _dependent_nodes(root, targets: set) -> list:
    """Nodes of ``root`` that depend on a target, in post-order (children first)."""
    depends: dict = {}
    order: list = []
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if node in depends:
            continue
        if expanded:
            hit = node in targets or any(depends.get(child, False) for child in _children(node))
            depends[node] = hit
            if hit:
                order.append(node)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if child not in depends)
    return order


def _zero_like(symbol):
    return ZeroMatrix(*symbol.shape) if is_matrix(symbol) else sympy.S.Zero


def _accumulate(symbol, terms: list):
    if is_matrix(symbol):
        return matadd(*terms)
    return Add(*terms)


def adjoints(cost: sympy.Expr, targets: Iterable[sympy.Basic]) -> dict:
    r"""Map each target to :math:`\partial\,\mathrm{cost}/\partial\,\mathrm{target}` (zero when absent)."""
    targets = list(targets)
    target_set = set(targets)
    order = _dependent_nodes(cost, target_set)
    dependent = set(order)
    pending: dict = {cost: [sympy.S.One]} if order else {}
    results = {}
    for node in reversed(order):
        terms = pending.pop(node, [])
        if not terms:
            continue
        total = _accumulate(node, terms)
        if node in target_set:
            results[node] = total
            if isinstance(node, (sympy.Symbol, MatrixSymbol)):
                continue
        for child, contribution in _rule_for(node)(node, total):
            if child in dependent and not (contribution == 0 or isinstance(contribution, ZeroMatrix)):
                pending.setdefault(child, []).append(contribution)
    return {target: results.get(target, _zero_like(target)) for target in targets}


def grad(cost: sympy.Expr, wrt):
    r"""Gradient :math:`\nabla_\theta J` of a scalar SymPy cost, in the structure of ``wrt``.

    ``grad(J, w)`` returns one expression; ``grad(J, [w, b])`` a list; a dict of
    symbols returns a dict.  Matrix parameters get matrix expressions of their shape.
    A name in ``wrt`` (``"w"``) means the cost's symbol of that name; a parameter the cost
    does not contain raises :class:`~symopt.errors.NoGradientError` (see :mod:`symopt.wrt`).
    """
    cost = scalar_cost(cost)
    wrt, symbols = resolve_wrt(cost, wrt)
    gradient = adjoints(cost, symbols)
    return _restructure(wrt, [gradient[s] for s in symbols])


def _flatten(wrt) -> list:
    if isinstance(wrt, dict):
        return list(wrt)
    if isinstance(wrt, (list, tuple)):
        return list(wrt)
    return [wrt]


def _restructure(wrt, values: list):
    if isinstance(wrt, dict):
        return dict(zip(wrt, values))
    if isinstance(wrt, tuple):
        return tuple(values)
    if isinstance(wrt, list):
        return values
    return values[0]
