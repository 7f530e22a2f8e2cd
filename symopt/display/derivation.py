r"""``derive``: the course's forward and backward derivation of a gradient.

For :math:`J = 3(a + bc)` at :math:`a = 5, b = 3, c = 2`::

    forward (a = 5, b = 3, c = 2)
      u = bc = 6
      v = a + u = 11
      J = 3v = 33
    backward
      dJ/dv = 3
      dJ/du = dJ/dv · dv/du = 3
      dJ/da = dJ/dv · dv/da = 3
      dJ/db = dJ/du · du/db = 3c = 6
      dJ/dc = dJ/du · du/dc = 3b = 9
    gradient
      dJ/da = 3
      dJ/db = 3c = 6
      dJ/dc = 3b = 9

The forward steps come from :mod:`.steps`, the chain rule from :mod:`.backward`.
``notation="fraction"`` writes :math:`dJ/dx` with the chain-rule terms; the
course's code notation ``notation="code"`` writes ``dx`` for :math:`dJ/dx` and, where
shorter, keeps a consumer's adjoint as a symbol (``dz = a - y``, ``dw₁ = x₁·dz``,
``db = dz``).  A direct dependence of the cost on a node is written with ∂:
``dJ/dw = dJ/du · du/dw + ∂J/∂w``.  Matrix costs always use the code notation
(``dZ = (A - Y)/m``, ``dW = dZ·Xᵀ``); their numbers under ``at=`` are arrays
(:mod:`.matrix_numbers`), a large one summarised by its shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import sympy
from sympy import MatrixSymbol

from ..calculus import grad
from ..code_rules import with_code_rules
from ..compat_hints import PARAMETER, with_compat_advice
from ..depth import depth_limit, depth_limited
from ..errors import ConfigurationError, DepthLimitError
from ..keyword_advice import refusing_unknown_keywords
from ..stable import written_out
from ..symbols import BATCH, is_batched, is_matrix
from ..wrt import refuse_unordered
from .backward import BackwardStep, adjoint_symbol, backward
from .tidy import TIDY_LIMIT
from .ordering import tree_size
from .glyphs import distinct_names, format_array, format_entry, format_number, latex_of_printed
from .notation import count_name, examples_counted_as
from .notation import latex as latex_of
from .notation import text as text_of
from .render import LIST_SEPARATOR, Rendered, Section, Side, chain, one_line
from .course_lines import course_derivation
from .graph import refuse_uncompilable
from .graph_nodes import natural_order
from .layers import recognised
from .prepared import prepare
from .steps import Forward, checked_names, split
from .structure_keys import structure_key
from .matrix_numbers import examples_in, line_arrays
from .nan_slopes import zero_slopes_of_undefined
from .numbers import bind_arrays, not_finite_in_code, with_values
from .code_numbers import pole_on_the_way
from .at_values import bind, mapping_argument, program_dtype
from .backward_numbers import formula_value
from .line_numbers import printed_inputs, scalar_line_numbers

__all__ = ["derive", "Derivation", "NOTATIONS", "wrt_symbols"]

NOTATIONS = ("fraction", "code")


def _side(expr, forward: Forward | None = None) -> Side:
    """``expr`` (in step symbols of ``forward``) as a side of an equation, text and LaTeX."""
    order, values = (forward.order, forward.sources) if forward is not None else (None, None)
    return Side(text_of(expr, step_order=order, step_values=values), latex_of(expr, step_order=order,
                                                                              step_values=values))


def _number(value) -> Side | None:
    """A number as a side of an equation (None when there is no point); an array of a matrix step with four
    decimals (:func:`~symopt.display.glyphs.format_array`)."""
    if value is None:
        return None
    if isinstance(value, np.ndarray) and value.ndim == 2:
        return Side(*format_array(value))
    if isinstance(value, (np.ndarray, np.floating)):
        shown = format_entry(float(value))
        return Side(shown, latex_of_printed(shown))
    shown = format_number(value)
    return Side(shown, latex_of_printed(shown))  # "undefined" a word, 1e-07 as 10^{-7}


def _name(symbol) -> tuple[str, str]:
    return text_of(symbol), latex_of(symbol)


def _fraction(top, bottom, partial: bool = False) -> Side:
    (t_text, t_latex), (b_text, b_latex) = _name(top), _name(bottom)
    d_text, d_latex = ("∂", r"\partial ") if partial else ("d", "d")
    return Side(f"{d_text}{t_text}/{d_text}{b_text}", rf"\frac{{{d_latex}{t_latex}}}{{{d_latex}{b_latex}}}")


def _chain_rule(cost, node, back: BackwardStep) -> Side | None:
    """``dJ/du · du/db + ∂J/∂b``, or None when the only term is the cost's own ∂J/∂node."""
    if len(back.terms) == 1 and back.terms[0].consumer.symbol == cost:
        return None
    texts, latexes = [], []
    for term in back.terms:
        consumer = term.consumer.symbol
        if consumer == cost:
            piece = _fraction(cost, node, partial=True)
            texts.append(piece.text)
            latexes.append(piece.latex)
        else:
            outer, inner = _fraction(cost, consumer), _fraction(consumer, node)
            texts.append(f"{outer.text} · {inner.text}")
            latexes.append(rf"{outer.latex} \cdot {inner.latex}")
    return Side(" + ".join(texts), " + ".join(latexes)) if texts else None


