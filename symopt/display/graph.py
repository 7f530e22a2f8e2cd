r"""``graph``: the computation graph of a cost, drawn the two ways the lecture draws it.

``style="values"``
    one node per forward step, labelled by what it computes (``u = bc``); with
    ``at`` also by its number and its gradient (``u = bc = 6``, ``∂J/∂u = 3``).
``style="ops"``
    one node per operation, labelled by the operation as TensorFlow's documentation
    draws it (:data:`OPERATION_RULES`: ``×``, ``+``, ``−``, ``÷``, ``neg``, ``square``,
    ``sqrt``, ``pow``, ``exp``, ``log``, ``σ``, ``matmul``, ``∘``, ``sum``, ...), with
    inputs labelled by name and constants by value.

One :class:`Graph` serves both: ``graph(J, style="ops")``, or ``g.with_style("ops")``
for the other drawing of the same graph.  Renderings: :meth:`Graph.svg` (our own
layered layout, inputs on the left, the cost on the right), :meth:`Graph.dot` (DOT
text; no Graphviz needed to produce it) and ``str()`` (one line per node, with the
nodes it reads after ``←``).  Shared subexpressions are one node.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import sympy
from sympy import (
    Add,
    HadamardPower,
    HadamardProduct,
    MatAdd,
    MatMul,
    Mul,
    Pow,
    Transpose,
)
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from ..nodes import lambda_parts
from ..errors import ConfigurationError
from ..nodes import matmul
from ..symbols import is_matrix
from .backward import backward
from .glyphs import format_number, pretty_name
from .notation import text
from .ordering import factor_rank
from .steps import Forward, fresh_names, is_input, operands, prepare, split
from .svg import render_svg
from .values import bind, evaluate

__all__ = ["graph", "Graph", "GraphNode", "STYLES", "OPERATION_RULES", "NAMED_OPERATIONS"]

STYLES = ("values", "ops")


@dataclass(frozen=True)
class GraphNode:
    """A drawn node: ``kind`` is ``"input"``, ``"constant"`` or ``"operation"``; ``inputs`` are node ids."""

    id: str
    lines: tuple[str, ...]
    kind: str
    inputs: tuple[str, ...] = ()


# ---------------------------------------------------------------- operation labels

def _add_rule(node):
    terms = list(node.args) if isinstance(node, MatAdd) else list(node.as_ordered_terms())
    negative = [term for term in terms if term.could_extract_minus_sign()]
    if len(terms) == 2 and len(negative) == 1:
        positive = terms[0] if terms[1] is negative[0] else terms[1]
        return "−", [positive, -negative[0]]
    return "+", terms


def _mul_rule(node):
    numerator = [f for f in node.args if not (f.is_Pow and f.exp.is_Number and f.exp < 0)]
    denominator = [1 / f for f in node.args if f.is_Pow and f.exp.is_Number and f.exp < 0]
    if denominator:
        return "÷", [Mul(*numerator), Mul(*denominator)]
    coefficient, rest = node.as_coeff_Mul()
    if coefficient == -1:
        return "neg", [rest]
    factors = sorted(Mul.make_args(rest), key=factor_rank)
    return "×", ([coefficient] if coefficient != 1 else []) + factors


def _pow_rule(node):
    base, exponent = node.args
    if exponent == 2:
        return "square", [base]
    if exponent == sympy.S.Half:
        return "sqrt", [base]
    if exponent == -1:
        return "÷", [sympy.S.One, base]
    return "pow", [base, exponent]


def _matmul_rule(node):
    coefficient, matrices = node.as_coeff_matrices()
    if coefficient == -1:
        return "neg", [matmul(*matrices)]
    if coefficient != 1:
        return "×", [coefficient, matmul(*matrices)]
    return "matmul", list(matrices)


def _function_name(function) -> str:
    name = type(function).__name__ if not isinstance(function, type) else function.__name__
    return {"sigmoid": "σ"}.get(name, name)


def _elementwise_rule(node):
    bound, body = lambda_parts(node.function)
    if isinstance(body, sympy.Function) and body.args == (bound,):
        return _function_name(body.func), [node.expr]
    return "map", [node.expr]


#: The label and operands of each node class, as the "ops" style draws it.
OPERATION_RULES: dict[type, Callable] = {
    Add: _add_rule,
    MatAdd: _add_rule,
    Mul: _mul_rule,
    Pow: _pow_rule,
    MatMul: _matmul_rule,
    HadamardProduct: lambda node: ("∘", list(node.args)),
    HadamardPower: lambda node: _pow_rule(node) if node.exp != -1 else ("pow", [node.base, node.exp]),
    Transpose: lambda node: ("transpose", [node.arg]),
    ElementwiseApplyFunction: _elementwise_rule,
    sympy.Function: lambda node: (_function_name(node.func), list(node.args)),
}


#: Labels of symopt's own nodes and other classes drawn by the generic rule.
NAMED_OPERATIONS = {"ElementSum": "sum", "LogSumExp": "logsumexp", "Trace": "trace"}


def _operation(node):
    """``(label, operands)``: a rule from :data:`OPERATION_RULES`, else the class name over the non-numeric arguments."""
    for cls in type(node).__mro__:
        if cls in OPERATION_RULES:
            return OPERATION_RULES[cls](node)
    name = type(node).__name__
    return NAMED_OPERATIONS.get(name, name.lower()), [arg for arg in operands(node) if not arg.is_number]


# ---------------------------------------------------------------- node lists

class _Ids:
    """Unique node ids: a name, then the name with primes when taken."""

    def __init__(self):
        self.used: set = set()

    def __call__(self, name: str) -> str:
        while name in self.used:
            name += "′"
        self.used.add(name)
        return name


def _values_nodes(forward: Forward, at) -> list[GraphNode]:
    ids, numbers, gradients = _Ids(), {}, {}
    if at is not None:
        if any(is_matrix(step.symbol) for step in forward.steps):
            raise ConfigurationError("at: numbers are drawn for scalar costs only")
        bound = bind(at, forward.leaves)
        numbers = {step.symbol: evaluate(step.source, bound) for step in forward.steps}
        numbers.update(bound)
        scalar_leaves = [leaf for leaf in forward.leaves if not is_matrix(leaf)]
        gradients = {b.node: evaluate(b.in_inputs, bound) for b in backward(forward, scalar_leaves)}
    cost = text(forward.output.symbol)
    node_id = {}

    def lines(first: str, symbol) -> tuple[str, ...]:
        label = first + (f" = {format_number(numbers[symbol])}" if symbol in numbers else "")
        gradient = [f"∂{cost}/∂{text(symbol)} = {format_number(gradients[symbol])}"] if symbol in gradients else []
        return (label, *gradient)

    nodes = []
    for leaf in forward.leaves:
        node_id[leaf] = ids(text(leaf))
        nodes.append(GraphNode(node_id[leaf], lines(text(leaf), leaf), "input"))
    for step in forward.steps:
        node_id[step.symbol] = ids(text(step.symbol))
        first = f"{text(step.symbol)} = {text(step.expression, step_order=forward.order)}"
        nodes.append(GraphNode(node_id[step.symbol], lines(first, step.symbol), "operation",
                               tuple(node_id[symbol] for symbol in step.inputs)))
    return nodes


def _ops_nodes(cost, cost_name: str, taken: set) -> list[GraphNode]:
    ids, fresh = _Ids(), fresh_names(set(taken) | {cost_name})
    ids.used |= set(taken)
    memo: dict = {}
    nodes: list[GraphNode] = []

    def visit(expr, is_root=False) -> str:
        if expr in memo:
            return memo[expr]
        if is_input(expr):
            memo[expr] = text(expr)
            nodes.append(GraphNode(memo[expr], (memo[expr],), "input"))
            return memo[expr]
        if not expr.args or expr.is_number or type(expr).__name__ in ("OneMatrix", "Identity"):
            label = text(expr)  # a constant: one node per use, drawn beside its reader
            nodes.append(GraphNode(ids(label), (label,), "constant"))
            return nodes[-1].id
        label, operands = _operation(expr)
        inputs = tuple(dict.fromkeys(visit(sympy.sympify(operand)) for operand in operands))
        memo[expr] = ids(cost_name) if is_root else pretty_name(next(fresh))
        nodes.append(GraphNode(memo[expr], (label,), "operation", inputs))
        return memo[expr]

    visit(cost, is_root=True)
    return nodes


# ---------------------------------------------------------------- the object

@dataclass(frozen=True)
class Graph:
    """The computation graph of ``expr`` in one ``style``; renders as SVG, DOT and text.

    ``at`` ({symbol or name: number}) adds values and gradients to the "values" style;
    ``names`` and ``steps`` choose its steps as :func:`symopt.display.derive` does.  The
    "ops" style draws every operation and uses ``names`` only for the cost's name.
    """

    expr: sympy.Basic
    style: str = "values"
    at: Mapping | None = field(default=None, compare=False)
    names: Mapping | None = field(default=None, compare=False)
    steps: str | None = None

    def __post_init__(self):
        if self.style not in STYLES:
            raise ConfigurationError(f"style: expected one of {STYLES}; given {self.style!r}")

    def with_style(self, style: str) -> Graph:
        """The same graph drawn in the other ``style`` (``"values"`` or ``"ops"``)."""
        return replace(self, style=style)

    def nodes(self) -> tuple[GraphNode, ...]:
        """The nodes in forward order: inputs (and constants) before the operations that read them."""
        forward = split(self.expr, self.names, self.steps)
        if forward.abbreviations:
            expression = forward.in_inputs(forward.abbreviations[0][0])
            raise ConfigurationError(f"names: {text(expression)} does not occur in the cost; name a subexpression")
        if self.style == "values":
            return tuple(_values_nodes(forward, self.at))
        taken = {text(leaf) for leaf in forward.leaves}
        return tuple(_ops_nodes(prepare(self.expr), text(forward.output.symbol), taken))

    def text(self) -> str:
        """One line per node: its label, then ``← inputs`` (constants by value, the rest by name)."""
        nodes = self.nodes()
        shown = {node.id: node.lines[0] if node.kind == "constant" else node.id for node in nodes}
        lines = []
        for node in nodes:
            label = ", ".join(node.lines)
            if node.kind == "operation" and self.style == "ops":
                label = f"{node.id}: {label}"
            reads = ", ".join(shown[source] for source in node.inputs)
            lines.append(label + (f"  ← {reads}" if reads else ""))
        return "\n".join(lines)

    __str__ = text

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

    def _repr_svg_(self) -> str:
        return self.svg()

    def __repr__(self) -> str:
        return f"<Graph of {text(self.expr)}, style={self.style!r}>"


def _quote(text_value: str) -> str:
    return '"' + text_value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def graph(expr, style: str = "values", *, at: Mapping | None = None, names: Mapping | None = None,
          steps: str | None = None) -> Graph:
    """The computation graph of ``expr``, labelled by ``style`` ``"values"`` (``u = bc``) or ``"ops"`` (``×``)."""
    return Graph(sympy.sympify(expr), style, at, names, steps)
