r"""Split a cost into the named forward steps of the course's computation graph.

For :math:`J = 3(a + bc)` the steps are :math:`u = bc`, :math:`v = a + u`, :math:`J = 3v`:
each step computes one operation from the inputs and the earlier steps.  Two ways
to choose the steps:

``"all"`` (the default)
    Every operation node is a step, named ``u, v, w, p, q, r, s, t, u1, u2, ...`` in
    forward order (names the inputs already use are skipped, and the letter of an input with a
    subscript: no ``w`` beside ``w₁``), with these folds, which
    stay inside the step that uses them (:data:`FOLDS`):

    * a numeric coefficient or a negation, :math:`c\,x` (``3v``, ``-10w``, ``-(...)``);
    * a reciprocal :math:`x^{-1}` (so :math:`y/a` is one step);
    * a transposed input :math:`X^\top`, a scaled matrix, a broadcast :math:`b\,\mathbb{1}^\top`.
``"named"`` (the default when ``names`` is given)
    Only the expressions named in ``names`` are steps (the course's
    :math:`z = w_1x_1 + w_2x_2 + b`, :math:`a = \sigma(z)`, :math:`L = \dots`); the rest
    stays inline.

The cost is always the last step, named ``J`` unless ``names`` names it.  A shared
subexpression is one step (nodes are keyed by SymPy's structural equality).

Before splitting, the cost is prepared (:func:`~symopt.display.prepared.prepare`): a number
SymPy distributed over a sum is factored back out (``3(a + bc)``, not ``3a + 3bc``), and every
elementwise function gets the same bound variable.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

import sympy
from sympy import MatMul, MatrixSymbol, Mul, OneMatrix, Pow, Transpose
from sympy.functions.elementary.piecewise import ExprCondPair
from sympy.logic.boolalg import Boolean
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.printing.conventions import split_super_sub

from ..derivatives import settled
from ..constant_words import constant_word_reason, reads_as_constant
from ..errors import ConfigurationError
from ..functions import TABLE
from ..symbols import is_matrix
from ..traversal import nodes_of_type
from .glyphs import ARITHMETIC_SIGNS, FUNCTION_GLYPHS, function_letters_in, pretty_name, readable_name
from .prepared import prepare
from .product_names import spelling_letters
from .step_nodes import is_constant, is_input, operands, rebuild
from .structure_keys import structure_key, structure_keys

__all__ = ["Step", "Forward", "split", "checked_names", "fresh_names", "AUTO_NAMES", "FOLDS"]

#: Names given to intermediate values, in forward order, before ``u1, u2, ...``.
AUTO_NAMES = ("u", "v", "w", "p", "q", "r", "s", "t")

@dataclass(frozen=True)
class Step:
    """One forward step ``symbol = expression``.

    ``expression`` reads the inputs and earlier steps' symbols; ``source`` is the
    subexpression of the (prepared) cost that it names, written in the inputs only;
    ``inputs`` are the symbols it reads, in order of first use.
    """

    symbol: sympy.Basic
    expression: sympy.Basic
    source: sympy.Basic
    inputs: tuple


@dataclass(frozen=True)
class Forward:
    """The forward pass: ``steps`` in order (the last computes the cost) over ``leaves`` (the inputs).

    ``abbreviations`` are named expressions that do not occur in the cost (the course's
    :math:`A = \\sigma(Z)` when the cost is written with softplus), as
    ``(expression in step symbols, symbol)``; derivatives use them as shorthand.
    """

    cost: sympy.Basic
    steps: tuple[Step, ...]
    leaves: tuple
    abbreviations: tuple = ()

    @property
    def output(self) -> Step:
        return self.steps[-1]

    @cached_property
    def order(self) -> dict:
        """``{step symbol: index}`` in forward order, for printing sums of intermediate values."""
        return {step.symbol: index for index, step in enumerate(self.steps)}

    def step(self, symbol) -> Step | None:
        """The step that computes ``symbol`` (None for an input)."""
        return self._by_symbol.get(symbol)

    @cached_property
    def _by_symbol(self) -> dict:
        return {step.symbol: step for step in self.steps}

    def in_inputs(self, expr):
        """``expr`` with every step symbol replaced by what it computes from the inputs; a mask (``Piecewise``) is
        rebuilt unevaluated with its comparisons :func:`~symopt.derivatives.settled`, as the gradient's are: SymPy's
        ``Piecewise.eval`` turns ``-0.1 r >= 0.9 r`` round without end (final40c F40c-9: derive of the pinball loss
        ``Max(0.9 r, -0.1 r)`` was a DepthLimitError where grad worked)."""
        pieces = {piece: sympy.Dummy("mask") for piece in nodes_of_type(expr, sympy.Piecewise)}
        if not pieces:
            return expr.xreplace(self.sources)
        rebuilt = {dummy: sympy.Piecewise(*((value.xreplace(self.sources), settled(condition.xreplace(self.sources)))
                                            for value, condition in piece.args), evaluate=False)
                   for piece, dummy in pieces.items()}
        return expr.xreplace(pieces).xreplace(self.sources).xreplace(rebuilt)

    @cached_property
    def sources(self) -> dict:
        """``{step symbol: what it computes, in the inputs}``."""
        return {step.symbol: step.source for step in self.steps}

    def abbreviate(self, expr):
        """``expr`` (written in the inputs) with each step's source replaced by the step's symbol."""
        return expr.xreplace(self._abbreviations_in_inputs)

    def in_steps(self, expr):
        """``expr`` (written in the inputs or partly in step symbols) with abbreviations applied."""
        return expr.xreplace(self._abbreviations) if self.abbreviations else expr

    # The tables below are built once per forward pass (each line of a derivation asks them).
    @cached_property
    def _abbreviations(self) -> dict:
        return {expression: symbol for expression, symbol in self.abbreviations}

    @cached_property
    def _abbreviations_in_inputs(self) -> dict:
        """Each step's source to its symbol; a scalar step that is a reciprocal, ``a = 1/(1 + e⁻ᶻ)``, also names its
        denominator ``1/a``: SymPy writes ``1/a`` in the inputs as ``1 + e⁻ᶻ`` (``-y/a``, not ``-y(1 + e⁻ᶻ)``)."""
        table = {step.source.base: 1 / step.symbol for step in self.steps[:-1]
                 if isinstance(step.source, Pow) and step.source.exp == -1 and not is_input(step.source.base)
                 and not is_matrix(step.symbol)}
        table.update({step.source: step.symbol for step in self.steps[:-1]})
        table.update({self.in_inputs(expression): symbol for expression, symbol in self.abbreviations})
        return table


# ---------------------------------------------------------------- folds

def _scaled(node) -> bool:
    coefficient, rest = node.as_coeff_Mul()
    return coefficient != 1 and not rest.is_Mul


def _matrix_scaled(node) -> bool:
    coefficient, matrices = node.as_coeff_matrices()
    if len(matrices) == 1:
        return coefficient != 1
    if coefficient == 1 and len(matrices) == 2:
        return any(isinstance(m, OneMatrix) for m in matrices) and all(
            isinstance(m, OneMatrix) or is_input(m) for m in matrices)
    return False


#: Nodes that fold into the step that uses them instead of becoming steps of their own.
FOLDS: dict[type, Callable[[sympy.Basic], bool]] = {
    Mul: _scaled,
    Pow: lambda node: node.exp == -1,
    Transpose: lambda node: is_input(node.arg),
    MatMul: _matrix_scaled,
}


def _folds(node) -> bool:
    for cls in type(node).__mro__:
        if cls in FOLDS:
            return FOLDS[cls](node)
    return False


# ---------------------------------------------------------------- the split

def fresh_names(taken: set):
    """Yield ``u, v, w, p, q, r, s, t, u1, u2, ...``, skipping (and then recording) names in ``taken``. The numbered
    names take the first letter no input uses (``v1, v2, ...`` beside a parameter ``u``), so an intermediate never
    reads like a parameter's name; nor does a letter differing only by case from a one-letter input (no step ``w``
    beside a weight ``W``: ``dw`` beside ``dW``), nor one that spells an input with others (``u`` beside ``uv``)."""
    bases = {split_super_sub(name)[0] for name in taken}  # w₁ prints as w and a subscript: no step is named w
    bases |= {_accented_letter(name) for name in taken} - {None}  # nor beside w̅ (wbar, \bar{w}: final40c F40c-4)
    bases |= {base.lower() for base in bases if len(base) == 1} | spelling_letters(taken, AUTO_NAMES)  # W: no w
    prefix = next((letter for letter in AUTO_NAMES if letter not in taken and letter not in bases), "z")
    for name in itertools.chain(AUTO_NAMES, (f"{prefix}{index}" for index in itertools.count(1))):
        if name not in taken and name not in bases and f"d{name}" not in taken:  # a given 'du': no step u
            taken.add(name)
            yield name


def _accented_letter(name: str) -> str | None:
    """The letter an accented name is drawn on (``w`` of w̅, ``p`` of p̂), else None."""
    shown = pretty_name(name)
    letters = "".join(ch for ch in shown if not unicodedata.combining(ch))
    return letters if len(letters) == 1 and letters != shown else None


def _symbol_for(name: str, node):
    if is_matrix(node):
        return MatrixSymbol(name, *node.shape)
    return sympy.Symbol(name)


#: What each letter of :data:`~symopt.display.glyphs.FUNCTION_LETTERS` prints, for the message refusing it as a name.
LETTER_FUNCTIONS = {"σ": "the sigmoid", "Σ": "a sum"}


def reads_as_function(name: str) -> bool:
    """Whether a step named ``name`` would read as a function wherever it stands: a name of symopt's function table
    (``sin``, ``exp``, ``relu``) or one printed as one (``sigmoid`` is σ).  A name printed with a function's letter
    (``sigma`` is σ, ``Sigma`` Σ) reads so only beside that function (:func:`_reads_as_function_here`)."""
    return name in TABLE or name in FUNCTION_GLYPHS


def _reads_as_function_here(name: str, letters: set) -> bool:
    """Whether ``name`` prints as one of ``letters``, the function letters of the cost
    (:func:`~symopt.display.glyphs.function_letters_in`: σ beside a sigmoid or a softplus, Σ beside a sum), as a
    symbol of that name is then shown as typed; elsewhere it prints as σ or Σ, as that symbol does."""
    return pretty_name(name) in letters


def _check_key(expr) -> None:
    """A key of ``names`` is a subexpression of the cost: not text, None or a number (a number named ``k`` would be
    renamed in the gradient, ``dJ/dw = kw - 10``, with no line defining it: probe29 P29-6)."""
    if isinstance(expr, (int, float)) or isinstance(expr, sympy.Basic) and expr.is_Number:
        raise ConfigurationError(f"names: {expr} is a number, not an intermediate value of the cost; name a "
                                 "subexpression")
    if not isinstance(expr, sympy.Basic):
        raise ConfigurationError(
            f"names: expected each key to be a subexpression of the cost, built from its symbols (x**2 + 1); given "
            f"{type(expr).__name__} {expr!r}. Build the key as the cost is built; a string is not parsed here")


def _check_names(names: Mapping, leaves_named: set, letters: set) -> dict:
    checked = {}
    seen = set()
    for expr, name in names.items():
        _check_key(expr)
        if not readable_name(name):
            raise ConfigurationError(
                f"names: expected a name that starts with a letter, without spaces or arithmetic signs "
                f"({' '.join(ARITHMETIC_SIGNS)}), such as 'z' or 'A1', so that the formulas it appears in read back "
                f"as written; given {name!r} for {expr}")
        if reads_as_constant(name):
            raise ConfigurationError(f"names: {constant_word_reason(name, str(expr))}; choose another name")
        if reads_as_function(name):
            raise ConfigurationError(
                f"names: {name!r} for {expr} is a function's name (as printed: {pretty_name(name)}), so the formulas "
                f"would read as a call of it (exp(sin(sin))); choose another name")
        if _reads_as_function_here(name, letters):
            glyph = pretty_name(name)
            raise ConfigurationError(
                f"names: {name!r} for {expr} prints as {glyph}, and this cost's formulas print "
                f"{LETTER_FUNCTIONS[glyph]} as {glyph}, so the two would read alike; choose another name")
        prepared = prepare(expr)
        if is_input(prepared):
            raise ConfigurationError(
                f"names: {expr} is an input of the cost, and names= names intermediate values; renaming it here would "
                f"leave {expr} in the forward lines and {name} in the backward ones. Name the symbol itself: "
                f"sympy.Symbol({name!r}, real=True) or symopt.Variable({name!r}, ...)")
        if name in seen:
            raise ConfigurationError(f"names: {name!r} is given to two expressions; give each its own name")
        if name in leaves_named:
            raise ConfigurationError(f"names: {name!r} is already the name of an input; choose another name")
        seen.add(name)
        checked[prepared] = name
    for expr, name in names.items():
        if name[:1] == "d" and name[1:] in leaves_named | seen | {"J"}:
            raise ConfigurationError(
                f"names: {name!r} for {expr} reads as the derivative d{name[1:]} (dJ/d{name[1:]}) that the backward "
                f"lines write beside it; choose a name that is not 'd' and the name of an input, a step or J")
    return checked


def checked_names(cost, names: Mapping | None) -> tuple[dict, set]:
    """``({prepared key: name}, the inputs' names)``: ``names`` checked against the prepared ``cost`` (its inputs,
    and the function letters its formulas print: σ beside a sigmoid or softplus, Σ beside a sum or in the course's
    vectorized form, ``(1/m) Σ L``); the course's derivation and :func:`split` check alike."""
    leaves = _leaves_of(cost)
    taken = {str(leaf.name) if not isinstance(leaf, MatrixElement) else str(leaf.parent.name) for leaf in leaves}
    summed = {"Σ"} if any(is_matrix(leaf) for leaf in leaves) else set()
    return _check_names(names or {}, taken, function_letters_in([cost]) | summed), taken