@dataclass(frozen=True)
class Derivation(Rendered):
    """Forward steps, backward steps and gradient of a cost; ``str()``, :meth:`latex`, :meth:`markdown`.

    ``forward`` holds the steps (:class:`~symopt.display.steps.Step`), ``backward`` one
    :class:`~symopt.display.backward.BackwardStep` per intermediate value and input,
    :attr:`gradient` the simplified :math:`\\partial J/\\partial x` per ``wrt`` symbol.
    """

    forward: Forward
    backward: tuple[BackwardStep, ...]
    wrt: tuple
    notation: str = "fraction"
    bound: Mapping | None = field(default=None, compare=False)

    def shown_expressions(self) -> tuple:
        return (self.forward.cost, *self.wrt)

    @cached_property
    def matrix(self) -> bool:
        return any(is_matrix(step.symbol) for step in self.forward.steps)

    @cached_property
    def _backward_of(self) -> dict:
        """``{node: its backward step}`` (looked up once per line: a linear search made long sums quadratic)."""
        return {step.node: step for step in self.backward}

    @property
    def gradient(self) -> dict:
        """``{symbol: ∂J/∂symbol}`` written in the inputs, for each ``wrt`` symbol."""
        return {symbol: self._backward_of[symbol].in_inputs for symbol in self.wrt}

    @cached_property
    def _adjoints(self) -> frozenset:
        """The adjoint symbols ``dx`` of the backward lines."""
        return frozenset(adjoint_symbol(step.node) for step in self.backward)

    def _shown_gradient(self, symbol):
        """The gradient in the inputs, or in the step symbols when written in the inputs it exceeds
        :data:`~symopt.display.tidy.TIDY_LIMIT` nodes (a deep chain); of a matrix derivation never a formula
        in other lines' adjoints (``ds·Xᵀ + du∘(2W₁)``): then the backward line's own ``dW₁``."""
        step = self._backward_of[symbol]
        for form in (step.known, None if step.stands_for else step.value):
            if form is not None and tree_size(form, TIDY_LIMIT) <= TIDY_LIMIT:
                if not (self.matrix and form.free_symbols & self._adjoints):
                    return form
        return adjoint_symbol(symbol) if self.matrix else step.shown

    @cached_property
    def numbers(self) -> dict:
        """Every step's value and every adjoint ``dx`` at the point, computed step by step (linear in the steps):
        exact where the arithmetic is rational."""
        if not self.bound:
            return {}
        if self.matrix:  # arrays, line by line, with NumPy
            return line_arrays(self.forward, self.backward, self.wrt, self.bound)
        return scalar_line_numbers(self.forward, self.backward, self.bound, self.notation)

    @cached_property
    def _printed_inputs(self) -> dict:
        """The inputs' lines whose formula is finite where the code's number is not: their formulas' values."""
        if not self.bound or self.matrix:
            return {}
        return printed_inputs(self.forward, self.backward, self.numbers, self.notation)

    def _value(self, symbol):
        """The number printed beside ``symbol``'s line: :attr:`numbers`' own, or an input's formula's value where
        :attr:`numbers` holds the code's NaN (:func:`~.line_numbers.printed_inputs`)."""
        if not self.bound:
            return None
        return self._printed_inputs.get(symbol, self.numbers.get(symbol))

    # ------------------------------------------------------------ sections

    def _forward_section(self) -> Section:
        equations = tuple(chain(_side(step.symbol), _side(step.expression, self.forward),
                                _number(self._value(step.symbol)))
                          for step in self.forward.steps)
        note = None
        if self.bound and self.matrix:
            note = _point_of_arrays(self.bound)
        elif self.bound:
            values = [(leaf, format_number(self.bound[leaf])) for leaf in natural_order(self.bound)
                      if not is_batched(leaf)]  # a batch of data as its m, not its rows; in the inputs' natural
            # order, as a graph lists them, not at='s (a dict built from a set: PYTHONHASHSEED's order, P52-4)
            note = Side(", ".join(f"{text_of(leaf)} = {number}" for leaf, number in values),
                        LIST_SEPARATOR.join(f"{latex_of(leaf)} = {latex_of_printed(number)}" for leaf, number in values))
        elif count_name(self.forward.leaves) is not None and BATCH in self.forward.leaves:  # the input m is another m
            note = Side(f"{text_of(BATCH)} is the number of examples", rf"{latex_of(BATCH)} \text{{ is the number of "
                                                                       "examples}")
        return Section("forward", "Forward", equations, note)

    def _backward_lhs(self, node) -> Side:
        if self.notation == "code" or self.matrix:
            return _side(adjoint_symbol(node))
        return _fraction(self.forward.output.symbol, node)

    def _backward_section(self) -> Section:
        cost = self.forward.output.symbol
        equations = []
        for back in self.backward:
            lhs = self._backward_lhs(back.node)
            if self.notation == "code" or self.matrix:
                equations.append(chain(lhs, _side(back.shown, self.forward),
                                       _number(self._value(adjoint_symbol(back.node)))))
            else:
                equations.append(chain(lhs, _chain_rule(cost, back.node, back), _side(back.value, self.forward),
                                       _number(self._value(adjoint_symbol(back.node)))))
        remarks = zero_slopes_of_undefined(self.backward, self.numbers) if self.bound and not self.matrix else ()
        if self._printed_inputs:
            remarks += (not_finite_in_code(self._printed_parameters(), "formulas' values"),)
        return Section("backward", "Backward (chain rule)", tuple(equations), remarks=remarks)

    def _printed_parameters(self) -> list:
        """The parameters with a line that shows its formula's value beside a compiled number that is not finite: a
        matrix read entry by entry (``W[0, 0]``) by any of its entries' lines (final48e 48e-2)."""
        entries = {back.node: back.entries for back in self.backward if back.entries}
        return [node for node in self.wrt if any(adjoint_symbol(part) in self._printed_inputs
                                                 for part in (node, *entries.get(node, ())))]

    def _gradient_number(self, symbol, formula):
        """The number beside the gradient line: the backward line's, or in float32 the printed ``formula``'s value
        (probe40 P40-7: the chain's float32 products drifted from both the formula and compile)."""
        number = self._value(adjoint_symbol(symbol))
        if not self.bound or self.matrix or program_dtype(self.bound) != "float32" or \
                pole_on_the_way(self.forward.steps, self.numbers):  # scalar steps only: arrays are NumPy's (final37b F37b-1)
            return number
        return formula_value(formula, self.numbers, "float32", number)

    def _gradient_section(self) -> Section:
        cost = self.forward.output.symbol
        equations = []
        for symbol in self.wrt:
            formula = self._shown_gradient(symbol)
            equations.append(chain(_fraction(cost, symbol), _side(formula, self.forward),
                                   _number(self._gradient_number(symbol, formula))))
        return Section("gradient", "Gradient", tuple(equations))

    def sections(self) -> tuple[Section, ...]:
        """The three sections: forward, backward, gradient; the number of examples prints as ``n`` where an input
        is named ``m``."""
        with examples_counted_as(count_name(self.forward.leaves)):
            return (self._forward_section(), self._backward_section(), self._gradient_section())

    # ------------------------------------------------------------ renderers

    def __repr__(self) -> str:
        """``<Derivation of J = w² - 10w + 25 w.r.t. w>``: the cost as typed (its last step, ``J = u - 10w + 25``,
        names steps the repr does not define: probe47 P47-5), cut to one line; a cost too deep to print whole gives
        its last step's line, ``J = sin(u₁₉₂)`` (a repr never raises: debuggers, logs and tracebacks call it)."""
        with distinct_names(self.shown_expressions()):
            names = ", ".join(text_of(symbol) for symbol in self.wrt)
            output = text_of(self.forward.output.symbol)
            try:
                with depth_limit("display"):
                    cost = one_line(f"{output} = {text_of(self.forward.cost)}")
            except DepthLimitError:
                cost = one_line(f"{output} = {text_of(self.forward.output.expression)}")
        return f"<Derivation of {cost} w.r.t. {names}>"

    _repr_pretty_ = Rendered._repr_pretty_  # IPython reads a class's own __repr__ before an inherited _repr_pretty_


