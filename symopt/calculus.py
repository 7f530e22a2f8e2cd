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
raises :class:`~symopt.errors.UnsupportedOperationError`; :func:`local_derivative` exposes
the same rules for one expression.

Shared subexpressions are visited once (nodes are keyed by SymPy's structural
equality), so the gradient of an expression nested :math:`n` deep costs
:math:`O(n)` rule applications instead of ``sympy.diff``'s repeated expansion.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

import sympy
from sympy import (Add, HadamardPower, HadamardProduct, Identity, MatAdd, MatMul, MatPow, MatrixSlice, MatrixSymbol,
                   Mul, OneMatrix, Pow, Trace, Transpose, ZeroMatrix)
from sympy.functions.elementary.piecewise import ExprCondPair
from sympy.logic.boolalg import Boolean
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from .errors import ShapeError, UnsupportedOperationError
from .depth import depth_limited
from .derivatives import PARTIALS
from .nodes import (Elementwise, ElementSum, LogSumExp, elementwise, hadamard, lambda_parts, lift_matrix_functions,
                    matadd, matmul, postorder, power, scale, transpose)
from .stand_ins import StandIns
from .stable import (LogisticLoss, LogSoftmax, Select, Softmax, log_softmax_adjoint, logistic_loss_adjoint,
                     select_adjoint, softmax_adjoint)
from .reductions import (ArgMax, AsFloat, Equal, MaximumMask, OneHot, ReduceMax, Reshape, as_float_adjoint,
                         mask_adjoint, no_adjoint, reduce_max_adjoint, reshape_adjoint)
from .symbols import is_matrix, symbolic
from .traversal import is_small, substitute
from .wrt import resolve_wrt, restructure, scalar_cost

__all__ = ["grad", "adjoints", "local_derivative", "function_arguments", "ADJOINT_RULES", "ADJOINT_OVERRIDES",
           "overriding_rules"]

Contribution = tuple[sympy.Basic, sympy.Basic]


# ---------------------------------------------------------------- scalar rules

def _times(adjoint, local):
    """``adjoint * local``; a product of large factors is kept as one unflattened product: SymPy would otherwise
    sort and merge the factors of every adjoint it builds, comparing subexpressions at a cost that grows with
    their depth.  Small products are evaluated, so ``w * (1/w)`` still cancels to 1."""
    if adjoint == 1:
        return local
    if adjoint.is_Number or local.is_Number or (is_small(adjoint) and is_small(local)):
        return adjoint * local
    return Mul(adjoint, local, evaluate=False)


def _add_rule(node, adjoint):
    return [(term, adjoint) for term in node.args]


def _mul_rule(node, adjoint):
    factors = node.args
    return [(factor, _times(adjoint, Mul(*(factors[:i] + factors[i + 1:])))) for i, factor in enumerate(factors)]


def _pow_rule(node, adjoint):
    base, exponent = node.args
    return [(base, adjoint * exponent * base ** (exponent - 1)),
            (exponent, adjoint * node * sympy.log(base))]


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
        contributions.append((argument, _times(adjoint, partial)))
    return contributions


def _shallow_partials(node) -> list:
    """``[(argument, partial), ...]`` computed on ``f(t_1, ..., t_n)`` with real dummies for the non-numeric
    arguments, then the arguments put back: the partials' formulas never compare or rebuild deep arguments."""
    if isinstance(node, sympy.Piecewise) or not node.args:
        return list(zip(function_arguments(node), _partials_for(node)(node)))
    dummies = {argument: sympy.Dummy("a", real=True) for argument in node.args if not argument.is_Number}
    shallow = node.func(*(dummies.get(argument, argument) for argument in node.args))
    if type(shallow) is not type(node) or len(shallow.args) != len(node.args):  # SymPy rebuilt it
        return list(zip(node.args, _partials_for(node)(node)))
    back = {dummy: argument for argument, dummy in dummies.items()}
    return [(back.get(argument, argument), None if partial is None else _put_back(partial, back))
            for argument, partial in zip(shallow.args, _partials_for(shallow)(shallow))]


