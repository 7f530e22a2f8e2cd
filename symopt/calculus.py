r"""Symbolic gradients by reverse mode over the SymPy expression DAG.

For a scalar cost :math:`J` and each node :math:`v` the adjoint
:math:`\bar v = \partial J / \partial v` is accumulated from the node's parents,
:math:`\bar u \mathrel{+}= \bar v\, \partial v / \partial u`, in reverse topological
order.  Each node class has one adjoint rule in :data:`ADJOINT_RULES`: scalar
nodes (``Add``, ``Mul``, ``Pow``, and each function of :data:`symopt.derivatives.PARTIALS`:
``exp``, ``log``, ``Max``, ``Piecewise``, ``sigmoid``, ...) and matrix nodes (``MatMul``,
``MatAdd``, ``MatPow``, ``Transpose``, ``HadamardProduct``, ``HadamardPower``,
``ElementwiseApplyFunction``, ``MatrixElement``, ``MatrixSlice``, ``Trace`` and symopt's
:class:`~symopt.nodes.ElementSum` and :class:`~symopt.nodes.LogSumExp`).  Any other node
raises :class:`~symopt.errors.UnsupportedOperationError`, and a cost that is no real scalar a typed error
(:mod:`symopt.derivative_refusals` words both); :func:`symopt.forward_derivative.local_derivative` exposes the same rules for one expression.  The rules of arithmetic and matrix nodes are in
:mod:`symopt.adjoint_rules` (:data:`~symopt.adjoint_rules.ARITHMETIC_RULES`); the rules of functions and
elementwise maps, which differentiate a body with this module's sweep, are here.

Shared subexpressions are visited once (nodes are keyed by SymPy's structural
equality), so the gradient of an expression nested :math:`n` deep costs
:math:`O(n)` rule applications instead of ``sympy.diff``'s repeated expansion.
"""

from __future__ import annotations

import contextlib
import functools
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

import sympy
from sympy import Add, HadamardPower, MatrixSlice, MatrixSymbol, Pow, Trace, Transpose, ZeroMatrix
from sympy.matrices import MatrixBase
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from .adjoint_rules import ARITHMETIC_RULES, Contribution, times
from .constant_reductions import constant_reductions
from .errors import UnsupportedOperationError
from .depth import depth_limited
from .derivative_refusals import no_rule_error, real_scalar, refuse_negative_base
from .matrix_shapes import short
from .derivatives import PAIRWISE_ARGUMENTS, PARTIALS, piecewise_masks, piecewise_select, substituted
from .partials_put_back import put_back
from .keyword_advice import SYMBOLIC_ADVICE, refusing_unknown_keywords
from .nodes import Elementwise, ElementSum, LogSumExp, hadamard, lambda_parts, matadd, scale, zero_like
from .stand_ins import StandIns
from .stable import (KernelCrossEntropy, LogisticLoss, LogSoftmax, Select, Softmax, kernel_cross_entropy_adjoint,
                     log_softmax_adjoint, logistic_loss_adjoint, select_adjoint, softmax_adjoint)
from .reductions import (ArgMax, AsFloat, Equal, MaximumMask, OneHot, ReduceMax, Reshape, as_float_adjoint,
                         mask_adjoint, no_adjoint, reduce_max_adjoint, reshape_adjoint)
from .symbols import BatchSize, is_matrix, symbolic
from .traversal import intern, nodes_of_type, shared_table, substitute
from .wrt import interval_error, resolve_wrt, restructure, scalar_cost

__all__ = ["grad", "adjoints", "partials_for", "function_arguments", "ADJOINT_RULES",
           "ADJOINT_OVERRIDES", "overriding_rules"]


# ---------------------------------------------------------------- functions and elementwise maps

def function_arguments(node) -> tuple:
    """The arguments a function node passes gradient to: a ``Piecewise``'s branch values, not its conditions."""
    if isinstance(node, sympy.Piecewise):
        return tuple(pair.expr for pair in node.args)
    return node.args


def _function_rule(node, adjoint):
    contributions = []
    for argument, partial in _shallow_partials(node):
        if partial is None or argument.is_Number:  # a constant argument (leaky_relu's slope)
            continue
        contributions.append((argument, times(adjoint, partial)))
    return contributions