def _point_of_arrays(arrays: dict) -> Side | None:
    """``m = 5, λ = 0.3``: the number of examples and the scalar inputs of a matrix derivation's point."""
    count = examples_in(arrays)
    named = ([(text_of(BATCH), latex_of(BATCH), str(count))] if count is not None else []) + [
        (text_of(symbol), latex_of(symbol), format_entry(float(arrays[symbol])))
        for symbol in natural_order(symbol for symbol in arrays if not is_matrix(symbol))]
    if not named:
        return None
    return Side(", ".join(f"{text} = {number}" for text, _, number in named),
                LIST_SEPARATOR.join(f"{latex} = {latex_of_printed(number)}" for _, latex, number in named))


def wrt_symbols(wrt) -> tuple:
    """``wrt`` as a tuple of symbols (one symbol or a list), or a ConfigurationError naming what was given (a set:
    grad's message, :func:`symopt.wrt.refuse_unordered`)."""
    refuse_unordered(wrt)
    symbols = tuple(wrt) if isinstance(wrt, (list, tuple)) else (wrt,)
    for symbol in symbols:
        if not isinstance(symbol, (sympy.Symbol, MatrixSymbol)):
            raise ConfigurationError(with_compat_advice(
                f"wrt: expected symbols (the inputs to differentiate by); given {symbol!r}", symbol, PARAMETER))
    if not symbols:
        raise ConfigurationError("wrt: expected at least one symbol, e.g. derive(cost, [a, b, c])")
    return symbols