def _put_back(partial, back: dict):
    """``partial`` with the arguments ``back`` in place of the dummies; a mask (``Max``'s
    ``Piecewise((1, a₁ ≥ a₂), (0, True))``) is rebuilt unevaluated: SymPy's ``Piecewise.eval`` may never end deciding
    a comparison of deep arguments (``asinh(a)·eᵇ`` against ``atan(atan(...))``)."""
    if isinstance(partial, sympy.Piecewise):
        return sympy.Piecewise(*((e.xreplace(back), c.xreplace(back)) for e, c in partial.args), evaluate=False)
    return partial.xreplace(back)


def _partials_for(node):
    for cls in type(node).__mro__:
        if cls in PARTIALS:
            return PARTIALS[cls]
    raise _no_rule(node)


def _element_sum_rule(node, adjoint):
    return [(node.matrix, scale(adjoint, OneMatrix(*node.matrix.shape)))]


def _matrix_element_rule(node, adjoint):
    matrix, row, col = node.args
    try:
        rows, cols = int(matrix.shape[0]), int(matrix.shape[1])
    except TypeError as error:
        raise ShapeError(f"indexing {matrix} needs a fixed shape to differentiate; given {matrix.shape}") from error
    if rows == cols == 1:  # the entry of a 1 x 1 product (xᵀAx)[0, 0]: its adjoint is the 1 x 1 identity times Ȳ
        return [(matrix, scale(adjoint, Identity(1)))]
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
    r""":math:`\bar A = \bar Y \circ p A^{\circ(p-1)}`; a symbolic exponent :math:`p` gets
    :math:`\bar p = \sum \bar Y \circ Y \circ \log A`; a scalar base (SymPy's elementwise ``2**A``,
    :math:`Y = b^{\circ A}`) gives :math:`\bar A = \bar Y \circ Y \log b` (and a symbolic :math:`b`,
    :math:`\bar b = \sum \bar Y \circ Y \circ A / b`)."""
    base, exponent = node.args
    if is_matrix(exponent):
        contributions = [(exponent, scale(sympy.log(base), hadamard(adjoint, node)))]
        if base.free_symbols:
            contributions.append((base, ElementSum(hadamard(adjoint, node, exponent)) / base))  # Σ Ȳ∘A∘b^(A-1)
        return contributions
    contributions = [(base, hadamard(adjoint, scale(exponent, power(base, exponent - 1))))]
    if exponent.free_symbols:
        contributions.append((exponent, ElementSum(hadamard(adjoint, node, elementwise(sympy.log, base)))))
    return contributions


def _matpow_rule(node, adjoint):
    r"""Matrix power :math:`S^n` (SymPy writes ``S @ S`` as ``S**2``):
    :math:`\bar S = \sum_{k=0}^{n-1} (S^\top)^k \bar Y (S^\top)^{n-1-k}`; the inverse :math:`Y = S^{-1}`:
    :math:`\bar S = -Y^\top \bar Y Y^\top`."""
    base, exponent = node.args
    if tuple(base.shape) == (1, 1):  # a 1 x 1 matrix power is the power of its entry (sqrt of r @ q)
        return _hadamard_power_rule(node, adjoint)
    if exponent == -1:  # the inverse (SymPy's Inverse is this power): dY = -Y dS Y, so S̄ = -Yᵀ Ȳ Yᵀ
        turned = transpose(node)
        return [(base, scale(-1, matmul(turned, adjoint, turned)))]
    if not (exponent.is_Integer and exponent > 0):
        raise UnsupportedOperationError(
            f"no derivative rule for the matrix power {node}: expected a positive integer exponent, given "
            f"{exponent}. Write the product out (S @ S), or use symopt.nodes.power(S, p) for an elementwise power.")
    turned = transpose(base)
    count = int(exponent)
    return [(base, matadd(*(matmul(*[turned] * k, adjoint, *[turned] * (count - 1 - k)) for k in range(count))))]


def _real_lambda(node) -> tuple:
    dummy, body = lambda_parts(node.function)
    if not dummy.is_real:  # SymPy's composition f.(g.(A)) -> (f o g).(A) uses a Dummy without assumptions
        real = sympy.Dummy(dummy.name, real=True)
        body, dummy = body.xreplace({dummy: real}), real
    return dummy, body


