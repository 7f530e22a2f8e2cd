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
from ..symbols import BATCH, is_batched, is_matrix, required_symbolic
from ..traversal import contains
from ..wrt import refuse_collapsed_cost, refuse_condition
from .course import CourseDerivation
from .derivation import derive, wrt_symbols
from .notation import text as text_of
from .render import one_line
from .plain_text import pretty_text
from ..compiler import free_inputs
from .numbers import bind_arrays
from .glyphs import distinct_names, format_number, parameter_name, shown_as_typed
from .findings import TINY, Finding
from .matrix_numbers import examples_in
from .graph_nodes import natural_order
from .network_causes import network_findings
from .scalar_explain import generated_gradients, scalar_findings, with_initial_values
from .at_values import mapping_argument

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


def _point(bound: dict) -> str:
    """The point explained: each scalar input's number; with batch data (arrays) the number of examples m."""
    shown = []
    for k in natural_order(bound):  # the inputs' natural order, not the caller's dict's (P52-4)
        v = bound[k]
        if k != BATCH and not is_batched(k) and (not isinstance(v, np.ndarray) or (v.size == 1 and not is_matrix(k))):
            shown.append(f"{text_of(k)} = {format_number(v if not isinstance(v, np.ndarray) else v.item())}")
    examples = examples_in(bound)
    return ", ".join(shown + ([f"m = {examples}"] if examples is not None else []))


# ---------------------------------------------------------------- entry point

@refusing_unknown_keywords
@with_code_rules
@depth_limited("explain")
def explain(cost, wrt, *, at: Mapping | None = None, data: Mapping | None = None) -> Explanation:
    """Why each parameter's gradient is zero, vanishing or not finite at ``at`` (parameters) with ``data``.

    Parameters not in ``at`` take their initial value; placeholders need ``data``.  Returns an
    :class:`Explanation` with one :class:`Finding` per parameter (status, causes, line).
    """
    cost = required_symbolic(cost)
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
            for finding in network_findings(course, cost, arrays):
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