@refusing_unknown_keywords
@with_code_rules
@depth_limited("derive")
def derive(cost, wrt, *, at: Mapping | None = None, names: Mapping | None = None, steps: str | None = None,
           notation: str = "fraction", shapes: bool = True):
    """The course's derivation of :math:`\\partial J/\\partial x` for each ``x`` in ``wrt``.

    ``at`` ({symbol or name: number or array}) adds every step's number; ``names``
    ({expression: name}) names intermediate values (then, unless ``steps="all"``, only
    those are steps) and may name the cost; ``notation`` is ``"fraction"`` (dJ/dx) or
    ``"code"`` (dx; NumPy code for a network).  A network whose cost is a mean over the
    batch, :math:`J = \\frac1m \\sum L`, gets the course's vectorized notation
    (:class:`~symopt.display.course.CourseDerivation`, ``shapes`` on every backward line),
    also with penalty terms in its parameters (:math:`+\\frac{\\lambda}{2m}\\sum W^{\\circ 2}` adds
    :math:`\\frac{\\lambda}{m} W` to :math:`dW`).
    The cost is refused exactly where :func:`symopt.grad` refuses it.
    """
    if notation not in NOTATIONS:
        raise ConfigurationError(f"notation: expected one of {NOTATIONS}; given {notation!r}")
    at, names = mapping_argument("at", at), mapping_argument("names", names)
    symbols = wrt_symbols(wrt)
    cost = written_out(cost)  # ops.sigmoid_cross_entropy's node as the course's softplus(z) - y∘z
    names = names if names is None else {written_out(expression): name for expression, name in names.items()}
    authority = grad(cost, list(symbols))  # raises what grad raises, before anything is shown
    refuse_uncompilable(cost)  # and what compile refuses (an IndexedBase entry x[0], a constant beyond float64)
    if steps != "all":
        course = _course(cost, symbols, authority, names, notation, shapes)
        if course is not None:
            return course if at is None else with_values(course, cost, at)
    forward = split(cost, names, steps)
    back = backward(forward, list(symbols))
    if any(tree_size(step.value, TIDY_LIMIT) > TIDY_LIMIT for step in back):
        notation = "code"  # a deep chain: each step written with the adjoints dx of its consumers
    derivation = Derivation(forward, back, symbols, notation)
    _check_abbreviations(forward, back)
    if at is not None and derivation.matrix:
        derivation = Derivation(forward, back, symbols, notation, bind_arrays(cost, at))
        derivation.numbers  # every line's array now, checked against symopt.compile: a disagreement raises here
    elif at is not None:
        derivation = Derivation(forward, back, symbols, notation, bind(at, forward.leaves))
    return derivation


def _check_abbreviations(forward: Forward, back: tuple[BackwardStep, ...]) -> None:
    for expression, symbol in forward.abbreviations:
        if not any(step.shown.has(symbol) or step.value.has(symbol) for step in back):
            raise ConfigurationError(
                f"names: {text_of(forward.in_inputs(expression))} (named {symbol.name!r}) occurs neither in "
                "the cost nor in its derivatives; name a subexpression of the cost")


def _course(cost, symbols: tuple, authority: list, names: Mapping | None, notation: str, shapes: bool):
    """The course's vectorized derivation when ``cost`` is a recognised network, else None."""
    prepared = prepare(cost)
    found = recognised(cost, symbols, prepared)
    if found is None:
        return None
    network, penalty, terms = found
    checked_names(prepared, names)  # as split checks them: no sin, π or Σ as a step's name
    named = {prepare(expression): name for expression, name in (names or {}).items()}
    table, memo = {}, {}  # structure keys: the cost named with its sums in another term order is still the cost
    cost_key = structure_key(prepared, table, memo)
    cost_names = [name for expression, name in named.items() if structure_key(expression, table, memo) == cost_key]
    cost_name = cost_names[0] if cost_names else "J"
    named = {expression: name for expression, name in named.items() if name not in cost_names}
    return course_derivation(network, symbols, dict(zip(symbols, authority)), named, cost_name, shapes,
                             "code" if notation == "code" else "course", penalty, terms)
