r"""The backward pass over the forward steps: the chain rule, one node at a time.

For a node :math:`x` read by the steps :math:`c_1, \dots, c_k` (its consumers),

.. math::

    \frac{dJ}{dx} = \sum_i \frac{dJ}{dc_i}\,\frac{\partial c_i}{\partial x},

taken in reverse forward order, so every :math:`dJ/dc_i` is known when :math:`x` is
reached.  Each node's adjoint is kept three ways:

``in_inputs``
    written in the inputs only and simplified: the gradient entry for an input;
``value``
    the same with every step's value renamed by its symbol (``a - y``, not
    ``σ(w₁x₁ + w₂x₂ + b) - y``);
``compact``
    the chain-rule sum with each consumer's adjoint kept as a symbol ``dc`` unless
    it is a plain number (``x₁·dz``, ``3c``); the course's code notation shows
    whichever of ``compact`` and ``value`` is shorter.

Each adjoint is simplified only where that saves operations (:func:`~symopt.display.tidy.tidy`):
the course writes :math:`-y/a + (1-y)/(1-a)`, not :math:`(y - a)/(a(a - 1))`.

Matrix costs use the vector–Jacobian products of :mod:`symopt.calculus` instead of
scalar partial derivatives: a step :math:`S = f(X)` passes to :math:`X` the gradient
of :math:`\sum_{ij} (dS \circ f(X))_{ij}`, in terms of the symbol :math:`dS`
(``dW = dZ·Xᵀ``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from ..calculus import adjoints
from ..forward_derivative import local_derivative
from ..derivatives import extremum_masks_in
from ..nodes import ElementSum, hadamard, matadd, zero_like
from ..reductions import FirstMaximum
from ..symbols import is_matrix
from .glyphs import Adjoint, MatrixAdjoint
from .notation_rules import masks_a_min
from .ordering import tree_size
from ..traversal import postorder
from .prepared import prepare
from .steps import Forward, Step
from .tidy import TIDY_LIMIT, tidy

__all__ = ["Term", "BackwardStep", "backward", "adjoint_symbol", "KINKS", "tie_partial"]

#: Functions with kinks: their partials come from :func:`symopt.forward_derivative.local_derivative`, so a
#: derivation shows the value ``grad`` computes at a tie (``∂max(w, c)/∂w = [w ≥ c]``, TF1's rule).
KINKS = (sympy.Max, sympy.Min, sympy.Abs, sympy.sign, sympy.Heaviside, sympy.floor, sympy.ceiling, sympy.Piecewise)


@dataclass(frozen=True)
class Term:
    """One chain-rule term: ``consumer`` reads the node; ``local`` is ∂consumer/∂node (scalars),
    or the node's share of the consumer's vector–Jacobian product (matrices)."""

    consumer: Step
    local: sympy.Basic


@dataclass(frozen=True)
class BackwardStep:
    """:math:`dJ/d\\,\\mathrm{node}`, with its chain-rule ``terms`` and three forms (module docstring).

    ``known`` is the form in the inputs when it was computed on the way (small expressions);
    otherwise :attr:`in_inputs` writes ``value`` in the inputs through ``forward`` when asked.
    Deep in a chain, ``value`` keeps a consumer's adjoint ``dc`` whose own value is over
    :data:`TIDY_LIMIT` nodes (multiplying it out made a chain of :math:`K` steps cost :math:`O(K^2)`);
    ``stands_for`` maps each such ``dc`` to the consumer's backward step, and :attr:`in_inputs`
    expands them only when asked.
    """

    node: sympy.Basic
    terms: tuple[Term, ...]
    value: sympy.Basic
    compact: sympy.Basic
    known: sympy.Basic | None = None
    forward: Forward | None = field(default=None, compare=False, repr=False)
    stands_for: dict = field(default_factory=dict, compare=False, repr=False)
    entries: tuple = ()  # a matrix parameter read entry by entry: its entries W[i, j], whose adjoints it assembles

    @cached_property
    def in_inputs(self) -> sympy.Basic:
        """The adjoint written in the inputs only."""
        return self.known if self.known is not None else self.forward.in_inputs(_expanded(self))

    @property
    def shown(self) -> sympy.Basic:
        """The form the code notation shows: ``compact`` when it is shorter than ``value``."""
        if is_matrix(self.node) or self.stands_for:
            return self.compact
        return self.compact if _size(self.compact) < _size(self.value) else self.value


def _expanded(step: BackwardStep):
    """``step.value`` in step symbols only: each adjoint it keeps replaced by its consumer's value, expanded the
    same way (iteratively, consumers first)."""
    order = postorder([step], lambda back: tuple(back.stands_for.values()))
    expanded: dict = {}
    for back in order:
        table = {symbol: expanded[id(consumer)] for symbol, consumer in back.stands_for.items()}
        expanded[id(back)] = back.value.xreplace(table) if table else back.value
    return expanded[id(step)]


def _size(expr) -> int:
    if is_matrix(expr):
        return len(str(expr))
    return sympy.count_ops(expr) if tree_size(expr) <= TIDY_LIMIT else tree_size(expr)


def adjoint_symbol(symbol):
    """The symbol ``dx`` standing for :math:`dJ/dx` (a matrix symbol for a matrix ``x``)."""
    if is_matrix(symbol):
        return MatrixAdjoint("d" + str(symbol.name), *symbol.shape, symbol)
    return Adjoint(symbol)


def _dependence(forward: Forward, wrt) -> dict:
    depends = {leaf: leaf in wrt for leaf in forward.leaves}
    for step in forward.steps:
        depends[step.symbol] = any(depends.get(symbol, False) for symbol in step.inputs)
    return depends


def _consumers(forward: Forward, depends: dict) -> dict:
    consumers = defaultdict(list)
    for step in forward.steps:
        for symbol in step.inputs:
            if depends.get(symbol):
                consumers[symbol].append(step)
    return consumers


def _order(forward: Forward, depends: dict, wrt: list) -> list:
    return [step.symbol for step in reversed(forward.steps[:-1]) if depends[step.symbol]] + list(wrt)


def _part_reading(step: Step, node, index: dict):
    r"""The part of ``step``'s expression that reads ``node``: of a sum, only the terms that contain ``node``.

    Each of the :math:`n` terms of :math:`J = s_1 + \dots + s_n` is then differentiated once in
    the whole pass, not :math:`n` times (the backward pass stays linear in :math:`n`); ``index``
    keeps each sum's ``symbol → terms`` table.
    """
    expression = step.expression
    if not expression.is_Add or not isinstance(node, sympy.Symbol):
        return expression
    if step.symbol not in index:
        terms_reading = defaultdict(list)
        for term in expression.args:
            for symbol in term.free_symbols:
                terms_reading[symbol].append(term)
        index[step.symbol] = terms_reading
    return sympy.Add(*index[step.symbol].get(node, ()))


def _partial(step: Step, node, renames: dict, index: dict, forward: Forward):
    """∂step/∂node in step symbols; a step's own expression is renamed by its symbol: σ(z)(1 - σ(z)) → a(1 - a).

    ``sympy.diff`` gives the textbook form (-y/a + (1 - y)/(1 - a)); where it can only
    answer with an unevaluated ``Derivative`` (``|w|`` of a complex ``w``), the rule
    table of :mod:`symopt.calculus` answers as ``symopt.grad`` does.  Of a sum only the
    terms reading ``node`` are differentiated (:func:`_part_reading`).
    """
    tie = tie_partial(step, node, forward)
    if tie is not None:
        return tie.xreplace(renames)
    expression = _part_reading(step, node, index)
    if isinstance(expression, sympy.Function) and expression.args == (node,):  # f(x): f'(x), as diff gives it
        try:
            derivative = expression.fdiff(1)
        except (sympy.core.function.ArgumentIndexError, NotImplementedError):
            derivative = None
        if derivative is not None and not derivative.has(sympy.Derivative, sympy.Subs):  # else: grad's rules below
            return derivative.xreplace(renames)
    if is_matrix(node):  # tr(A) of a matrix parameter: its vector–Jacobian product (a stand-in scalar is no matrix)
        return adjoints(expression, [node])[node].xreplace(renames)
    if expression.has(*KINKS) or _symbolic_power(expression):  # grad's convention at the kinks (TF1's ties), never
        return local_derivative(expression, node).xreplace(renames)  # SymPy's Heaviside(0) = 1/2; c·w^(c-1), never
    # SymPy's w^c·c/w, which is 0/0 at w = 0 where the code's c·w^(c-1) is 0 (c = 2) or 1 (c = 1)
    assumptions = node.assumptions0 if isinstance(node, sympy.Symbol) else {}
    stand_in = sympy.Dummy("x", **assumptions)
    derivative = sympy.diff(expression.xreplace({node: stand_in}), stand_in).xreplace({stand_in: node})
    if derivative.has(sympy.Derivative, sympy.Subs):
        derivative = adjoints(expression, [node])[node]
    return derivative.xreplace(renames)


def tie_partial(step: Step, node, forward: Forward):
    r""":math:`\partial/\partial` ``node`` of a step that is a ``Max``/``Min`` (``J = max(u, 2c)``, ``u = b + c``) with
    grad's tie: the masks in the order of the cost's own ``Max(2c, b + c)`` (``step.source``), not of ``max(u, 2c)``,
    whose arguments SymPy sorts otherwise; so the display gives the slope to the argument the generated code gives it
    to.  None for any other step, or where the arguments do not map one to one."""
    expression = step.expression
    if not isinstance(expression, (sympy.Max, sympy.Min)) or not expression.has(node) \
            or type(step.source) is not type(expression):
        return None
    written = {forward.in_inputs(argument): argument for argument in expression.args}
    if len(written) != len(expression.args) or set(written) != set(step.source.args):
        return None
    ordered = [written[argument] for argument in step.source.args]
    masks = extremum_masks_in(ordered, isinstance(expression, sympy.Max))
    return sympy.Add(*(mask * local_derivative(argument, node) for argument, mask in zip(ordered, masks)
                       if mask is not None and argument.has(node)))


def _symbolic_power(expression) -> bool:
    """True where ``expression`` has a power whose exponent is no integer: ``w**c`` of data ``c``, and ``√(-w)``,
    whose ``sympy.diff`` form ``√(-w)/(2w)`` is 0/0 at ``w = 0`` where grad's ``-1/(2√(-w))`` is -∞."""
    return any(not power.exp.is_Integer for power in expression.atoms(sympy.Pow))


