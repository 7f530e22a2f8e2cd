r"""``explain``: why a parameter's gradient is zero, vanishing or NaN at a point, and on which line.

For each parameter the compiled gradient (:func:`symopt.compile`, the authority) gives its
status: ``fine``, ``zero`` (every entry exactly 0), ``vanishing`` (every entry below
:data:`TINY`), ``partly zero`` (some units' rows are 0, or a weight's entries for inputs that are 0 for every
example: the units of a dead ReLU below it), ``not finite`` (NaN or ∞) or
``unreached`` (the cost does not depend on it).  The cause is then looked up in the
course's derivation of the network (:mod:`.course`), line by line from the parameter's
layer towards the output:

* **dead ReLU** — units whose pre-activation is :math:`\le 0` for every example, so
  :math:`(Z > 0)` is 0 in their rows of ``dZ = Wᵀ dZ ∗ (Z > 0)`` (or of ``dZ = (Z > 0)/k``
  for a ReLU output layer; their columns with examples as rows);
* **saturated** σ/tanh — units where :math:`A(1-A)` or :math:`1-A^2` is below
  :data:`TINY` for every example (an output unit only where it is far from its target);
* **fitted** / **exact fit** — the output's :math:`dZ` is tiny because :math:`A \approx Y` for every example
  (:mod:`.fit`: on separable data the weights grow without bound);
* **zero weights** — :math:`W_{l+1} = 0` makes :math:`W_{l+1}^\top dZ_{l+1} = 0`;
* **log of 0** — the loss takes :math:`\log 0` (a saturated σ with the cross-entropy
  written with logs), and **0·∞** — :math:`\partial L/\partial A = \infty` times
  :math:`\sigma' = 0` gives NaN in the gradient as written;
* **unreached** — no path from the cost to the parameter.

Costs that are not a recognised network get the status of each parameter and, for
scalar costs, a ``relu(v)`` on the parameter's chain with :math:`v \le 0` here (dead ReLU:
relu is off, its derivative ``step(v)`` is 0), a σ or tanh whose derivative is below :data:`TINY` (saturated,
:mod:`.saturation`), else the first backward step that is 0 or not finite.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import sympy

from ..ascii_output import for_stdout
from ..code_rules import with_code_rules
from ..depth import depth_limited
from ..errors import ConfigurationError
from ..keyword_advice import refusing_unknown_keywords
from ..stable import written_out
from ..symbols import BATCH, is_batched, is_matrix
from ..traversal import contains
from ..wrt import refuse_collapsed_cost, refuse_condition
from .course import CourseDerivation, Line
from .derivation import derive, wrt_symbols
from .notation import text as text_of
from .render import one_line
from .plain_text import pretty_text
from ..compiler import free_inputs
from .numbers import bind_arrays, compiled_gradient, line_values
from .glyphs import distinct_names, format_number, parameter_name, shown_as_typed
from .findings import INPUTS, TINY, Finding, parameter_status
from .fit import fit_cause, fitted
from .matrix_numbers import examples_in
from .graph_nodes import natural_order
from .scalar_explain import generated_gradients, scalar_findings, with_initial_values
from .terms import Entrywise, Times, entrywise_value, value
from .at_values import mapping_argument
from . import terms

__all__ = ["explain", "Explanation", "Finding", "TINY"]

@dataclass(frozen=True)
class Explanation:
    """The findings for every parameter; ``str()``, ``_repr_markdown_`` and ``_repr_html_`` show them."""

    findings: tuple[Finding, ...]
    point: str
    as_typed: frozenset = frozenset()  # parameters shown as typed (x1 beside x_1: both would print x₁)
    parameters: tuple = ()  # the symbols, in the order of findings (two of one name: w and w′)

    def finding(self, parameter) -> Finding:
        """The finding of ``parameter`` (a symbol, or a name as the display labels it: ``w``, ``w′``)."""
        if isinstance(parameter, sympy.Basic) and parameter in self.parameters:
            return self.findings[self.parameters.index(parameter)]
        name = str(getattr(parameter, "name", parameter))
        return next(f for f in self.findings if f.parameter == name)

    def _shown(self, parameter: str) -> str:
        return parameter if parameter in self.as_typed else text_of(sympy.Symbol(parameter))

    def text(self) -> str:
        lines = [f"explain ({self.point})"]
        for finding in self.findings:
            lines.append(f"  {self._shown(finding.parameter)}: {finding.detail}")
            lines.extend(f"    {kind}: {message}" for kind, message in finding.causes)
            if finding.line:
                lines.append(f"    at {finding.line}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return for_stdout(self.text())  # print() on a console without Unicode writes the ASCII form

    def __repr__(self) -> str:
        """``<Explanation of w at w = 5>``, not the dataclass's fields (probe47 P47-5)."""
        names = ", ".join(self._shown(finding.parameter) for finding in self.findings)
        return f"<Explanation of {one_line(names)}{f' at {one_line(self.point)}' if self.point else ''}>"

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        """IPython's plain text (a terminal, a console): the text ``str()`` prints, or the ``repr`` within a list or
        dict (:func:`pretty_text`, final42g F42g-9)."""
        pretty_text(self, printer, cycle)

    def _repr_markdown_(self) -> str:
        rows = ["| parameter | gradient | cause | line |", "|---|---|---|---|"]
        for f in self.findings:
            causes = "<br>".join(f"**{kind}**: {_text(message)}" for kind, message in f.causes) or "–"
            rows.append(f"| {_text(self._shown(f.parameter))} | {_text(f.detail)} | {causes} | "
                        f"{'`' + _cell(f.line) + '`' if f.line else '–'} |")
        return f"**explain** ({_text(self.point)})\n\n" + "\n".join(rows) + "\n"

    def _repr_html_(self) -> str:
        cells = []
        for f in self.findings:
            causes = "<br>".join(f"<b>{html.escape(kind)}</b>: {html.escape(message)}" for kind, message in f.causes)
            line = f"<code>{html.escape(f.line)}</code>" if f.line else "–"
            cells.append(f"<tr><td>{html.escape(self._shown(f.parameter))}</td>"
                         f"<td>{html.escape(f.detail)}</td><td>{causes or '–'}</td><td>{line}</td></tr>")
        return (f"<p><b>explain</b> ({html.escape(self.point)})</p><table><tr><th>parameter</th><th>gradient</th>"
                f"<th>cause</th><th>line</th></tr>{''.join(cells)}</table>")


