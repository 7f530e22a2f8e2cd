r"""A call printed twice on one line is computed once: :func:`hoist_repeated_calls`.

The Program is common-subexpression-eliminated at the level of matrices, but an elementwise map prints its scalar
body with the argument written in (:math:`\log(1+e^{s}) e^{s}` over :math:`s = xw` prints
``numpy.log(1 + numpy.exp(x*w))*numpy.exp(x*w)``), so a body that repeats a subexpression repeats an array
computation.  After printing, each statement line ``name = ...`` or ``return ...`` is read with :mod:`ast`; a
subexpression that calls a function and occurs twice or more is bound to a new temporary on a line of its own
before the statement, largest first (``t5 = numpy.exp(x*w)``, then ``numpy.log(1 + t5)*t5``), and released after
it (``del t5``); the function's temporaries are then numbered in the order its lines define them.  The text is
cut and pasted (at the UTF-8 offsets :mod:`ast` gives), never re-printed: every operation and operand stays as
printed, and a value computed once is the value computed twice (the same bits).
Nothing is taken out of a ``lambda``, a conditional expression, ``and``/``or``, a comparison chain or a
comprehension (Python may skip their parts), nor anything holding a call that writes an argument (``out=``); what
a statement returns or binds as a whole stays as it is (two equal outputs are two arrays).

Subexpressions are compared by structure, each node keyed once from its children's keys: linear in the line.
Hoisting moves a call ahead of what the line computed before it, so NumPy's floating-point warnings may come in
another order; :class:`GeneratedSource` keeps the unshared text, which the domain diagnoses rerun
(:func:`symopt.domain.numpy_culprit`) to name the first failing operation as the line wrote it.
"""

from __future__ import annotations

import ast
import io
import itertools
import keyword
import re
import tokenize

__all__ = ["hoist_repeated_calls", "GeneratedSource", "with_unshared"]

