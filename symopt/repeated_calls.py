r"""A call printed twice on one line is computed once: :func:`hoist_repeated_calls`.

The Program is common-subexpression-eliminated at the level of matrices, but an elementwise map prints its scalar
body with the argument written in (:math:`\log(1+e^{s}) e^{s}` over :math:`s = xw` prints
``numpy.log(1 + numpy.exp(x*w))*numpy.exp(x*w)``), so a body that repeats a subexpression repeats an array
computation.  After printing, each statement line ``name = ...`` or ``return ...`` is read with :mod:`ast`; a
subexpression that calls a function and occurs twice or more is bound to a new temporary on a line of its own
before the statement, largest first (``t5 = numpy.exp(x*w)``, then ``numpy.log(1 + t5)*t5``), and released after
it (``del t5``).  The text is cut and pasted, never re-printed: every operation and operand stays as printed, and
a value computed once is the value computed twice (the same bits).  Nothing is taken out of a ``lambda``, a
conditional expression, ``and``/``or``, a comparison chain or a comprehension (Python may skip their parts), nor a
call that writes an argument (``out=``); and what a statement returns or binds as a whole stays as it is (two
equal outputs are two arrays).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from typing import Iterator

__all__ = ["hoist_repeated_calls"]

#: Nodes whose parts Python may leave unevaluated: nothing inside them moves.
_CONDITIONAL = (ast.Lambda, ast.IfExp, ast.BoolOp, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_TEMPORARY = re.compile(r"\bt(\d+)\b")


def _candidates(node: ast.AST) -> Iterator[ast.expr]:
    """Subexpressions of ``node`` that may be computed ahead of it: calls and operations holding a call."""
    if isinstance(node, _CONDITIONAL) or isinstance(node, ast.Compare) and len(node.ops) > 1:
        return
    if isinstance(node, ast.Call) and any(keyword.arg == "out" for keyword in node.keywords):
        return
    for child in ast.iter_child_nodes(node):
        yield from _candidates(child)
    if isinstance(node, (ast.Call, ast.BinOp, ast.UnaryOp)) and any(isinstance(n, ast.Call) for n in ast.walk(node)):
        yield node


def _value(statement: ast.stmt) -> ast.expr | None:
    """The expression of a plain ``name = ...`` or ``return ...`` statement, else ``None``."""
    if isinstance(statement, ast.Assign) and all(isinstance(t, (ast.Name, ast.Tuple)) for t in statement.targets):
        return statement.value
    if isinstance(statement, ast.Return):
        return statement.value
    return None


def _elements(value: ast.expr) -> Iterator[ast.expr]:
    """The value and, through tuples, each element: what a statement binds or returns as a whole.  Two equal
    calls there are two arrays (``return X.T.copy(), X.T.copy()``): they stay two."""
    yield value
    if isinstance(value, ast.Tuple):
        for element in value.elts:
            yield from _elements(element)


def _parsed(line: str) -> ast.stmt | None:
    try:
        body = ast.parse(line).body
    except SyntaxError:  # a block's header (``for ...:``, ``try:``)
        return None
    return body[0] if len(body) == 1 else None


def _occurrences(lines: list[str]) -> dict[str, list[tuple[int, ast.expr]]]:
    """``{text: [(line index, node), ...]}`` for every candidate subexpression of the lines."""
    found: dict[str, list] = {}
    for index, line in enumerate(lines):
        statement = _parsed(line)
        value = _value(statement) if statement is not None else None
        if value is None:
            continue
        whole = {id(node) for node in _elements(value)}
        for node in _candidates(value):
            if id(node) not in whole:
                found.setdefault(ast.dump(node), []).append((index, node))
    return found


def _parenthesized(line: str, start: int, end: int) -> bool:
    """The text ``line[start:end]`` stands in grouping parentheses of its own (not a call's or a tuple's)."""
    if start == 0 or end >= len(line) or line[start - 1] != "(" or line[end] != ")":
        return False
    before = line[:start - 1].rstrip()
    return not before or not (before[-1].isalnum() or before[-1] in "_)]")


def _hoisted_once(lines: list[str], name: str) -> list[str] | None:
    """``lines`` with the largest repeated subexpression bound to ``name`` before its first use, or ``None``."""
    repeated = [(len(ast.get_source_segment(lines[uses[0][0]], uses[0][1])), key, uses)
                for key, uses in _occurrences(lines).items() if len(uses) > 1]
    if not repeated:
        return None
    _, _, uses = max(repeated, key=lambda entry: entry[0])
    text = ast.get_source_segment(lines[uses[0][0]], uses[0][1])
    cuts = Counter(index for index, _ in uses)
    changed = list(lines)
    for index in cuts:  # right to left, so earlier offsets stay valid
        spans = sorted(((n.col_offset, n.end_col_offset) for i, n in uses if i == index), reverse=True)
        line = changed[index]
        for start, end in spans:
            if _parenthesized(line, start, end):  # ``a/(1 + e)`` -> ``a/t5``, not ``a/(t5)``
                start, end = start - 1, end + 1
            line = line[:start] + name + line[end:]
        changed[index] = line
    first = min(cuts)
    return changed[:first] + [f"{name} = {text}"] + changed[first:]


def _numbered_in_order(group: list[str], names: list[str]) -> list[str]:
    """The new temporaries renamed so that their numbers rise line by line (the largest was hoisted first)."""
    numbers = sorted(int(name[1:]) for name in names)
    defined = [line.split(" = ", 1)[0] for line in group[:len(names)]]
    renamed = {old: f"t{number}" for old, number in zip(defined, numbers)}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, renamed)) + r")\b")
    return [pattern.sub(lambda match: renamed[match.group(1)], line) for line in group]


def hoist_repeated_calls(source: str) -> str:
    """``source`` (a generated function) with each statement's repeated calls computed once (module docstring)."""
    taken = [int(number) for number in _TEMPORARY.findall(source)]
    fresh = max(taken, default=-1) + 1
    out: list[str] = []
    for line in source.split("\n"):
        stripped = line.lstrip(" ")
        indent = line[:len(line) - len(stripped)]
        group, names = [stripped], []
        while (hoisted := _hoisted_once(group, f"t{fresh}")) is not None:
            group, names, fresh = hoisted, names + [f"t{fresh}"], fresh + 1
        if names:
            group = _numbered_in_order(group, names)
            if not stripped.startswith("return "):
                group.append(f"del {', '.join(sorted(names, key=lambda n: int(n[1:])))}")
        out += [indent + each for each in group]
    return "\n".join(out)