def _cell(text: str) -> str:
    """A Markdown table cell: ``|`` (as in ``|entry|``) escaped so that it does not end the cell."""
    return text.replace("|", "\\|")


def _text(text: str) -> str:
    """Markdown text outside code (a cell, the point): :func:`_cell`, and ``$`` escaped so that a name ``a$b`` opens
    no inline math in Jupyter (probe40 P40-8: a name ``a|b`` split its row into five cells)."""
    return _cell(text).replace("$", "\\$")


# ---------------------------------------------------------------- networks

def _line_text(line: Line) -> str:
    return f"{text_of(line.symbol)} = {terms.text(line.formula)}"


def _unit_axis(course: CourseDerivation) -> int:
    return 0 if course.network.example_axis == 1 else 1


def _activation_name(layer) -> str:
    return type(layer.activation.expr).__name__ if layer.activation is not None else ""


#: Activations whose derivative is exactly 0 for a pre-activation ≤ 0: a unit that is ≤ 0 for every example is dead.
RELU_NAMES = ("relu", "Max")


def _unit_causes(course, layer: int, activation: str, slope: np.ndarray, shown: str) -> list:
    """Dead ReLU units (``g' = 0`` for every example) or saturated σ/tanh units (``|g'| <`` :data:`TINY`) of a layer;
    ``slope`` is :math:`g'(Z_l)` and ``shown`` its formula."""
    axis = course.network.example_axis
    pre = next(l.symbol for l in course.forward if l.layer == layer and l.kind == "forward")
    slope = np.abs(slope)
    units, examples = slope.shape[1 - axis], slope.shape[axis]
    where = "rows" if axis == 1 else "columns"
    if activation in RELU_NAMES:
        dead = np.all(slope == 0, axis=axis)
        if dead.any():
            return [("dead ReLU", f"{int(dead.sum())} of {units} units of {text_of(pre)} are ≤ 0 for all {examples} "
                                  f"examples, so {shown} is 0 in their {where}")]
        return []
    flat = np.all(slope < TINY, axis=axis)
    if flat.any():
        return [("saturated", f"{int(flat.sum())} of {units} units of {text_of(pre)} saturate ({activation}) for all "
                              f"{examples} examples: {shown} < {TINY:g}")]
    return []


