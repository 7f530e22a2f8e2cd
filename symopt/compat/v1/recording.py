r"""Every TF1 op call is recorded on its result, so a graph can be rebuilt with some tensors replaced.

TF1 programs feed tensors that are not placeholders (``sess.run(b, {a: 15})`` replaces the
value of the computed ``a``) and placeholders without a shape (any shape may be fed).
Both are served by one mechanism: :func:`recorded` wraps each public op so that its
result remembers ``recipe = (op, args, kwargs)``; :func:`rebuild` replays the recipes
of what a session fetches with the fed tensors replaced by stand-ins of the fed shape
and dtype.  An op whose input has an unknown shape is not built at all: it returns a
*deferred* node (shape unknown) that only a rebuild turns into SymPy expressions.

Nodes are duck-typed: anything with a ``recipe`` attribute (Tensors and Operations).
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from .default_graph import get_default_graph
from .op_names import check_before_scope, default_op_name, given_op_name

__all__ = ["recorded", "rebuild", "is_deferred", "inputs_of", "substitute", "reachable"]


def is_deferred(value) -> bool:
    """True for a node whose shape is not known until a session feeds its inputs."""
    return hasattr(value, "recipe") and getattr(value, "deferred", False)


def _nodes(value):
    """The nodes inside an argument (lists, tuples and dicts are searched one level at a time)."""
    if hasattr(value, "recipe"):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _nodes(item)


def inputs_of(args: tuple, kwargs: dict) -> list:
    """The nodes among an op's arguments."""
    return list(_nodes(args)) + list(_nodes(kwargs))


def check_one_graph(inputs: list, op: str) -> None:
    """TF1's ``ValueError`` for an op whose inputs belong to two graphs, raised when the op is built."""
    placed = [node for node in inputs if getattr(node, "graph", None) is not None]
    other = next((node for node in placed if node.graph is not placed[0].graph), None)
    if other is not None:
        raise ValueError(f"{other} must be from the same graph as {placed[0]} (in '{op}'): build both in one "
                         "tf.Graph (with graph.as_default():)")


def substitute(value, replacements: dict[int, Any]):
    """``value`` (an argument: a node, or a list, tuple or dict of them) with the nodes whose ``id`` is in
    ``replacements`` replaced, one level deep (no ancestry is rebuilt)."""
    if hasattr(value, "recipe"):
        return replacements.get(id(value), value)
    if isinstance(value, (list, tuple)):
        items = [substitute(item, replacements) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, dict):
        return {key: substitute(item, replacements) for key, item in value.items()}
    return value


def recorded(function: Callable | None = None, *, returns: str = "tensor"):
    """Decorate a TF1 op: record ``recipe`` on its result; defer it when an input's shape is unknown, after the
    op's ``check_when_deferred(*args, **kwargs)`` (where it has one: the dtype checks TF1 makes when it builds the
    op, :func:`~symopt.compat.v1.kernel_dtypes.float_inputs`).

    ``returns`` is ``"tensor"``, ``"operation"`` or ``"assignment"`` (an operation that is also a tensor of its first
    argument's shape and dtype, the variable's: ``tf.assign``): what a deferred call stands for.
    """
    def decorate(op: Callable) -> Callable:
        @functools.wraps(op)
        def wrapper(*args, **kwargs):
            inputs = inputs_of(args, kwargs)
            unknown = [node for node in inputs if is_deferred(node)]
            if unknown:  # built when fed; what TF1 refuses when the op is made is refused now (probe70 P70-7, P70-8)
                check_one_graph(inputs, default_op_name(op, args, kwargs) or op.__name__)
                check_when_deferred = getattr(wrapper, "check_when_deferred", None)
                if check_when_deferred is not None:
                    check_when_deferred(*args, **kwargs)
                return unknown[0].make_deferred(wrapper, args, kwargs, returns, inputs)
            check_before_scope(op, args, kwargs)  # what TF1 refuses before it takes a name
            given = given_op_name(op, args, kwargs)
            if given is not None and not get_default_graph().rebuilding:  # a name TF1 refuses, before any op
                get_default_graph().check_name(given)  # inside is named after it (F44e-12); a session's rebuild
                # for fed shapes is outside the program's name scopes: its names were checked when made (45b-12)
            check_before_name = getattr(wrapper, "check_before_name", None)  # the op's own such checks
            if check_before_name is not None:
                check_before_name(*args, **kwargs)
            with get_default_graph().name_used_on_failure(default_op_name(op, args, kwargs)):  # TF1's (P63-3)
                result = op(*args, **kwargs)
            if hasattr(result, "recipe") and not any(result is node for node in inputs) and result.recipe is None:
                result.recipe = (wrapper, args, kwargs)
            return result
        return wrapper
    return decorate(function) if function is not None else decorate


def rebuild(roots: list, replacements: list) -> list:
    """``roots`` rebuilt with each ``(original, new)`` node pair of ``replacements`` replaced; unchanged parts are
    reused.

    A node without a ``recipe`` may have a ``control_recipe``, which only this function replays (a ``tf.group``: its
    members are control inputs, which no walk of data inputs must see).
    A deferred leaf that is neither replaced nor rebuildable calls its ``unresolved()`` (which raises).
    An op marked ``substitutes_values = True`` (gradients) is called with ``changed=[(original, new), ...]``,
    the nodes replaced or rebuilt so far, to substitute their values instead of rebuilding its inputs.
    """
    memo: dict[int, Any] = {id(original): new for original, new in replacements}
    changed: list = list(replacements)

    def visit(value):
        if hasattr(value, "recipe"):
            return node(value)
        if isinstance(value, (list, tuple)):
            items = [visit(item) for item in value]
            same = all(a is b for a, b in zip(items, value))
            if same:
                return value
            return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
        if isinstance(value, dict):
            items = {key: visit(item) for key, item in value.items()}
            return value if all(items[k] is value[k] for k in value) else items
        return value

    def node(value):
        found = memo.get(id(value))
        if found is not None:
            return found
        recipe = value.recipe or getattr(value, "control_recipe", None)
        if recipe is None:
            if is_deferred(value):
                value.unresolved()
            memo[id(value)] = value
            return value
        op, args, kwargs = recipe
        new_args, new_kwargs = visit(args), visit(kwargs)
        if getattr(op, "substitutes_values", False):
            result = op(*new_args, changed=changed, **new_kwargs)
        elif new_args is args and new_kwargs is kwargs and not is_deferred(value):
            result = value
        else:
            result = op(*new_args, **new_kwargs)
            adopt = getattr(result, "adopt", None)
            if adopt is not None:
                adopt(value)
        memo[id(value)] = result
        if result is not value:
            changed.append((value, result))
        return result

    return [visit(root) for root in roots]



def reachable(roots: list, passes: Callable[[Any], bool]) -> dict[int, Any]:
    """The nodes (by id) among the recorded inputs of ``roots`` (the roots included), following only the
    nodes for which ``passes(node)`` is true (a node that does not pass is reached, its inputs are not).  A
    variable's ``v/read`` (its ``read_of``: no recipe) reaches the variable it reads."""
    reached: dict[int, Any] = {}
    stack = list(_nodes(roots))
    while stack:
        node = stack.pop()
        if id(node) in reached:
            continue
        reached[id(node)] = node
        if node.recipe is not None and passes(node):
            stack.extend(inputs_of(node.recipe[1], node.recipe[2]))
        elif getattr(node, "read_of", None) is not None and passes(node):
            stack.append(node.read_of)
    return reached