def _shallow_partials(node) -> list:
    """``[(argument, partial), ...]`` computed on ``f(t_1, ..., t_n)`` with real dummies for the non-numeric
    arguments, then the arguments put back: the partials' formulas never compare or rebuild deep arguments."""
    if isinstance(node, sympy.Piecewise):
        return list(zip(function_arguments(node), piecewise_masks(node, _sweep_varies())))
    if not node.args:
        return list(zip(function_arguments(node), partials_for(node)(node)))
    dummies = {argument: sympy.Dummy("a", real=True) for argument in node.args if not argument.is_Number}
    shallow = _shallow(node, [dummies.get(argument, argument) for argument in node.args])
    if type(shallow) is not type(node) or len(shallow.args) != len(node.args):  # SymPy rebuilt it
        return list(zip(node.args, partials_for(node)(node)))
    back = {dummy: argument for argument, dummy in dummies.items()}
    return [(back.get(argument, argument), None if partial is None else put_back(partial, back))
            for argument, partial in zip(shallow.args, partials_for(shallow)(shallow))]


def _shallow(node, arguments: list):
    """``node.func(*arguments)``; a ``Max``/``Min`` of many arguments unevaluated: SymPy's evaluation compares every
    pair of dummies (9 s for 60), and its masks are one :class:`~symopt.reductions.FirstMaximum` (probe45 P45-4)."""
    if isinstance(node, (sympy.Max, sympy.Min)) and len(arguments) > PAIRWISE_ARGUMENTS:
        return node.func(*arguments, evaluate=False)
    return node.func(*arguments)


def partials_for(node):
    """The partials rule of :data:`symopt.derivatives.PARTIALS` for ``node``'s class (or a base class), else the
    typed refusal naming the node."""
    for cls in type(node).__mro__:
        if cls in PARTIALS:
            return PARTIALS[cls]
    raise no_rule_error(node, ADJOINT_RULES)


def _real_lambda(node) -> tuple:
    dummy, body = lambda_parts(node.function)
    if not dummy.is_real:  # SymPy's composition f.(g.(A)) -> (f o g).(A) uses a Dummy without assumptions
        real = sympy.Dummy(dummy.name, real=True)
        body, dummy = body.xreplace({dummy: real}), real
    return dummy, body


def _refuse_matrix_in_body(node, dummy, body) -> None:
    """A map's body is differentiated entry by entry: a matrix computed inside it from the entry or from a scalar
    (``ops.sum(Z)`` with ``Z = w*z`` in ``Z.applyfunc(lambda t: exp(t) / ops.sum(ops.exp(Z)))``) is no entry, and the
    partials got silently wrong (``t * sum(z)`` printed as ``sum(t * z)``), so it is refused.  A matrix of data alone
    (``ops.sum(z*z)``) is a constant of the body; a matrix symbol read inside it is refused by the sweep when it is
    differentiated."""
    for part in sympy.preorder_traversal(body):
        if not getattr(part, "is_Matrix", False) or isinstance(part, MatrixSymbol):
            continue
        scalars = [s for s in part.free_symbols if not is_matrix(s) and not isinstance(s, BatchSize)]
        if dummy in part.free_symbols or scalars:
            raise UnsupportedOperationError(
                f"the elementwise map {short(node, 80)} computes the matrix {short(part)} from "
                f"{'its entry' if dummy in part.free_symbols else ', '.join(sorted(map(str, scalars)))} inside its "
                "body, which symopt differentiates one entry at a time; write the matrix part outside the map, with "
                "matrix operations: ops.exp(Z) / ops.sum(ops.exp(Z)) for Z.applyfunc(lambda t: exp(t) / "
                "ops.sum(ops.exp(Z))), Z * ops.sum(Z) for Z.applyfunc(lambda t: t * ops.sum(Z))")