def _entries_read(forward: Forward, wrt: list) -> dict:
    """``{W: (W[0, 0], ...)}``: the entries of each matrix parameter that the scalar steps read (leaves of their own)."""
    return {symbol: tuple(leaf for leaf in forward.leaves
                          if isinstance(leaf, MatrixElement) and leaf.parent == symbol)
            for symbol in wrt if is_matrix(symbol)}


def _assembled(symbol, entries: tuple, made: dict) -> BackwardStep:
    r""":math:`dJ/dW` of a matrix parameter read entry by entry: the matrix of :math:`dJ/dW_{ij}` (0 where the cost
    reads no entry), plus what the steps reading :math:`W` whole pass to it (``sum(W)``: 𝟙)."""
    rows, cols = (int(d) for d in symbol.shape)
    read = {(int(e.i), int(e.j)): made[e] for e in entries if e in made}
    whole = made.get(symbol)

    def matrix(form):
        by_entry = sympy.ImmutableMatrix(rows, cols, lambda i, j: form(read[(i, j)]) if (i, j) in read else 0)
        return by_entry if whole is None else matadd(form(whole), by_entry)
    return BackwardStep(symbol, whole.terms if whole is not None else (), matrix(lambda back: back.value),
                        matrix(lambda back: back.shown), matrix(lambda back: back.in_inputs),
                        entries=tuple(e for e in entries if e in made))