def _elementwise_rule(node, adjoint):
    r"""``f.(A)`` with body :math:`f(x; \theta)`: :math:`\bar A = \bar Y \circ f'.(A)` and, for each scalar
    :math:`\theta` in the body (PReLU's slope),
    :math:`\bar\theta = \sum_{ij} \bar Y_{ij}\, \partial_\theta f(A_{ij})`."""
    dummy, body = _real_lambda(node)
    symbols = sorted(node.function.free_symbols, key=str)
    parameters = [symbol for symbol in symbols if not is_matrix(symbol)]
    partials = adjoints(body, [dummy, *parameters])

    def spread(derivative):
        if not derivative.has(dummy):
            return scale(derivative, adjoint)
        output = sympy.Dummy("y", real=True)
        in_output = derivative.subs(body, output)  # sigma' = y(1 - y): reuse the forward node f.(A)
        if not in_output.has(dummy):
            return hadamard(adjoint, Elementwise(sympy.Lambda(output, in_output), node))
        return hadamard(adjoint, Elementwise(sympy.Lambda(dummy, derivative), node.expr))

    contributions = [(node.expr, spread(partials[dummy]))] if partials[dummy] != 0 else []
    contributions.extend((p, ElementSum(spread(partials[p]))) for p in parameters if partials[p] != 0)
    contributions.extend((symbol, None) for symbol in symbols if is_matrix(symbol))  # W[0, 0] inside the body
    return contributions


def _logsumexp_rule(node, adjoint):
    matrix = node.matrix
    rows, cols = matrix.shape
    if node.axis == 0:
        spread, spread_lse = matmul(OneMatrix(rows, 1), adjoint), matmul(OneMatrix(rows, 1), node)
    else:
        spread, spread_lse = matmul(adjoint, OneMatrix(1, cols)), matmul(node, OneMatrix(1, cols))
    softmax = elementwise(sympy.exp, matadd(matrix, scale(-1, spread_lse)))
    return [(matrix, hadamard(spread, softmax))]


def _determinant_rule(node, adjoint):
    r"""Jacobi's formula: :math:`y = \det A`, :math:`\bar A = \bar y\, y\, A^{-\top}`."""
    matrix = node.arg
    return [(matrix, scale(adjoint * node, transpose(MatPow(matrix, -1))))]


def _trace_rule(node, adjoint):
    return [(node.arg, scale(adjoint, Identity(node.arg.shape[0])))]


def _matrix_slice_rule(node, adjoint):
    r"""``A[r0:r1:rs, c0:c1:cs]``: :math:`\bar A = R^\top \bar Y C^\top` with :math:`R = I[r0:r1:rs, :]` and
    :math:`C = I[:, c0:c1:cs]`, the adjoint scattered into the picked entries (an axis taken whole needs none)."""
    parent, rows, cols = node.args
    n_rows, n_cols = map(sympy.sympify, parent.shape)
    picks_rows, picks_cols = tuple(rows) != (0, n_rows, 1), tuple(cols) != (0, n_cols, 1)
    if (picks_rows and not n_rows.is_Integer) or (picks_cols and not n_cols.is_Integer):
        raise UnsupportedOperationError(
            f"no derivative through the slice {node}: it picks part of an axis of size "
            f"{n_rows if picks_rows else n_cols}, which is not a number (the batch size). Slice the columns, or "
            "slice the data before binding it.")
    left = [transpose(Identity(n_rows)[slice(*rows), :])] if picks_rows else []
    right = [transpose(Identity(n_cols)[:, slice(*cols)])] if picks_cols else []
    return [(parent, matmul(*left, adjoint, *right))]


def _explicit_matrix_rule(node, adjoint):
    r"""An explicit matrix of scalar expressions (``sympy.Matrix([[cos(θ), -sin(θ)], [sin(θ), cos(θ)]])``):
    entry :math:`(i, j)` receives :math:`\bar Y_{ij}`."""
    rows, cols = node.shape
    return [(node[i, j], MatrixElement(adjoint, i, j))  # unevaluated: SymPy would expand a product's entry as a Sum
            for i in range(rows) for j in range(cols) if node[i, j].free_symbols]