def _elementwise_rule(node, adjoint):
    r"""``f.(A)`` with body :math:`f(x; \theta)`: :math:`\bar A = \bar Y \circ f'.(A)` and, for each scalar
    :math:`\theta` in the body (PReLU's slope),
    :math:`\bar\theta = \sum_{ij} \bar Y_{ij}\, \partial_\theta f(A_{ij})`."""
    dummy, body = _real_lambda(node)
    _refuse_matrix_in_body(node, dummy, body)
    symbols = sorted(node.function.free_symbols, key=str)
    # the batch size m (a mean's 1/m) counts fed rows: no parameter, and its partial reads the data (probe81 P81-1)
    parameters = [symbol for symbol in symbols if not is_matrix(symbol) and not isinstance(symbol, BatchSize)]
    dependent = _SWEEP_DEPENDENT.get()
    # f'.(A) only where A takes a gradient: a term of data alone, loggamma(y + 1) in a likelihood, needs no rule
    through_argument = dependent is None or node.expr in dependent
    partials = adjoints(body, [dummy, *parameters] if through_argument else parameters)

    def spread(derivative):
        if not derivative.has(dummy):
            return scale(derivative, adjoint)
        output = sympy.Dummy("y", real=True)
        in_output = substituted(derivative, body, output)  # sigma' = y(1 - y): reuse the forward node f.(A)
        if not in_output.has(dummy):
            return hadamard(adjoint, Elementwise(sympy.Lambda(output, in_output), node))
        return hadamard(adjoint, Elementwise(sympy.Lambda(dummy, derivative), node.expr))

    contributions = [(node.expr, spread(partials[dummy]))] if through_argument and partials[dummy] != 0 else []
    contributions.extend((p, ElementSum(spread(partials[p]))) for p in parameters if partials[p] != 0)
    contributions.extend((symbol, None) for symbol in symbols if is_matrix(symbol))  # W[0, 0] inside the body
    return contributions


#: One adjoint rule per node class: ``rule(node, adjoint) -> [(child, contribution), ...]``.
ADJOINT_RULES: dict[type, Callable[[Any, Any], list[Contribution]]] = {
    **ARITHMETIC_RULES,
    **{cls: _function_rule for cls in PARTIALS},
    ElementwiseApplyFunction: _elementwise_rule,
    ReduceMax: reduce_max_adjoint,
    LogisticLoss: logistic_loss_adjoint,
    Softmax: softmax_adjoint,
    LogSoftmax: log_softmax_adjoint,
    Select: select_adjoint,
    KernelCrossEntropy: kernel_cross_entropy_adjoint,
    Reshape: reshape_adjoint,
    AsFloat: as_float_adjoint,
    ArgMax: no_adjoint,
    Equal: no_adjoint,
    MaximumMask: mask_adjoint,
    OneHot: no_adjoint,
}


#: Rules that take precedence over :data:`ADJOINT_RULES` in the current thread (context) only, set for one
#: differentiation with :func:`overriding_rules`: a layer with other kernels' gradients (the TF1 layer's
#: ``SqrtGrad``) leaves the shared table alone, so other threads keep the core's rules.
ADJOINT_OVERRIDES: ContextVar[Mapping] = ContextVar("ADJOINT_OVERRIDES", default=MappingProxyType({}))
#: The nodes the running sweep of :func:`adjoints` differentiates through: a rule asks whether a child needs its
#: adjoint (``None`` outside a sweep: every child does).
_SWEEP_DEPENDENT: ContextVar = ContextVar("_SWEEP_DEPENDENT", default=None)


def _sweep_varies():
    """Whether an expression (a ``Piecewise``'s condition, ``Eq(w, 1)``) depends on what the running sweep
    differentiates (:func:`~symopt.derivatives.pinned_branches`); outside a sweep, on any symbol."""
    dependent = _SWEEP_DEPENDENT.get()
    if dependent is None:
        return None
    return lambda expression: any(part in dependent for part in sympy.preorder_traversal(expression))


@contextlib.contextmanager
def overriding_rules(rules: Mapping):
    """Inside the block, and in this thread only, ``rules`` (node class -> adjoint rule) before the table's."""
    token = ADJOINT_OVERRIDES.set({**ADJOINT_OVERRIDES.get(), **rules})
    try:
        yield
    finally:
        ADJOINT_OVERRIDES.reset(token)


