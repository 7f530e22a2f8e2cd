r"""``graph``: the computation graph of a cost, drawn the two ways the lecture draws it.

``style="values"``
    one node per forward step, labelled by what it computes (``u = bc``); with
    ``at`` also by its number and its gradient (``u = bc = 6``, ``dJ/du = 3``, the
    derivation's notation).
``style="ops"``
    one node per operation, labelled by the operation as TensorFlow's documentation
    draws it (:data:`OPERATION_RULES`: ``×``, ``+``, ``−``, ``÷``, ``neg``, ``square``,
    ``sqrt``, ``pow``, ``exp``, ``log``, ``σ``, ``matmul``, ``∘``, ``sum``, ...), with
    inputs labelled by name and constants by value.

One :class:`Graph` serves both: ``graph(J, style="ops")``, or ``g.with_style("ops")``
for the other drawing of the same graph.  Renderings: :meth:`Graph.svg` (our own
layered layout, inputs on the left, the cost on the right), :meth:`Graph.dot` (DOT
text; no Graphviz needed to produce it), :meth:`Graph.png` (with matplotlib) and
``str()`` (one line per node, with the nodes it reads after ``←``).  Shared
subexpressions are one node; inputs are listed in natural order (``W₁`` before ``W₂``).

In a notebook a graph is an ``<img>`` of its SVG (``text/html``, which JupyterLab shows
even in an untrusted notebook, where it refuses ``image/svg+xml``), scaled down to the
width of the output area; the bundle also carries ``image/svg+xml`` for other front ends.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import sympy
from sympy.core.cache import clear_cache
from sympy.functions.elementary.piecewise import ExprCondPair

from ..ascii_output import for_stdout
from ..compiler import free_inputs
from ..code_rules import with_code_rules
from ..depth import depth_limit
from ..derivative_refusals import ORDER_ADVICE
from ..errors import ConfigurationError, UnsupportedOperationError
from ..keyword_advice import refusing_unknown_keywords
from ..float_literals import float_literal
from ..stable import written_out
from ..symbols import is_matrix, required_symbolic
from ..traversal import postorder
from .graph_nodes import GraphNode, values_nodes
from .graph_ops import NAMED_OPERATIONS, OPERATION_RULES, ops_nodes
from .layers import layer_names
from .glyphs import distinct_names
from .notation import count_name, examples_counted_as, text
from .plain_text import pretty_text
from .prepared import prepare
from .steps import split
from .png import render_png
from .svg import FONT_SIZE, render_svg
from .at_values import bind, mapping_argument
from ..wrt import check_real, refuse_collapsed_cost, refuse_condition

__all__ = ["graph", "refuse_uncompilable", "Graph", "GraphNode", "STYLES", "OPERATION_RULES", "NAMED_OPERATIONS"]

STYLES = ("values", "ops")
#: The smallest scale of a graph in a notebook: its 14-pixel labels stay at least 9 pixels high.
MIN_SCALE = 9 / FONT_SIZE


# ---------------------------------------------------------------- the object

@dataclass(frozen=True)
class Graph:
    """The computation graph of ``expr`` in one ``style``; renders as SVG, DOT and text.

    ``at`` ({symbol or name: number}) adds values and gradients to the "values" style
    (``graph(..., style="ops", at=...)`` is refused; an "ops" drawing made by :meth:`with_style` keeps them
    for the way back); ``names`` and ``steps`` choose its steps as :func:`symopt.display.derive` does.  The "ops" style draws every operation and names
    the ones in ``names`` (``Z₁: +``).
    """

    expr: sympy.Basic
    style: str = "values"
    at: Mapping | None = field(default=None, compare=False)
    names: Mapping | None = field(default=None, compare=False)
    steps: str | None = None

    def __post_init__(self):
        if self.style not in STYLES:
            raise ConfigurationError(f"style: expected one of {STYLES}; given {self.style!r}")
        if self.at is not None and self.style == "values":  # the point checked now, not when first drawn
            forward = self._forward()[0]
            _check_scalar_steps(forward)
            bind(self.at, forward.leaves)

    def with_style(self, style: str) -> Graph:
        """The same graph drawn in the other ``style`` (``"values"`` or ``"ops"``); the numbers of ``at`` are kept
        for the "values" drawing (the "ops" drawing shows none)."""
        return replace(self, style=style)

    def nodes(self) -> tuple[GraphNode, ...]:
        """The nodes in forward order: inputs (and constants) before the operations that read them; found once per
        graph (``str()``, ``svg()`` and ``dot()`` of a deep network draw the same nodes)."""
        if "_nodes" not in self.__dict__:
            object.__setattr__(self, "_nodes", self._find_nodes())
        return self.__dict__["_nodes"]

    def _find_nodes(self) -> tuple[GraphNode, ...]:
        with depth_limit("graph", self.expr):
            forward, shown = self._forward()
            # n where an input is named m; x1 beside x_1 as typed, a second symbol named W as W′ (probe6 P20)
            with examples_counted_as(count_name(forward.leaves)), distinct_names([self.expr]):
                return self._nodes(forward, shown)

    def _nodes(self, forward, shown: set) -> tuple[GraphNode, ...]:
        if self.style == "values":
            return tuple(values_nodes(forward, self.at))
        owners = [leaf.parent if hasattr(leaf, "parent") else leaf for leaf in forward.leaves]
        taken = {text(leaf) for leaf in forward.leaves} | {str(owner.name) for owner in owners}
        named = {step.source: str(step.symbol.name) for step in forward.steps[:-1]}  # the values drawing's names
        return tuple(ops_nodes(prepare(self.expr), text(forward.output.symbol), taken,
                               {source: name for source, name in named.items() if name in shown},
                               {source: name for source, name in named.items() if name not in shown}))

    def _forward(self):
        """The values drawing's steps, and the names drawn in the ops style too: ``names`` and, for a recognised
        network, the derivation's layer names (``Z1``, ``A1``, ...; a name of ``names`` wins)."""
        user = dict(self.names or {})
        steps = self.steps or ("named" if user else "all")
        layers = {expression: name for expression, name in layer_names(self.expr).items()
                  if name not in user.values() and prepare(expression) not in {prepare(key) for key in user}}
        if layers:
            forward = split(self.expr, {**layers, **user}, steps)
            missing = {str(symbol.name) for _, symbol in forward.abbreviations}
            layers = {expression: name for expression, name in layers.items() if name not in missing}
        forward = split(self.expr, {**layers, **user}, steps)
        if forward.abbreviations:
            expression = forward.in_inputs(forward.abbreviations[0][0])
            raise ConfigurationError(f"names: {text(expression)} does not occur in the cost; name a subexpression")
        return forward, set(layers.values()) | {str(name) for name in user.values()}

    def text(self) -> str:
        """One line per node: its label, then ``← inputs`` (constants by value, the rest by name)."""
        nodes = self.nodes()
        shown = {node.id: node.lines[0] if node.kind == "constant" else node.id for node in nodes}
        lines = []
        for node in nodes:
            label = node.lines[0] if self.style == "ops" else ", ".join(node.lines)
            if node.kind == "operation" and self.style == "ops":
                label = f"{node.id}: {label}"
            reads = ", ".join(shown[source] for source in node.inputs)
            lines.append(label + (f"  ← {reads}" if reads else ""))
        return "\n".join(lines)

    def __str__(self) -> str:
        return for_stdout(self.text())  # print() on a console without Unicode writes the ASCII form

    def dot(self) -> str:
        """DOT text (Graphviz's language), left to right; render it with any DOT tool."""
        shapes = {"input": "ellipse", "constant": "plaintext", "operation": "box"}
        nodes = self.nodes()
        lines = [f"digraph {_quote(nodes[-1].id)} {{", "    rankdir=LR;", '    node [fontname="Helvetica"];']
        for node in nodes:
            label = _quote("\n".join(node.lines))
            lines.append(f"    {_quote(node.id)} [label={label}, shape={shapes[node.kind]}];")
        for node in nodes:
            lines.extend(f"    {_quote(source)} -> {_quote(node.id)};" for source in node.inputs)
        return "\n".join(lines + ["}"]) + "\n"

    def svg(self) -> str:
        """A standalone SVG drawing (well-formed XML)."""
        return render_svg(self.nodes())

    _repr_svg_ = svg

    def png(self) -> bytes:
        """The drawing as PNG bytes (needs matplotlib: ``pip install 'symopt[plot]'``)."""
        return render_png(self.nodes())

    def html(self) -> str:
        """What a notebook shows: a box as wide as its container around an ``<img>`` of the SVG, as wide as the box
        but never drawn below :data:`MIN_SCALE` of its own size: a wider graph scrolls sideways in the box."""
        return _html_image(self.svg(), f"computation graph of {self.cost_text()}")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        svg = self.svg()
        return {"text/html": _html_image(svg, f"computation graph of {self.cost_text()}"),
                "image/svg+xml": svg, "text/plain": str(self)}

    def __repr__(self) -> str:
        return f"<Graph of {self.cost_text()}, style={self.style!r}>"

    def cost_text(self) -> str:
        """The cost in text for ``repr`` and the drawing's alt text; one too deep to print whole (a network of 150
        layers) as its last node reads and the number of nodes: ``J = sum(u₂₉₃) (452 nodes)``."""
        try:
            with distinct_names([self.expr]):  # 3b·c + bc, never 3bc beside the input bc (final43d F43d-3)
                return text(self.expr)
        except RecursionError:
            clear_cache()  # an interrupted SymPy query may have cached partial answers
            nodes = self.nodes()
            return f"{' '.join(nodes[-1].lines)} ({len(nodes)} nodes)"

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        """IPython's plain text: every node as ``str()`` lists it, or the ``repr`` within a list or dict
        (:func:`pretty_text`)."""
        pretty_text(self, printer, cycle)