def _leaves_of(cost) -> list:
    found, stack, seen = [], [cost], set()
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if is_input(node):
            found.append(node)
        elif not is_constant(node):
            stack.extend(reversed(operands(node)))
    return found


def split(cost, names: Mapping | None = None, steps: str | None = None) -> Forward:
    """The forward steps of ``cost`` (see the module docstring for ``steps="all"`` and ``"named"``)."""
    mode = steps or ("named" if names else "all")
    if mode not in ("all", "named"):
        raise ConfigurationError(f"steps: expected 'all' or 'named'; given {steps!r}")
    cost = prepare(cost)
    chosen, taken = checked_names(cost, names)
    table: dict = {}
    by_structure = {structure_key(key, table, {}): name for key, name in chosen.items()}
    taken |= set(chosen.values())
    cost_name = chosen.get(cost) or ("J" if "J" not in taken else "cost")
    taken.add(cost_name)
    fresh = fresh_names(taken)
    memo: dict = {}
    made: list[Step] = []
    leaves: list = []

    children: dict = {}

    def children_of(node) -> tuple:
        if node not in children:
            children[node] = () if is_input(node) or is_constant(node) else operands(node)
        return children[node]

    keys = structure_keys(cost, children_of, table)
    for node in keys:  # post-order
        if is_input(node):
            leaves.append(node)
            memo[node] = (node, (node,))
            continue
        if is_constant(node):
            memo[node] = (node, ())
            continue
        visited = [memo[argument] for argument in children[node]]
        expression = rebuild(node, [replacement for replacement, _ in visited])
        inputs = tuple(dict.fromkeys(symbol for _, used in visited for symbol in used))
        named = chosen.get(node) or by_structure.get(keys[node])
        is_root = node is cost
        if not is_root and isinstance(node, (ExprCondPair, Boolean, sympy.Tuple)):  # a Piecewise branch or a
            memo[node] = (expression, inputs)  # condition stays inside its Piecewise, a slice's bounds in the slice
        elif is_root or named or (mode == "all" and not _folds(node)):
            name = cost_name if is_root else (named or next(fresh))
            symbol = _symbol_for(name, node)
            made.append(Step(symbol, expression, node, inputs))
            memo[node] = (symbol, (symbol,))
        else:
            memo[node] = (expression, inputs)

    if not made or made[-1].source != cost:  # the cost is a bare input or constant
        made.append(Step(_symbol_for(cost_name, cost), cost, cost, (cost,) if is_input(cost) else ()))
    sources = {step.source: step.symbol for step in made}
    seen = set(keys.values())
    abbreviations = tuple((key.xreplace(sources), sympy.Symbol(name) if not is_matrix(key) else
                           MatrixSymbol(name, *key.shape))
                          for key, name in chosen.items()
                          if (structure_key(key, table, {}) not in seen or is_constant(key)) and key != cost)
    return Forward(cost, tuple(made), tuple(leaves), abbreviations)