#: One adjoint rule per node class: ``rule(node, adjoint) -> [(child, contribution), ...]``.
ADJOINT_RULES: dict[type, Callable[[Any, Any], list[Contribution]]] = {
    Add: _add_rule,
    Mul: _mul_rule,
    Pow: _pow_rule,
    **{cls: _function_rule for cls in PARTIALS},
    ElementSum: _element_sum_rule,
    MatrixElement: _matrix_element_rule,
    MatAdd: _matadd_rule,
    MatMul: _matmul_rule,
    Transpose: _transpose_rule,
    HadamardProduct: _hadamard_product_rule,
    HadamardPower: _hadamard_power_rule,
    MatPow: _matpow_rule,
    sympy.ImmutableDenseMatrix: _explicit_matrix_rule,
    ElementwiseApplyFunction: _elementwise_rule,
    LogSumExp: _logsumexp_rule,
    Trace: _trace_rule,
    sympy.Determinant: _determinant_rule,
    MatrixSlice: _matrix_slice_rule,
    ReduceMax: reduce_max_adjoint,
    LogisticLoss: logistic_loss_adjoint,
    Softmax: softmax_adjoint,
    LogSoftmax: log_softmax_adjoint,
    Select: select_adjoint,
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
    raise _no_rule(node)


def _no_rule(node) -> UnsupportedOperationError:
    name = node.__name__ if isinstance(node, type) else type(node).__name__
    functions = ", ".join(sorted(cls.__name__ for cls in PARTIALS))
    nodes = ", ".join(sorted(cls.__name__ for cls in ADJOINT_RULES if cls not in PARTIALS))
    finite_sum = isinstance(node, sympy.Sum) and all(limit[1].is_Integer and limit[2].is_Integer for limit in node.limits)
    hint = (" This Sum has integer bounds: write it out with .doit() (sympy.Sum(...).doit()), or bind the data to a "
            "symopt.Placeholder and use symopt.ops.sum.") if finite_sum else ""
    if isinstance(node, sympy.Basic) and node.has(sympy.re, sympy.im):
        hint += (" SymPy wrote re()/im() because its symbols may be complex: declare them real, "
                 "sympy.Symbol('x', real=True) (symopt.Variable and symopt.Placeholder are real).")
    elif isinstance(node, (sympy.Derivative, sympy.Integral, sympy.Product)):
        hint += f" This {name} is unevaluated: call .doit() on it (or on the cost) first; symopt differentiates the result."
    return UnsupportedOperationError(
        f"no derivative rule for {name} (in {_short(node)}): symopt differentiates and compiles only the "
        f"functions {functions} and the nodes {nodes}. Rewrite the cost with those (see docs/functions.md), "
        "or add a rule to symopt.derivatives.PARTIALS (a function) or symopt.calculus.ADJOINT_RULES (a node) "
        f"together with a code printer for it.{hint}"
    )


def _short(node, limit: int = 80) -> str:
    text = str(node)
    return text if len(text) <= limit else text[:limit - 3] + "..."


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


def _zero_like(symbol):
    return ZeroMatrix(*symbol.shape) if is_matrix(symbol) else sympy.S.Zero


def _accumulate(symbol, terms: list):
    if is_matrix(symbol):
        return matadd(*terms)
    return Add(*terms)


def adjoints(cost: sympy.Expr, targets: Iterable[sympy.Basic]) -> dict:
    r"""Map each target to :math:`\partial\,\mathrm{cost}/\partial\,\mathrm{target}` (zero when absent).

    A scalar function of a matrix (``sympy.tanh(X @ W)``) is the elementwise function, as in NumPy;
    a complex constant is refused.  Scalar rules see their node with each dependent argument replaced
    by a stand-in symbol, so the products they build compare shallow factors (SymPy sorts every product
    it builds; comparing nested functions costs their depth), and the stand-ins are put back at the end.
    """
    cost = _scalar(symbolic(cost))
    targets = list(targets)
    target_set = set(targets)
    order = _dependent_nodes(cost, target_set)
    dependent = set(order)
    stand_ins = StandIns(dependent, target_set)
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
        for child, contribution in stand_ins.apply(_rule_for(node), node, total):
            if contribution is None and child in dependent:
                raise UnsupportedOperationError(
                    f"no derivative rule for {child} inside {_short(node)}: write the cost so that {child} "
                    "enters through matrix operations, not indexed inside an elementwise function.")
            if child in dependent and contribution is not None \
                    and not (contribution == 0 or isinstance(contribution, ZeroMatrix)):
                pending.setdefault(child, []).append(contribution)
    found = [results.get(target, _zero_like(target)) for target in targets]
    return dict(zip(targets, substitute(found, stand_ins.originals)))


def _scalar(given):
    """The cost as a scalar: functions of matrices read elementwise, a 1 x 1 matrix becomes the sum of its
    entry; other matrices and complex numbers are refused."""
    cost = lift_matrix_functions(given)
    if is_matrix(cost):
        if tuple(cost.shape) != (1, 1):
            hint = "" if is_matrix(given) else (
                f" SymPy's {given.func.__name__} of a matrix is read elementwise, but ops.sum does not see it as a "
                "matrix: use the ops function (ops.tanh, ops.exp, ops.sigmoid, ...) or reduce with "
                "symopt.ops.ElementSum(...).") if isinstance(given, sympy.Function) else ""
            raise ShapeError(f"expected a scalar cost; given a matrix of shape {tuple(cost.shape)} ({_short(cost)}). "
                             f"Reduce it first, e.g. symopt.ops.sum(cost) or symopt.ops.mean(cost).{hint}")
        cost = ElementSum(cost)
    if any(node is sympy.I for node in postorder(cost)):
        raise UnsupportedOperationError(
            f"expected a real cost; given one with the imaginary unit I ({_short(cost)}). symopt differentiates "
            "real functions of real parameters: write the real and imaginary parts as separate real costs "
            "(exp(I*w) = cos(w) + I*sin(w)).")
    return cost


def local_derivative(expression: sympy.Expr, symbol: sympy.Basic) -> sympy.Expr:
    r""":math:`\partial\,\mathrm{expression}/\partial\,\mathrm{symbol}` by the rules ``grad`` uses.

    A scalar expression is differentiated forward, argument by argument, with the function partials
    of :data:`symopt.derivatives.PARTIALS` (so a step of a textbook derivation reads
    ``-y/a + (1 - y)/(1 - a)``); a matrix expression goes through :func:`adjoints`.  Raises
    :class:`~symopt.errors.UnsupportedOperationError` where ``grad`` would, so a display that calls it
    never shows a derivative ``grad`` refuses.
    """
    expression = _scalar(symbolic(expression, "expression"))
    nodes = postorder(expression)
    if is_matrix(symbol) or any(is_matrix(node) for node in nodes):
        return adjoints(expression, [symbol])[symbol]
    derivatives: dict = {symbol: sympy.S.One}
    for node in nodes:
        if node in derivatives or isinstance(node, (ExprCondPair, Boolean)):  # conditions take no gradient
            continue
        inner = [derivatives.get(argument, sympy.S.Zero) for argument in function_arguments(node)]
        derivatives[node] = _forward_rule(node, inner) if any(d != 0 for d in inner) else sympy.S.Zero
    return derivatives[expression]


def _forward_rule(node, inner: list):
    r""":math:`d\,\mathrm{node}` from the differentials of its arguments (the chain rule, forward)."""
    if isinstance(node, Add):
        return Add(*inner)
    if isinstance(node, Mul):
        factors = node.args
        return Add(*(Mul(*factors[:i], d, *factors[i + 1:]) for i, d in enumerate(inner) if d != 0))
    if isinstance(node, Pow):
        (base, exponent), (d_base, d_exponent) = node.args, inner
        return exponent * base ** (exponent - 1) * d_base + node * sympy.log(base) * d_exponent
    partials = _partials_for(node)(node)
    return Add(*(partial * d for partial, d in zip(partials, inner) if partial is not None and d != 0))


@depth_limited("grad")
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
    return restructure(wrt, [gradient[s] for s in symbols])