def _check_scalar_steps(forward) -> None:
    """``at=`` draws one number per step: refused, where it is given, for a cost with matrix steps (a network),
    whose steps hold arrays; matrix inputs of scalar steps (``x[0, 0]*w**2``, ``(wᵀx)[0, 0]``) are drawn."""
    matrices = [step for step in forward.steps if is_matrix(step.symbol)]
    if matrices:
        raise ConfigurationError(
            "at: a graph draws one number per node, so numbers are drawn for costs whose steps are scalars; this "
            f"cost has matrix steps ({text(matrices[0].symbol)} = {text(matrices[0].expression)}, ...). For the "
            "arrays of a matrix model use symopt.derive(cost, wrt, at=...) (every line's array), or draw "
            "symopt.graph(cost) without at=")


def _html_image(svg: str, alt: str) -> str:
    """An ``<img>`` of ``svg`` as wide as the output area, but no narrower than :data:`MIN_SCALE` of its own width
    (and no wider than it): a wider graph scrolls sideways in its box, its labels still legible (probe59 P59-4)."""
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    width = float(re.search(r'width="([\d.]+)"', svg).group(1))
    return (f'<div class="symopt-graph-box" style="overflow-x: auto; max-width: 100%">'
            f'<img class="symopt-graph" src="data:image/svg+xml;base64,{encoded}" alt="{html.escape(alt)}" '
            f'style="width: clamp({MIN_SCALE * width:.0f}px, 100%, {width:.0f}px); max-width: none; height: auto">'
            '</div>')