def backward(forward: Forward, wrt: list) -> tuple[BackwardStep, ...]:
    """The backward steps: intermediate values in reverse forward order, then ``wrt`` in the order given (a matrix
    parameter whose entries the scalar steps read: each entry read, then the matrix they assemble)."""
    if is_matrix(forward.cost) or any(is_matrix(step.symbol) for step in forward.steps):
        return _matrix_backward(forward, wrt)
    entries = _entries_read(forward, wrt)
    if not any(entries.values()):
        return _scalar_backward(forward, wrt)
    expanded = [node for symbol in wrt for node in
                ([symbol] if symbol not in entries or symbol in forward.leaves else []) + list(entries.get(symbol, ()))]
    steps = _scalar_backward(forward, expanded)
    made = {step.node: step for step in steps}
    kept = tuple(step for step in steps if step.node not in entries)  # a whole W's share goes into its assembled step
    return kept + tuple(_assembled(symbol, entries[symbol], made) for symbol in wrt if symbol in entries)


def _scalar_backward(forward: Forward, wrt: list) -> tuple[BackwardStep, ...]:
    depends = _dependence(forward, set(wrt))
    consumers = _consumers(forward, depends)
    renames = {step.expression: step.symbol for step in forward.steps[:-1]}
    renames.update({expression: symbol for expression, symbol in forward.abbreviations})
    output = forward.output.symbol
    in_inputs = {output: sympy.S.One}
    shown = {output: sympy.S.One}
    result = []
    made: dict = {}
    index: dict = {}
    for node in _order(forward, depends, wrt):
        terms = tuple(Term(consumer, _partial(consumer, node, renames, index, forward)) for consumer in consumers[node])
        compact = tidy(sympy.Add(*(_adjoint_or_number(t.consumer, shown) * t.local for t in terms)))
        total = None
        factors = [(in_inputs[t.consumer.symbol], forward.in_inputs(forward.in_steps(t.local))) for t in terms]
        if all(outer is not None and tree_size(inner, TIDY_LIMIT) <= TIDY_LIMIT for outer, inner in factors):
            total = tidy(sympy.Add(*(outer * inner for outer, inner in factors)))
            if tree_size(total, TIDY_LIMIT) > TIDY_LIMIT:
                total = None
        if total is not None:
            step = BackwardStep(node, terms, _abbreviated(forward, total), compact, total)
        else:  # a deep chain: written from the consumers' values in step symbols, in the inputs only when asked
            kept, factors = {}, []
            for t in terms:
                consumer = t.consumer.symbol
                if tree_size(shown[consumer], TIDY_LIMIT) > TIDY_LIMIT:  # kept as dc, expanded when asked
                    kept[adjoint_symbol(consumer)] = made[consumer]
                    factors.append(adjoint_symbol(consumer) * t.local)
                else:  # multiplied out, with the adjoints its value keeps
                    kept.update(made[consumer].stands_for if consumer in made else {})
                    factors.append(shown[consumer] * t.local)
            step = BackwardStep(node, terms, sympy.Add(*factors), compact, None, forward, kept)
        in_inputs[node] = total
        shown[node] = step.value
        made[node] = step
        result.append(step)
    return tuple(result)


