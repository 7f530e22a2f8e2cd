"""The nodes of the "ops" drawing: one per operation, labelled as TensorFlow's documentation draws it.

:data:`OPERATION_RULES` gives each node class its label and operands (``×``, ``+``, ``−``,
``÷``, ``neg``, ``square``, ``sqrt``, ``pow``, ``exp``, ``log``, ``σ``, ``matmul``, ``∘``,
``sum``, ...).  An operation is named by ``names`` where the caller named it (``Z₁: +``),
else by a fresh letter that no input and no chosen name uses.  Inputs come first, in
natural order (``W₁`` before ``W₂``); then the operations in the values drawing's forward order, and
constants (one node per use) just before their reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy
from sympy import Add, HadamardPower, HadamardProduct, MatAdd, MatMul, MatrixSlice, Mul, Pow, Transpose
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from ..nodes import lambda_parts, matmul
from .glyphs import pretty_name, primes
from .graph_nodes import GraphNode, NodeIds, natural_key
from .notation import text
from .ordering import factor_rank, ordered_terms
from .step_nodes import is_constant, is_input, operands, post_order
from .steps import fresh_names
from .structure_keys import structure_key

__all__ = ["OPERATION_RULES", "NAMED_OPERATIONS", "operation", "ops_nodes"]


def _add_rule(node):
    terms = list(node.args) if isinstance(node, MatAdd) else ordered_terms(node)
    negative = [term for term in terms if term.could_extract_minus_sign()]
    if len(terms) == 2 and len(negative) == 1:
        positive = terms[0] if terms[1] is negative[0] else terms[1]
        return "−", [positive, -negative[0]]
    return "+", terms


def _mul_rule(node):
    numerator = [f for f in node.args if not (f.is_Pow and f.exp.is_Number and f.exp < 0)]
    denominator = [1 / f for f in node.args if f.is_Pow and f.exp.is_Number and f.exp < 0]
    if denominator:  # unevaluated: 3·(a + bc) stays the product the values drawing shows, never 3a + 3bc
        return "÷", [Mul(*numerator, evaluate=False), Mul(*denominator, evaluate=False)]
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


def _axis_text(bounds, size) -> str:
    """``start:stop:step`` of one axis of a slice, Python's way: defaults left out, ``:`` for the whole axis."""
    start, stop, step = bounds
    text_ = f"{'' if start == 0 else start}:{'' if stop == size else stop}"
    return text_ if step == 1 else f"{text_}:{step}"


def _slice_rule(node):
    parent, rows, cols = node.args
    return f"[{_axis_text(rows, parent.shape[0])}, {_axis_text(cols, parent.shape[1])}]", [parent]


def _function_name(function) -> str:
    name = type(function).__name__ if not isinstance(function, type) else function.__name__
    return {"sigmoid": "σ"}.get(name, name)


def _elementwise_rule(node):
    bound, body = lambda_parts(node.function)
    if isinstance(body, sympy.Function) and body.args == (bound,):
        return _function_name(body.func), [node.expr]
    return "map", [node.expr]


def _where_rule(node):
    """``Piecewise((e₁, c₁), (e₂, c₂), ...)`` as TF1's ``tf.where(c₁, e₁, rest)``: the condition, the value where it
    holds, and the rest (the next branches, or the value "otherwise"), every constant drawn (probe75 P75-2: the
    class names ``Piecewise``, ``exprcondpair`` and a ``True`` node were drawn, the value "otherwise" was not)."""
    (value, condition), rest = node.args[0], node.args[1:]
    if not rest:
        return "where", [condition, value]
    otherwise = rest[0].expr if rest[0].cond is sympy.true else sympy.Piecewise(*rest, evaluate=False)
    return "where", [condition, value, otherwise]


def _heaviside_rule(node):
    """``Heaviside(x)`` reads ``x``; its value at 0 is drawn where it is not SymPy's default ½."""
    return "Heaviside", [node.args[0], *(value for value in node.args[1:] if value != sympy.S.Half)]


#: How a comparison is drawn: the textbook's sign, both sides (a constant side included).
COMPARISON_SIGNS = {sympy.StrictLessThan: "<", sympy.LessThan: "≤", sympy.StrictGreaterThan: ">",
                    sympy.GreaterThan: "≥", sympy.Equality: "=", sympy.Unequality: "≠"}


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
    MatrixSlice: _slice_rule,
    MatrixElement: lambda node: (f"[{node.i}, {node.j}]", [node.parent]),
    ElementwiseApplyFunction: _elementwise_rule,
    sympy.Max: lambda node: ("max", list(node.args)),  # the 0 of a hinge max(0, 1 - y·wx) drawn
    sympy.Min: lambda node: ("min", list(node.args)),
    sympy.Abs: lambda node: ("|·|", list(node.args)),
    sympy.Heaviside: _heaviside_rule,
    sympy.Piecewise: _where_rule,
    **{cls: (lambda node: (COMPARISON_SIGNS[type(node)], [node.lhs, node.rhs])) for cls in COMPARISON_SIGNS},
    sympy.Function: lambda node: (_function_name(node.func), list(node.args)),
}

#: Labels of symopt's own nodes and other classes drawn by the generic rule (a condition's ∨, ∧, ¬, not SymPy's
#: class names or, and, not: 45c-7).
NAMED_OPERATIONS = {"ElementSum": "sum", "LogSumExp": "logsumexp", "Trace": "trace", "Or": "∨", "And": "∧", "Not": "¬"}


