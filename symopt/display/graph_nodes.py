r"""The nodes of the "values" drawing: one per forward step, with numbers and gradients at a point.

With ``at``, every node shows its value and :math:`dJ/d\text{node}`, computed in one
forward and one backward sweep over the steps, each step evaluated from the numbers
of the steps it reads (never from the whole subexpression again):

.. math::  \bar v = \sum_{s \text{ reads } v} \bar s \, \frac{\partial s}{\partial v}

Each local derivative follows :func:`symopt.forward_derivative.local_derivative`, the rules ``grad`` and the
generated code use (a tie of :math:`\max` goes to one argument, TF1's rule; :math:`|u|'` is
:math:`\operatorname{sign} u`; a step function's slope is 0), never SymPy's ``diff``
(:math:`\mathrm{Heaviside}(0) = 1/2`, :math:`\delta(0)`).  Where those rules have none
(``Mod`` of data, ``LambertW``), a ``symopt.Variable`` is refused with ``grad``'s error, and any other
input is drawn without :math:`dJ/d\text{input}`.
For a sum only the terms that contain :math:`v` are differentiated, so a sum of
:math:`n` terms costs :math:`O(n)`, not :math:`O(n^2)`; the local derivatives of
:math:`c\,v` and :math:`c\,v^n` are written down directly.  Inputs are listed in natural
order (``a, b, c``; ``b₁, b₂, W₁, W₂, X``: case folded, numbers compared as numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy
from sympy import MatrixSymbol
from sympy.matrices.expressions.matexpr import MatrixElement

from ..calculus import adjoints
from ..forward_derivative import local_derivative
from ..errors import ConfigurationError, SymoptError, UnsupportedOperationError
from ..symbols import BATCH, is_matrix
from .backward import adjoint_symbol, backward, tie_partial
from .line_numbers import printed_inputs, scalar_line_numbers
from .code_numbers import code_gradient_numbers, pole_on_the_way, singular
from .glyphs import format_number, primes
from .notation import text
from .steps import Forward
from .at_values import bind, program_dtype
from .values import evaluate, in_dtype

__all__ = ["GraphNode", "NodeIds", "values_nodes", "natural_order", "natural_key", "numbers_at", "gradients_at",
           "derived_adjoints"]


@dataclass(frozen=True)
class GraphNode:
    """A drawn node: ``kind`` is ``"input"``, ``"constant"`` or ``"operation"``; ``inputs`` are node ids."""

    id: str
    lines: tuple[str, ...]
    kind: str
    inputs: tuple[str, ...] = ()


class NodeIds:
    """Unique node ids: a name, then the name with primes when taken."""

    def __init__(self, taken=()):
        self.used: set = set(taken)

    def __call__(self, name: str) -> str:
        while name in self.used:
            name += "′"
        self.used.add(name)
        return name


def natural_key(name: str) -> tuple:
    """Sort key of natural order: case folded, digit runs compared as numbers (``W2`` < ``W10``, ``b`` < ``W``)."""
    return tuple((0, int(run), "") if run.isdigit() else (1, 0, run)
                 for run in re.findall(r"\d+|\D+", name.casefold()))


def natural_order(leaves) -> list:
    """``leaves`` sorted by :func:`natural_key` of their names (``a, b, c``; ``W₁`` before ``W₂``; ``W`` before
    ``W′``, another symbol named ``W``; names equal but for case, ``A`` before ``a``)."""
    return sorted(leaves, key=lambda leaf: (natural_key(str(leaf)), str(leaf), primes(leaf)))  # A before a: a
    # total order, whatever order the leaves came in (final40c F40c-3)


def numbers_at(forward: Forward, bound: dict, dtype: str = "float64") -> dict:
    """``{input or step symbol: number}``: each step evaluated from the numbers it reads, in ``dtype``."""
    numbers = dict(bound)
    for step in forward.steps:
        numbers[step.symbol] = evaluate(step.expression, {s: numbers[s] for s in step.inputs}, dtype)
    return numbers


def _partials(step, forward: Forward) -> dict:
    """``{input: ∂expression/∂input}`` of ``step`` by symopt's rules, or the UnsupportedOperationError they raise for
    it; a sum differentiates only the terms that contain each input; a max/min gives a tie's slope where grad gives it
    (:func:`~symopt.display.backward.tie_partial`)."""
    expression, inputs = step.expression, step.inputs
    ties = {symbol: tie_partial(step, symbol, forward) for symbol in inputs}
    if all(tie is not None for tie in ties.values()):
        return ties
    wanted = set(inputs)
    terms = expression.args if expression.is_Add else (expression,)
    by_input: dict = {symbol: [] for symbol in inputs}
    for term in terms:
        for atom in term.atoms(sympy.Symbol, MatrixElement, MatrixSymbol) & wanted:
            by_input[atom].append(term)
    partials = {}
    for symbol, containing in by_input.items():
        try:
            partials[symbol] = _partial(sympy.Add(*containing), containing, symbol)
        except UnsupportedOperationError as refusal:
            partials[symbol] = refusal
    return partials


def _partial(part, containing: list, symbol):
    if is_matrix(symbol):  # (wᵀx)[0,0] reads w whole: its gradient matrix, as symopt.grad gives it
        return adjoints(part, [symbol])[symbol]
    coefficients = [term.as_coeff_Mul() for term in containing]
    if all(rest == symbol for _, rest in coefficients):  # c·v
        return sympy.Add(*(coefficient for coefficient, _ in coefficients))
    if all(rest.is_Pow and rest.base == symbol and rest.exp.is_Number for _, rest in coefficients):  # c·vⁿ
        return sympy.Add(*(c * rest.exp * symbol ** (rest.exp - 1) for c, rest in coefficients))
    return local_derivative(part, symbol)


def gradients_at(forward: Forward, numbers: dict, dtype: str = "float64") -> tuple[dict, bool]:
    r"""``{input or step symbol: dJ/d(it) as a number}``, one backward sweep over the steps; a node whose adjoint
    needs a derivative symopt has no rule for maps to that UnsupportedOperationError.  Also whether a local slope on
    the way is :math:`\pm\infty` or NaN (then the products are not the code's arithmetic: :mod:`.code_numbers`).
    Each product and sum is rounded to ``dtype`` as it is made."""
    adjoint, poles = {forward.output.symbol: sympy.S.One}, False
    for step in reversed(forward.steps):
        if step.symbol not in adjoint:
            continue
        for symbol, partial in _partials(step, forward).items():
            if isinstance(adjoint[step.symbol], Exception) or isinstance(partial, Exception):
                refusal = partial if isinstance(partial, Exception) else adjoint[step.symbol]
                adjoint[symbol] = adjoint[symbol] if isinstance(adjoint.get(symbol), Exception) else refusal
                continue
            local = evaluate(partial, {s: numbers[s] for s in partial.free_symbols | partial.atoms(MatrixElement)
                                       if s in numbers}, dtype)
            poles = poles or singular([local])
            # a path whose adjoint is exactly 0 (a Piecewise branch not taken) passes nothing, even where its local
            # slope is ∞ (√w at 0): 0, as derive's chain and grad's own Piecewise give it, never 0·∞ = NaN
            share = sympy.S.Zero if adjoint[step.symbol] == 0 else in_dtype(adjoint[step.symbol] * local, dtype)
            if isinstance(adjoint.get(symbol), Exception):
                continue
            adjoint[symbol] = in_dtype(adjoint[symbol] + share, dtype) if symbol in adjoint else share
    return adjoint, poles


def derived_adjoints(forward: Forward, gradients: dict, bound: dict) -> tuple[dict, dict]:
    r"""``({step symbol: dJ/d(it)}, {input: its line's number})`` as ``derive``'s lines give them at a point where a
    value on the way is :math:`\pm\infty` or NaN (:func:`~.line_numbers.scalar_line_numbers`): there the sweep's
    IEEE products are not the lines' numbers (:math:`0\cdot\infty` at :math:`1 - \sigma(40) = 0` made ``dJ/du``
    undefined where derive's ``p - y`` is 1: probe92 P92-2); the inputs' are those derive prints beside a code
    number that is not finite (:func:`~.line_numbers.printed_inputs`).  Empty where a node has no gradient or an
    input is a matrix entry."""
    leaves = [leaf for leaf in forward.leaves if leaf in gradients]
    if any(isinstance(number, Exception) for number in gradients.values()) or \
            not all(isinstance(leaf, (sympy.Symbol, MatrixElement)) and not is_matrix(leaf) for leaf in leaves):
        return {}, {}
    try:
        lines = backward(forward, leaves)
    except SymoptError:
        return {}, {}
    numbers = scalar_line_numbers(forward, lines, bound)
    steps = {step.symbol: numbers[adjoint_symbol(step.symbol)] for step in forward.steps
             if adjoint_symbol(step.symbol) in numbers}
    printed = printed_inputs(forward, lines, numbers)
    return steps, {leaf: printed[adjoint_symbol(leaf)] for leaf in leaves if adjoint_symbol(leaf) in printed}


def _drawn(forward: Forward, gradients: dict) -> dict:
    """The numbers to draw: a Variable whose gradient symopt cannot compute raises what ``grad`` raises; any other
    node without one is drawn without its ``dJ/d`` line."""
    for leaf in forward.leaves:
        owner = leaf.parent if isinstance(leaf, MatrixElement) else leaf
        if isinstance(gradients.get(leaf), Exception) and getattr(owner, "is_variable", False):
            raise gradients[leaf]
    return {symbol: number for symbol, number in gradients.items() if not isinstance(number, Exception)}


def _with_entries(forward: Forward, gradients: dict) -> dict:
    """``dJ/dV`` of a matrix input as the whole gradient: the adjoints of its entries read on their own
    (``V[1,0]``) added at their places, as :func:`symopt.grad` gives it."""
    gradients = dict(gradients)
    for entry in forward.leaves:
        if isinstance(entry, MatrixElement) and entry in gradients and entry.parent in forward.leaves:
            matrix = entry.parent
            placed = sympy.ImmutableMatrix(*(int(d) for d in matrix.shape),
                                           lambda i, j: gradients[entry] if (i, j) == (entry.i, entry.j) else 0)
            gradients[matrix] = gradients[matrix] + placed if matrix in gradients else placed
    return gradients


def values_nodes(forward: Forward, at) -> list[GraphNode]:
    """One input node per leaf (natural order), one operation node per step, labelled ``u = bc [= 6]``."""
    ids, numbers, gradients, printed = NodeIds(), {}, {}, {}
    if at is not None:
        if any(is_matrix(step.symbol) for step in forward.steps):
            raise ConfigurationError("at: numbers are drawn for scalar costs only")
        dtype = program_dtype(forward.leaves)  # a float32 model's numbers are float32's, as its code computes them
        bound = bind(at, forward.leaves)
        numbers = numbers_at(forward, bound, dtype)
        gradients, poles = gradients_at(forward, numbers, dtype)
        if poles or singular(gradients.values()) or pole_on_the_way(forward.steps, numbers):  # the code's slopes
            leaves = [leaf for leaf in forward.leaves if leaf in gradients]
            gradients.update(code_gradient_numbers(forward.cost, leaves, numbers, dtype))
            steps, printed = derived_adjoints(forward, gradients, bound)
            gradients.update(steps)
        gradients = _with_entries(forward, _drawn(forward, gradients))
        gradients.pop(forward.output.symbol)
        gradients.pop(BATCH, None)  # m counts the rows fed: a number, never an input to differentiate by
    cost = text(forward.output.symbol)
    order = forward.order
    node_id = {}

    def lines(first: str, symbol) -> tuple[str, ...]:
        label = first + (f" = {format_number(numbers[symbol])}" if symbol in numbers else "")
        gradient = [f"d{cost}/d{text(symbol)} = {format_number(gradients[symbol])}"] if symbol in gradients else []
        if symbol in printed:  # derive's line for this input, finite where the code's number is not
            gradient = [f"d{cost}/d{text(symbol)} = {format_number(printed[symbol])} (compiled: "
                        f"{format_number(gradients[symbol])})"]
        return (label, *gradient)

    nodes = []
    for leaf in natural_order(forward.leaves):
        node_id[leaf] = ids(text(leaf))
        nodes.append(GraphNode(node_id[leaf], lines(text(leaf), leaf), "input"))
    for step in forward.steps:
        node_id[step.symbol] = ids(text(step.symbol))
        first = f"{text(step.symbol)} = {text(step.expression, step_order=order, step_values=forward.sources)}"
        nodes.append(GraphNode(node_id[step.symbol], lines(first, step.symbol), "operation",
                               tuple(node_id[symbol] for symbol in step.inputs)))
    return nodes