def _rule_for(node):
    overrides = ADJOINT_OVERRIDES.get()
    for cls in type(node).__mro__:
        rule = overrides.get(cls) or ADJOINT_RULES.get(cls)
        if rule is not None:
            return rule
    raise no_rule_error(node, ADJOINT_RULES)


# ---------------------------------------------------------------- the sweep

def _children(node) -> tuple:
    if isinstance(node, ElementwiseApplyFunction):  # scalar parameters in the body are children too
        return (node.expr, *sorted(node.function.free_symbols, key=str))
    if isinstance(node, (LogSumExp, ElementSum, Transpose, Trace, MatrixElement, MatrixSlice)):
        return (node.args[0],)
    if isinstance(node, sympy.Piecewise):
        return function_arguments(node)
    if isinstance(node, Select):  # the mask takes no gradient
        return node.args[1:]
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



def _accumulate(symbol, terms: list):
    """The sum of a node's adjoint terms; explicit matrices among them (one per entry read, ``V[0, 0]``) added
    entry by entry into one (probe10 T12: ``grad`` showed a sum of one-hot matrices)."""
    if not is_matrix(symbol):
        return Add(*terms)
    explicit = [term for term in terms if isinstance(term, MatrixBase)]
    if len(explicit) > 1:
        terms = [sum(explicit[1:], explicit[0]), *(term for term in terms if not isinstance(term, MatrixBase))]
    return matadd(*terms)


def adjoints(cost: sympy.Expr, targets: Iterable[sympy.Basic], *, stop_at_targets: bool = False) -> dict:
    r"""Map each target to :math:`\partial\,\mathrm{cost}/\partial\,\mathrm{target}` (zero when absent).

    ``stop_at_targets``: each target is an independent input (no gradient flows from it to what it is made of).

    A scalar function of a matrix (``sympy.tanh(X @ W)``) is the elementwise function, as in NumPy;
    a complex constant is refused.  Scalar rules see their node with each dependent argument replaced
    by a stand-in symbol, so the products they build compare shallow factors (SymPy sorts every product
    it builds; comparing nested functions costs their depth), and the stand-ins are put back at the end.
    """
    cost = real_scalar(symbolic(cost))
    targets = list(targets)
    target_set = set(targets)
    order = _dependent_nodes(cost, target_set)
    dependent = set(order)
    for node in order:
        if isinstance(node, (Pow, HadamardPower)) and node.args[1] in dependent:
            refuse_negative_base(node)  # (-2)**w: its slope is complex
    stand_ins = StandIns(dependent, target_set)
    pending: dict = {cost: [sympy.S.One]} if order else {}
    results = {}
    sweep = _SWEEP_DEPENDENT.set(dependent)
    try:
        interned = shared_table()
        keep = functools.partial(intern, interned=interned, canonical={})
        _sweep(order, pending, results, target_set, dependent, stand_ins, stop_at_targets, keep)
    finally:
        _SWEEP_DEPENDENT.reset(sweep)
    found = substitute([results.get(target, zero_like(target)) for target in targets], stand_ins.originals, interned)
    folded = constant_reductions(found)  # sum(I) is 2, (2*Matrix([[1], [b]]))[1, 0] is 2*b (probe57 P57-9, P57-11)
    return dict(zip(targets, substitute(found, folded, interned)))


def _sweep(order: list, pending: dict, results: dict, target_set: set, dependent: set, stand_ins, stop_at_targets,
           keep: Callable):
    """The reverse sweep of :func:`adjoints`: each node's adjoint, summed, handed to its children by its rule.  Each
    contribution is hash-consed (``keep``: :func:`~symopt.traversal.intern`), so the nodes a later rule builds on it
    never meet a structurally equal copy in SymPy's constructor cache (a second differentiation of one loss compared
    them as trees: probe43 P43-2)."""
    for node in reversed(order):
        terms = pending.pop(node, [])
        if not terms:
            continue
        total = _accumulate(node, terms)
        if node in target_set:
            results[node] = total
            if stop_at_targets or isinstance(node, (sympy.Symbol, MatrixSymbol)):
                continue
        frontier = _piecewise_frontier(node, target_set, dependent) if isinstance(node, sympy.Piecewise) else None
        if frontier is not None:  # the taken branch's adjoints, selected
            for inner, contribution in _selected_adjoints(node, frontier, total):
                pending.setdefault(inner, []).append(contribution)
            continue
        for child, contribution in stand_ins.apply(_rule_for(node), node, total):
            if contribution is None and child in dependent:
                raise UnsupportedOperationError(
                    f"no derivative rule for {child} inside {short(node, 80)}: write the cost so that {child} "
                    "enters through matrix operations, not indexed inside an elementwise function.")
            if child in dependent and contribution is not None \
                    and not (contribution == 0 or isinstance(contribution, ZeroMatrix)):
                pending.setdefault(child, []).append(keep(contribution))