def _abbreviated(forward: Forward, total):
    """``total`` (in the inputs) with each step's value renamed by its symbol; where SymPy distributed a number over
    a step's sum (``2(w - 5)`` arrives as ``2w - 10``), its numbers are factored back out first, so ``J = u²`` with
    ``u = w - 5`` reads ``dJ/du = 2u``, not ``2w - 10``."""
    total = total.xreplace({mask: FirstMaximum(*(_negation_named(forward, a, masks_a_min(mask.args)) for a in mask.args))
                            for mask in total.atoms(FirstMaximum)})
    shown = forward.abbreviate(total)
    if shown != total:
        return shown
    regrouped = prepare(total)
    renamed = forward.abbreviate(regrouped)
    return renamed if renamed != regrouped else shown


def _negation_named(forward: Forward, argument, of_a_min: bool):
    """An argument of a ``Min``'s mask (an argmax of the negated arguments, ``3 - v``) as the negated step that
    computes its negation (``-u`` for ``u = v - 3``), so ``[argmin(w, 2v, u, p, q) = u]`` names its steps as the
    ``min(w, 2v, u, p, q)`` it masks does, first, even where the argument is a step's value too (``v - 3`` beside
    ``u = 3 - v``: 45c-2); a ``Max``'s argument that is a step's value as it is; else by its negation's step, or as
    it is."""
    named = forward.abbreviate(-argument)
    if of_a_min and named.is_Symbol:
        return -named
    if forward.abbreviate(argument).is_Symbol:
        return argument
    return -named if named.is_Symbol else argument


def _adjoint_or_number(step: Step, shown: dict):
    value = shown[step.symbol]
    return value if value.is_number else adjoint_symbol(step.symbol)


def _matrix_backward(forward: Forward, wrt: list) -> tuple[BackwardStep, ...]:
    entries = _entries_read(forward, wrt)
    depends = _dependence(forward, set(wrt).union(*entries.values()))
    contributions = defaultdict(list)
    for step in reversed(forward.steps):
        if not depends[step.symbol]:
            continue
        targets = [symbol for symbol in step.inputs if depends.get(symbol)]
        if step is forward.output:
            seeded = step.expression
        elif is_matrix(step.symbol):
            seeded = ElementSum(hadamard(adjoint_symbol(step.symbol), step.expression))
        else:
            seeded = adjoint_symbol(step.symbol) * step.expression
        shares = adjoints(seeded, targets)
        for target in targets:
            contributions[target].append(Term(step, forward.in_steps(shares[target])))
    order = _order(forward, depends, wrt)
    sources = [forward.step(node).source if forward.step(node) else node for node in order]
    cost = ElementSum(forward.cost) if is_matrix(forward.cost) else forward.cost
    in_inputs = adjoints(cost, sources)
    result = []
    for node, source in zip(order, sources):
        terms = tuple(contributions[node])
        shares = [term.local for term in terms]
        if entries.get(node):  # the steps reading single entries W[i, j]: their shares, placed at (i, j)
            by_entry = {(int(e.i), int(e.j)): sympy.Add(*(t.local for t in contributions[e])) for e in entries[node]}
            rows, cols = (int(d) for d in node.shape)
            shares.append(sympy.ImmutableMatrix(rows, cols, lambda i, j: by_entry.get((i, j), 0)))
            terms += tuple(t for e in entries[node] for t in contributions[e])
        if not shares:
            compact = zero_like(node)
        else:
            compact = matadd(*shares) if is_matrix(node) else sympy.Add(*shares)
        result.append(BackwardStep(node, terms, compact, compact, in_inputs[source]))
    return tuple(result)