def _hidden_causes(course, line: Line, arrays: dict, dimensions: dict) -> list:
    """Dead, saturated or zero-weight causes in ``dZ = (back) ∗ g'``."""
    causes = []
    layer = course.network.layers[line.layer - 1]
    pre = next(l.symbol for l in course.forward if l.layer == line.layer and l.kind == "forward")
    if isinstance(line.formula, Times):
        back, rule = line.formula.left, line.formula.right
        slope = np.asarray(value(rule, arrays, dimensions))
        causes.extend(_unit_causes(course, line.layer, _activation_name(layer), slope, terms.text(rule)))
    else:
        back = line.formula
    weight = course.network.layers[line.layer].weight if line.layer < len(course.network.layers) else None
    if weight is not None and not np.any(arrays[weight]):
        causes.append(("zero weights", f"{text_of(weight)} = 0, so {terms.text(back)} = 0 and no signal reaches "
                                       f"{text_of(pre)}; initialise {text_of(weight)} with small random numbers"))
    elif weight is not None:  # some units' weights above are all 0: their columns of dZ W_{l+1}ᵀ are 0
        axis = course.network.example_axis
        silent = np.all(np.asarray(arrays[weight]) == 0, axis=1 - axis)
        if silent.any():
            mine, theirs = ("rows", "columns") if axis == 0 else ("columns", "rows")
            causes.append(("zero weights", f"{int(silent.sum())} of {silent.size} units of {text_of(pre)} have zero "
                           f"weights above: {text_of(weight)} is 0 in their {mine}, so {terms.text(back)} is 0 in "
                           f"their {theirs}; initialise {text_of(weight)} with small random numbers"))
    return causes


def _output_causes(course, arrays: dict, dimensions: dict) -> list:
    """On the last layer: log of 0 in the loss, a saturated output, 0·∞ in the gradient as written."""
    causes = []
    loss_line = course.forward[-1]
    loss = loss_line.formula
    stand_ins = {scalar: arrays[matrix] for scalar, matrix in loss.matrices}
    cost_is = ("NaN (0·log 0 where the log's factor is 0)" if np.isnan(arrays[loss_line.symbol]).any() else "∞")
    for argument in sorted({log.args[0] for log in loss.expression.atoms(sympy.log)}, key=str):
        values = entrywise_value(argument, stand_ins, dimensions)
        zero = np.broadcast_to(values, np.shape(arrays[loss_line.symbol])) <= 0
        if zero.any():
            shown = terms.text(Entrywise(argument, loss.matrices, loss.shape))
            causes.append(("log of 0", f"{shown} = 0 in {int(zero.sum())} of {zero.size} entries, so "
                                       f"log({shown}) = -∞ and the cost is {cost_is}"))
    rate = _as_written_factors(course, arrays, dimensions)
    if rate is not None:
        outer, inner, shown_outer, shown_inner = rate
        activation = type(course.forward[-2].formula.expression).__name__
        if activation in RELU_NAMES:
            causes.extend(_unit_causes(course, len(course.network.layers), activation, inner, shown_inner))
            return causes
        output_adjoint = np.abs(arrays[next(line.symbol for line in course.backward if line.kind == "dZ")])
        matches = fitted(course, arrays)
        matches = np.zeros(np.shape(inner), dtype=bool) if matches is None else np.broadcast_to(matches, inner.shape)
        flat = (np.abs(inner) < TINY) & (output_adjoint < TINY) & ~matches  # a fitted example is not saturated
        if flat.any():
            others = int(np.sum(matches & (output_adjoint < TINY)))
            causes.append(("saturated", f"the output saturates: {shown_inner} < {TINY:g} in {int(flat.sum())} of "
                                        f"{flat.size} entries, and dZ with it"
                                        + (f"; the other {others} are fitted (A ≈ Y)" if others else "")))
        product = np.isinf(outer) & (inner == 0)
        if product.any():
            causes.append(("0·∞", f"{shown_outer} is ∞ and {shown_inner} is 0 in {int(product.sum())} entries: the "
                                  "gradient of the cost as written is NaN there; the course's simplified dZ avoids "
                                  "it (write the cost with ops.sigmoid_cross_entropy)"))
    return causes


def _as_written_factors(course, arrays: dict, dimensions: dict):
    """``∂L/∂A`` and ``g'(Z)`` of the last layer, evaluated separately (their product is dZ as written)."""
    network = course.network
    loss = course.forward[-1].formula
    output = [scalar for scalar, matrix in loss.matrices if matrix == course.forward[-2].symbol]
    if network.softmax or not output or course.forward[-2].formula == loss:
        return None
    a = output[0]
    activation_formula = course.forward[-2].formula
    if not isinstance(activation_formula, Entrywise):
        return None
    z, zeta = activation_formula.matrices[0]
    rate = sympy.diff(loss.expression, a)
    slope = sympy.diff(activation_formula.expression, z).xreplace({activation_formula.expression: a})
    stand_ins = {scalar: arrays[matrix] for scalar, matrix in loss.matrices}
    stand_ins[z] = arrays[zeta]
    shape = np.shape(arrays[course.forward[-1].symbol])
    outer = np.broadcast_to(entrywise_value(rate, stand_ins, dimensions), shape)
    inner = np.broadcast_to(entrywise_value(slope, stand_ins, dimensions), shape)
    named = loss.matrices
    return (outer, inner, f"∂L/∂{text_of(course.forward[-2].symbol)} = "
            f"{terms.text(Entrywise(rate, named, loss.shape))}",
            f"{_derivative_text(terms.text(activation_formula))} = {terms.text(Entrywise(slope, named, loss.shape))}")