def _piecewise_frontier(node, targets: set, dependent: set) -> list | None:
    """The nodes below a scalar ``Piecewise`` where its own sweep stops: targets, and scalars read from matrices
    (``W[0, 0]``, ``ops.sum(z)``, ``Trace(A)``), whose rules the outer sweep applies; None where a matrix is reached
    otherwise (then its branches take masked adjoints)."""
    frontier, seen, stack = [], set(), list(function_arguments(node))
    while stack:
        inner = stack.pop()
        if inner in seen or inner not in dependent:
            continue
        seen.add(inner)
        if is_matrix(inner):
            return None
        if inner in targets or any(is_matrix(argument) for argument in inner.args):
            frontier.append(inner)
            continue
        stack.extend(_children(inner))
    return frontier


def _selected_adjoints(node, frontier: list, total):
    r"""``(inner, contribution)`` for each frontier node of the ``Piecewise`` ``node``: one reverse sweep per branch
    (linear in the number of inner nodes), and the adjoint of the branch taken *selected*
    (:func:`~symopt.derivatives.piecewise_select`), never :math:`\sum_i \mathrm{mask}_i\,\bar e_i`: a branch not taken
    may have no derivative there (the signed square root's :math:`\sqrt{-w}` at :math:`w > 0`), and
    :math:`0 \cdot \mathrm{NaN}` is NaN."""
    per_branch = [adjoints(branch, frontier, stop_at_targets=True) for branch in function_arguments(node)]
    for inner in frontier:
        yield inner, times(total, piecewise_select(node, [adjoint[inner] for adjoint in per_branch], _sweep_varies()))


@refusing_unknown_keywords(advice=SYMBOLIC_ADVICE)
@depth_limited("grad")
def grad(cost: sympy.Expr, wrt):
    r"""Gradient :math:`\nabla_\theta J` of a scalar SymPy cost, in the structure of ``wrt``.

    ``grad(J, w)`` returns one expression; ``grad(J, [w, b])`` a list; a dict of
    symbols returns a dict.  Matrix parameters get matrix expressions of their shape.
    A name in ``wrt`` (``"w"``) means the cost's symbol of that name; a parameter the cost
    does not contain raises :class:`~symopt.errors.NoGradientError` (see :mod:`symopt.wrt`).
    """
    cost = scalar_cost(cost)  # a condition (sympy.true) is refused as one, before the constant check
    _refuse_intervals(cost)
    wrt, symbols = resolve_wrt(cost, wrt)
    gradient = adjoints(cost, symbols)
    return restructure(wrt, [gradient[s] for s in symbols])


def _refuse_intervals(cost) -> None:
    """SymPy's interval ``AccumBounds`` (from ``sin(oo)``, a limit with no single value, or written) refused as
    ``compile`` refuses it: its gradient was an interval (``w*AccumBounds(2, 4)``), silently (probe49 P49-6)."""
    intervals = nodes_of_type(cost, sympy.AccumBounds)
    if intervals:
        raise interval_error(min(intervals, key=sympy.default_sort_key), cost)


def __getattr__(name: str):
    """``code_gradients`` and ``with_code_rules`` moved to :mod:`symopt.code_rules`, ``local_derivative`` to
    :mod:`symopt.forward_derivative`, which import this module; the old import path still finds them."""
    if name in ("code_gradients", "with_code_rules"):
        from . import code_rules
        return getattr(code_rules, name)
    if name == "local_derivative":
        from . import forward_derivative
        return forward_derivative.local_derivative
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