#: Nodes whose parts Python may leave unevaluated: nothing inside them moves.
_CONDITIONAL = (ast.Lambda, ast.IfExp, ast.BoolOp, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_TEMPORARY = re.compile(r"\bt(\d+)\b")
#: The name a call is made through (``numpy.exp(``, ``.sum(``): a line in which no such name repeats repeats no call.
_CALLEE = re.compile(rb"([A-Za-z_][\w.]*)\s*\(")


class GeneratedSource(str):
    """Generated source text whose repeated calls were hoisted; ``unshared`` is the text before."""

    unshared: str = ""


def with_unshared(source: str, unshared) -> str:
    """``source`` with its unshared text ``unshared`` (a stored pair: :mod:`symopt.disk_cache`); ``source`` itself
    when there is none.  Anything but a string that compiles is refused (``ValueError``, ``SyntaxError``: the cache
    entry is not used)."""
    if unshared is None or unshared == source:
        return source
    if not isinstance(unshared, str):
        raise ValueError("unshared source")
    compile(unshared, "<symopt-unshared>", "exec")  # a damaged entry raises SyntaxError now, not in a diagnosis
    kept = GeneratedSource(source)
    kept.unshared = unshared
    return kept


def _value(statement: ast.stmt) -> ast.expr | None:
    """The expression of a plain ``name = ...`` or ``return ...`` statement, else ``None``."""
    if isinstance(statement, ast.Assign) and all(isinstance(t, (ast.Name, ast.Tuple)) for t in statement.targets):
        return statement.value
    if isinstance(statement, ast.Return):
        return statement.value
    return None


def _elements(value: ast.expr) -> list[ast.expr]:
    """The value and, through tuples, each element: what a statement binds or returns as a whole."""
    found = [value]
    if isinstance(value, ast.Tuple):
        for element in value.elts:
            found += _elements(element)
    return found


class _Keys:
    """Structural keys of a statement's nodes (equal keys: equal subexpressions), with which nodes may move."""

    def __init__(self):
        self.table: dict = {}
        self.candidates: list[tuple[int, ast.expr]] = []  # (key, node) of the nodes that may be hoisted

    def visit(self, node, inside_conditional: bool = False) -> tuple[int, bool, bool]:
        """``(key, holds a call, holds an out= call)`` of ``node``; candidates collected on the way."""
        if isinstance(node, list):
            parts = [self.visit(item, inside_conditional) for item in node]
            return (self._key(("list", *(p[0] for p in parts))), any(p[1] for p in parts), any(p[2] for p in parts))
        if not isinstance(node, ast.AST):
            return self._key(("leaf", repr(node))), False, False
        conditional = inside_conditional or isinstance(node, _CONDITIONAL) or \
            isinstance(node, ast.Compare) and len(node.ops) > 1
        parts = [self.visit(getattr(node, field), conditional) for field in node._fields]
        key = self._key((type(node).__name__, *(p[0] for p in parts)))
        writes = any(p[2] for p in parts) or isinstance(node, ast.Call) and any(k.arg == "out" for k in node.keywords)
        calls = any(p[1] for p in parts) or isinstance(node, ast.Call)
        if calls and not writes and not conditional and isinstance(node, (ast.Call, ast.BinOp, ast.UnaryOp)):
            self.candidates.append((key, node))
        return key, calls, writes

    def _key(self, parts: tuple) -> int:
        return self.table.setdefault(parts, len(self.table))


def _parsed(line: str) -> ast.stmt | None:
    try:
        body = ast.parse(line).body
    except SyntaxError:  # a block's header (``for ...:``, ``try:``)
        return None
    return body[0] if len(body) == 1 else None


def _parenthesized(line: bytes, start: int, end: int) -> bool:
    """``line[start:end]`` stands in grouping parentheses of its own (not a call's: ``f(...)``, ``x[...](...)``)."""
    if start == 0 or end >= len(line) or line[start - 1:start] != b"(" or line[end:end + 1] != b")":
        return False
    before = line[:start - 1].rstrip()
    if not before:
        return True
    word = re.search(rb"(\w+)$", before)
    if word:
        return keyword.iskeyword(word.group(1).decode())  # ``return (...)``: grouping; ``f(...)``: a call
    return before[-1:] not in b")]"


def _spliced(line: bytes, start: int, end: int, inner: list[tuple[int, int, bytes]]) -> bytes:
    """``line[start:end]`` with each ``(start, end, name)`` of ``inner`` (not overlapping) written ``name``."""
    text = line[start:end]
    for first, last, name in sorted(inner, reverse=True):  # right to left: earlier offsets stay valid
        first, last = first - start, last - start
        if _parenthesized(text, first, last):  # ``a/(1 + e)`` -> ``a/t5``, not ``a/(t5)``
            first, last = first - 1, last + 1
        text = text[:first] + name + text[last:]
    return text


def _hoisted(line: bytes, fresh: int) -> tuple[list[bytes], list[bytes]]:
    """``(lines, names)``: the statement ``line`` after the definitions of its repeated subexpressions (largest
    decided first, defined smallest first), and the new names; ``([line], [])`` when nothing repeats."""
    callees = _CALLEE.findall(line)
    if len(callees) == len(set(callees)):  # a repeated call names its function twice: nothing to parse for
        return [line], []
    statement = _parsed(line.decode())
    value = _value(statement) if statement is not None else None
    if value is None:
        return [line], []
    keys = _Keys()
    keys.visit(value)
    whole = {id(node) for node in _elements(value)}
    occurrences: dict[int, list] = {}  # key -> its nodes, in line order
    for key, node in keys.candidates:
        if id(node) not in whole:
            occurrences.setdefault(key, []).append(node)
    occurrences = {key: sorted(nodes, key=lambda n: n.col_offset) for key, nodes in occurrences.items() if len(nodes) > 1}
    parent = {id(child): node for node in ast.walk(value) for child in ast.iter_child_nodes(node)}
    replaced: set[int] = set()  # the nodes a name will stand for, except each definition's own
    chosen: dict[int, ast.expr] = {}  # hoisted key -> the node its definition is cut from

    def live(node) -> bool:
        """Not inside a node that a name will stand for."""
        above = parent.get(id(node))
        while above is not None:
            if id(above) in replaced:
                return False
            above = parent.get(id(above))
        return True
    for key in sorted(occurrences, key=lambda k: occurrences[k][0].col_offset - occurrences[k][0].end_col_offset):
        occurring = [node for node in occurrences[key] if live(node)]  # largest first: its own may be covered
        if len(occurring) > 1:
            chosen[key] = occurring[0]
            replaced.update(id(node) for node in occurrences[key] if node is not occurring[0])
    if not chosen:
        return [line], []
    order = sorted(chosen, key=lambda k: chosen[k].end_col_offset - chosen[k].col_offset)  # inner before outer
    names = {key: b"t%d" % (fresh + index) for index, key in enumerate(order)}
    name_of = {id(node): names[key] for key in chosen for node in occurrences[key]}
    inner: dict[int, list] = {}  # id of a definition's node (or 0: the statement) -> the named nodes right inside

    def collect(node, owner: int) -> None:
        for child in ast.iter_child_nodes(node):
            if id(child) in name_of:
                inner.setdefault(owner, []).append(child)
                if id(child) not in replaced:  # a definition's own node: what is named inside it
                    collect(child, id(child))
            else:
                collect(child, owner)
    collect(value, 0)

    def text(start: int, end: int, owner: int) -> bytes:
        return _spliced(line, start, end, [(n.col_offset, n.end_col_offset, name_of[id(n)]) for n in inner.get(owner, [])])
    definitions = [names[key] + b" = " + text(chosen[key].col_offset, chosen[key].end_col_offset, id(chosen[key]))
                   for key in order]
    return definitions + [text(0, len(line), 0)], [names[key] for key in order]


def _merged_releases(lines: list[str]) -> list[str]:
    """Two ``del`` lines in a row at one indentation become one (``del t5; del t1, t2`` -> ``del t5, t1, t2``)."""
    merged: list[str] = []
    for line in lines:
        previous = merged[-1] if merged else ""
        indent = line[:len(line) - len(line.lstrip(" "))]
        if line.lstrip().startswith("del ") and previous.startswith(indent + "del "):
            merged[-1] = previous + ", " + line.lstrip()[4:]
        else:
            merged.append(line)
    return merged


def _line_order(source: str) -> dict[str, str]:
    """``{old: new}`` renaming the temporaries ``t0, t1, …`` of a function's ``source`` in the order its body first
    names them (a hoisted definition took the next free number and may stand above older temporaries); a name on
    the ``def`` line is a parameter and keeps its name, which no temporary then takes."""
    order: dict[str, str] = {}
    parameters: set[str] = set()
    fresh = (f"t{number}" for number in itertools.count())
    in_body = False
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and _TEMPORARY.fullmatch(token.string):
            if not in_body:
                parameters.add(token.string)
            elif token.string not in parameters and token.string not in order:
                order[token.string] = next(name for name in fresh if name not in parameters)
        in_body = in_body or token.type == tokenize.NEWLINE
    return order


def _renamed(source: str, names: dict[str, str]) -> str:
    """``source`` with each name token in ``names`` replaced at once (strings and comments untouched)."""
    lines = source.split("\n")
    for token in sorted(tokenize.generate_tokens(io.StringIO(source).readline), key=lambda t: t.start, reverse=True):
        if token.type == tokenize.NAME and token.string in names:
            (row, start), (_, end) = token.start, token.end
            lines[row - 1] = lines[row - 1][:start] + names[token.string] + lines[row - 1][end:]
    return "\n".join(lines)


def hoist_repeated_calls(source: str) -> str:
    """``source`` (a generated function) with each statement's repeated calls computed once (module docstring): a
    :class:`GeneratedSource` holding the text before where anything moved, else ``source`` itself."""
    taken = [int(number) for number in _TEMPORARY.findall(source)]
    fresh = max(taken, default=-1) + 1
    out: list[str] = []
    moved = False
    for line in source.split("\n"):
        stripped = line.lstrip(" ")
        indent = line[:len(line) - len(stripped)]
        group, names = _hoisted(stripped.encode(), fresh)
        if names:
            moved, fresh = True, fresh + len(names)
            if not stripped.startswith("return "):
                group.append(b"del " + b", ".join(names))  # in ascending order already
        out += [indent + each.decode() for each in group]
    if not moved:
        return source
    hoisted = "\n".join(_merged_releases(out))
    names = _line_order(hoisted)
    hoisted_source = GeneratedSource(_renamed(hoisted, names))
    hoisted_source.unshared = _renamed(source, names)  # the same names: a diagnosis reads as the source does
    return hoisted_source