def _derivative_text(applied: str) -> str:
    """``σ'(Z)`` of ``σ(Z)``: the prime after the function's name."""
    name, bracket, rest = applied.partition("(")
    return f"{name}'({rest}" if name and bracket else f"({applied})'"


def _network_findings(course: CourseDerivation, cost, arrays: dict) -> list:
    network = course.network
    examples = arrays[network.layers[0].inputs].shape[network.example_axis]
    dimensions = {BATCH: examples}
    values = line_values(course, arrays, dimensions)
    _, compiled = compiled_gradient(cost, course.wrt, arrays)
    dz_lines = {line.layer: line for line in course.backward if line.kind == "dZ"}
    causes_at = {layer: (_output_causes(course, values, dimensions) if layer == len(network.layers)
                         else _hidden_causes(course, line, values, dimensions))
                 for layer, line in dz_lines.items()}
    output_line = next((line for line in course.backward if line.kind == "dZ"), None)
    fit = None if output_line is None else fit_cause(course, output_line, values)  # the same for every parameter
    findings = []
    for parameter, gradient in compiled.items():
        line = course.gradient_line(parameter)
        is_bias = line.kind == "db"
        unit_axis = None if is_bias and gradient.size == 1 else _unit_axis(course)
        slope = None if is_matrix(parameter) else f"d{course.cost_name}/d{text_of(parameter)}"
        status, detail = parameter_status(gradient, slope, unit_axis, None if is_bias else 1 - unit_axis)
        causes, at = [], None
        if status != "fine" and not is_bias:
            causes, at = _zero_input(course, line, values, detail.endswith(INPUTS)), _line_text(line)
        if status != "fine" and not causes:
            for layer in range(line.layer, len(network.layers) + 1):
                found = [c for c in causes_at.get(layer, []) if _explains(c[0], status)]
                if found:
                    causes, at = found, _line_text(dz_lines[layer])
                    break
        if status in ("zero", "vanishing") and not causes:
            if fit is not None:  # the output layer's dZ is tiny: every layer's is, and the fit is the cause
                causes, at = [fit], _line_text(output_line)
            else:
                causes, at = _small_or_cancelled(course, line, dz_lines.get(line.layer), values)
        findings.append(Finding(parameter_name(parameter), status, detail, tuple(causes), at))
    return findings


def _small_or_cancelled(course: CourseDerivation, line: Line, dz_line: Line | None, values: dict) -> tuple:
    """``(causes, line)`` of a gradient that is 0 or vanishing with no factor 0 where the output is not fitted
    (:func:`~.fit.fit_cause`: then the fit is the cause): its layer's ``dZ`` is itself tiny (the signal shrank
    through the layers above, each multiplying by ``Wᵀ`` and an activation's slope), or the examples' contributions
    cancel in the sum."""
    largest = float(np.max(np.abs(values[dz_line.symbol]))) if dz_line is not None else None
    if largest is not None and largest < TINY:
        above = len(course.network.layers) - line.layer
        return [("vanishing through depth", f"{text_of(dz_line.symbol)} is already at most {largest:.2g}: each of "
                 f"the {above} layers above multiplies it by Wᵀ and its activation's slope, and the product of "
                 "those factors, none of them 0, is tiny")], _line_text(dz_line)
    return [("cancellation", "no factor of the chain is 0 here: the examples' contributions cancel in the sum")], \
        _line_text(line)


def _zero_input(course: CourseDerivation, line: Line, values: dict, some_units: bool = False) -> list:
    """``A = 0`` for every example makes ``dW = (1/m) dZ Aᵀ = 0``; with ``some_units``, the units of ``A`` that are 0
    for every example (a dead ReLU below) make their columns of ``dW`` 0 (their rows, with examples as rows)."""
    inputs = course.network.layers[line.layer - 1].inputs if line.layer == 1 else \
        next(l.symbol for l in course.forward if l.layer == line.layer - 1 and isinstance(l.formula, Entrywise))
    if some_units:
        axis = course.network.example_axis
        zero = np.all(values[inputs] == 0, axis=axis)
        if not zero.any():
            return []
        below = course.network.layers[line.layer - 2] if line.layer > 1 else None
        kind = "dead ReLU" if below is not None and _activation_name(below) in RELU_NAMES else "zero input"
        where = "columns" if axis == 1 else "rows"
        return [(kind, f"{int(zero.sum())} of {zero.size} units of {text_of(inputs)} are 0 for all "
                       f"{values[inputs].shape[axis]} examples, so {_line_text(line)} is 0 in their {where}")]
    if np.any(values[inputs]):
        return []
    return [("zero input", f"{text_of(inputs)} = 0 for every example, so {_line_text(line)} = 0")]