def operation(node):
    """``(label, operands)``: a rule from :data:`OPERATION_RULES`, else the class name over the non-numeric arguments."""
    for cls in type(node).__mro__:
        if cls in OPERATION_RULES:
            return OPERATION_RULES[cls](node)
    name = type(node).__name__
    return NAMED_OPERATIONS.get(name, name.lower()), [arg for arg in operands(node) if not arg.is_number]


def _is_constant(expr) -> bool:
    return not expr.args or expr.is_number or type(expr).__name__ in ("OneMatrix", "Identity")


def _same(expr, other) -> bool:
    """``expr == other`` without SymPy's recursive comparison where the hashes (cached) already differ: a deep
    chain's nodes compared with the cost recursed once per level (probe23 P23-1)."""
    return expr is other or (hash(expr) == hash(other) and expr == other)


def _in_forward_order(cost, nodes: list, sources: dict) -> list:
    """``nodes`` (operations and their constants, in the order found) as the values drawing lists its steps: by
    the post-order of ``cost``'s operands (probe68 P68-10); an operation the cost does not hold as a node (the
    numerator ``3·w`` of ``3w/d``), and a constant, just before its first reader; a node shared by two readers (the
    ``2u`` of ``2u/v + exp(2u)``) before the first of them, never at its later place (final43d F43d-4)."""
    rank = {expr: index for index, expr in enumerate(post_order(
        cost, lambda node: () if is_input(node) or is_constant(node) else operands(node)))}
    readers: dict = {}
    for node in nodes:
        for source in node.inputs:
            readers.setdefault(source, []).append(node.id)
    placed: dict = {}
    for node in reversed(nodes):
        before_reader = min((placed[reader] for reader in readers.get(node.id, ())), default=len(rank)) - 1e-3
        own = rank.get(sources.get(node.id), before_reader) if node.kind == "operation" else before_reader
        placed[node.id] = min(own, before_reader)  # every operand strictly before each of its readers
    return sorted(nodes, key=lambda node: placed[node.id])


def ops_nodes(cost, cost_name: str, taken: set, names: Mapping | None = None,
              letters: Mapping | None = None) -> list[GraphNode]:
    """The nodes of ``cost`` (prepared), one per operation; ``names`` and ``letters`` are ``{prepared expression:
    name}``, the values drawing's names of the same nodes.

    A node's lines are its operation, then its name where it has one to show (the cost, a value of ``names``); a
    node of ``letters`` is called by its letter (``u``), any other operation by a fresh letter.

    ``taken`` holds the inputs' names (as written and as printed): no operation gets one of them.
    """
    names = {expr: name for expr, name in (names or {}).items() if not _same(expr, cost)}
    letters = {expr: name for expr, name in (letters or {}).items() if not _same(expr, cost)}
    chosen = {pretty_name(name) for name in [*names.values(), *letters.values()]}
    table, keys = {}, {}  # structure keys: a value rebuilt by a rule (Y∘Z from -(-Y∘Z)) keeps its name
    by_key = {structure_key(expr, table, keys): (name, True) for expr, name in names.items()}
    by_key.update((structure_key(expr, table, keys), (name, False)) for expr, name in letters.items())
    ids = NodeIds(set(taken) | chosen)
    fresh = fresh_names(set(taken) | set(names.values()) | {cost_name})  # a letter's name is skipped as used
    memo: dict = {}
    sources: dict = {}  # an operation's id → its expression
    nodes: list[GraphNode] = []
    pending: dict[str, GraphNode] = {}
    input_keys: dict[str, tuple] = {}

    def fresh_id() -> str:
        while True:
            name = pretty_name(next(fresh))
            if name not in ids.used:
                return ids(name)

    def leaf(expr) -> str | None:
        """The id of an input (one node) or a constant (one node per use); None for an operation."""
        if is_input(expr):
            memo[expr] = text(expr)
            pending[memo[expr]] = GraphNode(memo[expr], (memo[expr],), "input")
            input_keys[memo[expr]] = (natural_key(str(expr)), primes(expr))
            return memo[expr]
        if _is_constant(expr):
            label = text(expr)  # a constant: one node per use, drawn beside its reader
            node = GraphNode(ids(label), (label,), "constant")
            pending[node.id] = node
            return node.id
        return None

    def finish(expr, label: str, read: list) -> str:
        """The operation node of ``expr`` once the ids of its operands are ``read``."""
        inputs = tuple(dict.fromkeys(read))
        nodes.extend(pending.pop(source) for source in inputs if source in pending and pending[source].kind != "input")
        is_root = expr is cost
        name, named = (None, False) if is_root else by_key.pop(structure_key(expr, table, keys), (None, False))
        named = named or is_root
        if is_root:
            memo[expr] = ids(cost_name)
        elif name is not None:
            memo[expr] = pretty_name(name)
        else:
            memo[expr] = fresh_id()
        nodes.append(GraphNode(memo[expr], (label, memo[expr]) if named else (label,), "operation", inputs))
        sources[memo[expr]] = expr
        return memo[expr]

    # Depth first, operands left to right, each operation once: frames [expr, label, operands, ids read].
    stack = [[cost, None, None, []]]
    while stack:
        frame = stack[-1]
        expr, label, arguments, read = frame
        if arguments is None:
            found = memo.get(expr) or leaf(expr)
            if found is None:
                frame[1], frame[2] = operation(expr)
                continue
        elif len(read) < len(arguments):
            stack.append([sympy.sympify(arguments[len(read)]), None, None, []])
            continue
        else:
            found = finish(expr, label, read)
        stack.pop()
        if stack:
            stack[-1][3].append(found)

    inputs = sorted((node for node in pending.values() if node.kind == "input"), key=lambda node: input_keys[node.id])
    unread = [node for node in pending.values() if node.kind != "input"]
    return inputs + unread + _in_forward_order(cost, nodes, sources)