def _quote(text_value: str) -> str:
    return '"' + text_value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@refusing_unknown_keywords
@with_code_rules
def graph(expr, style: str = "values", *, at: Mapping | None = None, names: Mapping | None = None,
          steps: str | None = None) -> Graph:
    """The computation graph of ``expr``, labelled by ``style`` ``"values"`` (``u = bc``) or ``"ops"`` (``×``).
    A cost :func:`symopt.compile` refuses before differentiating (the constant I, an ``IndexedBase`` entry, an
    unevaluated ``Derivative``, a condition) is refused with the same error."""
    expr = written_out(required_symbolic(expr))  # ops.sigmoid_cross_entropy's node as the course's softplus(z) - y∘z
    refuse_uncompilable(expr)
    if style == "ops" and at is not None:
        raise ConfigurationError('at: numbers are drawn in the "values" style only; drop at= or use style="values" '
                                 '(g.with_style("ops") of a graph with at= draws its operations)')
    return Graph(expr, style, mapping_argument("at", at), mapping_argument("names", names), steps)


def refuse_uncompilable(expr) -> None:
    """Raise what :func:`symopt.compile` raises for ``expr`` whatever it is differentiated by."""
    refuse_condition(expr)
    refuse_collapsed_cost(expr)
    if isinstance(expr, sympy.Basic):
        check_real([expr], "the cost")
        free_inputs([expr])
        _refuse_unrepresentable_constants(expr)
        _refuse_undrawable_nodes(expr)


def _refuse_undrawable_nodes(expr) -> None:
    """Raise what compile raises (before any step is split or numbered) for a series' ``O()`` term, a set condition
    (``Contains(x, Integers)``: sympy.stats' discrete pmfs; a symbol read as a truth value is refused by
    :func:`~symopt.compiler.free_inputs`): the displays raised
    SymPy's bare ``TypeError`` rebuilding them with a step symbol or a number (probe35 P35-3, P35-5, P35-10)."""
    nodes = postorder([expr])
    sets = [node for node in nodes if isinstance(node, sympy.Contains)] or \
        [node for node in nodes if isinstance(node, sympy.Set)]
    for node in [*sets, *nodes]:
        if isinstance(node, sympy.Order):
            raise UnsupportedOperationError(f"{ORDER_ADVICE} (in {str(expr)[:80]})")
        if isinstance(node, (sympy.Contains, sympy.Set)):
            raise UnsupportedOperationError(
                f"expected a condition that compares numbers; given {node} in {str(expr)[:80]}: symopt computes no "
                "set membership (no code printer for it). Write the test as a comparison, e.g. "
                "sympy.Eq(x, sympy.floor(x)) for x in Integers, or drop it where the data always satisfy it.")


def _refuse_unrepresentable_constants(expr) -> None:
    """Raise what the code printer raises for a constant float64 cannot hold (``Float("1e400")``, ``exp(1000)``):
    each Float, Rational and largest numeric subexpression goes through :func:`~symopt.float_literals.float_literal`,
    as the printer writes it.  A display of such a cost showed exact numbers of a cost compile refuses."""
    numeric = {}
    for node in postorder([expr]):
        numeric[id(node)] = isinstance(node, sympy.Expr) and not isinstance(node, (sympy.Symbol, sympy.MatrixSymbol)) \
            and not is_matrix(node) and all(numeric[id(argument)] for argument in node.args)
    stack, seen = [expr], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ExprCondPair) and node.expr in (sympy.oo, -sympy.oo):  # a barrier branch, printed as
            stack.append(node.cond)  # numpy.inf by compile (function_printing's _branch): probe35 P35-4
            continue
        if isinstance(node, (sympy.Float, sympy.Rational)) or node in (sympy.S.Infinity, sympy.S.NegativeInfinity) \
                or numeric[id(node)] and not node.is_Atom and node.is_real:  # oo: probe23 P23-3
            float_literal(node)
        elif not numeric[id(node)]:
            stack.extend(node.args)