def _point(bound: dict) -> str:
    """The point explained: each scalar input's number; with batch data (arrays) the number of examples m."""
    shown = []
    for k in natural_order(bound):  # the inputs' natural order, not the caller's dict's (P52-4)
        v = bound[k]
        if k != BATCH and not is_batched(k) and (not isinstance(v, np.ndarray) or (v.size == 1 and not is_matrix(k))):
            shown.append(f"{text_of(k)} = {format_number(v if not isinstance(v, np.ndarray) else v.item())}")
    examples = examples_in(bound)
    return ", ".join(shown + ([f"m = {examples}"] if examples is not None else []))


def _explains(kind: str, status: str) -> bool:
    if status == "not finite":
        return kind in ("log of 0", "0·∞")
    return kind in ("dead ReLU", "saturated", "zero weights")


# ---------------------------------------------------------------- entry point

@refusing_unknown_keywords
@with_code_rules
@depth_limited("explain")
def explain(cost, wrt, *, at: Mapping | None = None, data: Mapping | None = None) -> Explanation:
    """Why each parameter's gradient is zero, vanishing or not finite at ``at`` (parameters) with ``data``.

    Parameters not in ``at`` take their initial value; placeholders need ``data``.  Returns an
    :class:`Explanation` with one :class:`Finding` per parameter (status, causes, line).
    """
    refuse_condition(cost)  # sympy.true is a condition, not a cost that depends on nothing
    refuse_collapsed_cost(cost)  # w**2 + nan is nan: not a cost that depends on nothing either
    symbols = list(wrt_symbols(wrt))
    cost = written_out(cost)  # ops.sigmoid_cross_entropy's node as the course's softplus(z) - y∘z
    with distinct_names([cost, *symbols]):  # x1 beside x_1, pi_ beside π: shown as typed
        return _explanation(cost, symbols, {**(mapping_argument("data", data) or {}),
                                            **(mapping_argument("at", at) or {})})


def _explanation(cost, symbols: list, point: dict) -> Explanation:
    free = set(free_inputs([cost]))
    unreached = [s for s in symbols if s not in free]
    reached = [s for s in symbols if s in free]
    findings = {parameter_name(s): Finding(parameter_name(s), "unreached", "0 for every value: the cost does not depend on it",
                                     (("unreached", f"no path from the cost to {text_of(s)}; it is never updated"),))
                for s in unreached}
    if reached:
        matrix = any(isinstance(s, sympy.MatrixSymbol) for s in reached)
        if matrix:
            arrays = bind_arrays(cost, point)
            course = derive(cost, reached)
            if not isinstance(course, CourseDerivation):
                names = ", ".join(text_of(s) for s in reached if isinstance(s, sympy.MatrixSymbol))
                summed = contains(cost, BATCH) and not contains(cost, 1 / BATCH)  # data, but no 1/m anywhere
                batch = " (a sum over the examples: average it with ops.mean)" if summed else ""
                raise ConfigurationError(
                    f"explain: expected a network with a mean cost J = (1/m) Σ L, or a cost of scalar parameters; "
                    f"given a cost of the matrix parameter(s) {names} that is neither{batch}. Use "
                    "symopt.derive(cost, wrt) for its steps and symopt.evaluate(derive(...).gradient[W], values) for "
                    "their numbers.")
            for finding in _network_findings(course, cost, arrays):
                findings[finding.parameter] = finding
            examples = arrays[course.network.layers[0].inputs].shape[course.network.example_axis]
            where = f"m = {examples}"
        else:
            given = with_initial_values(point, reached + free_inputs([cost]))
            derivation = derive(cost, reached, at=given)
            for finding in scalar_findings(derivation, reached, generated_gradients(cost, derivation, given, reached)):
                findings[finding.parameter] = finding
            where = _point(derivation.bound)
    else:
        where = "any point"
    return Explanation(tuple(findings[parameter_name(s)] for s in symbols), where,
                       frozenset(str(s.name) for s in symbols if shown_as_typed(str(s.name))), tuple(symbols))
