r"""A typed error, never a ``RecursionError``, when an expression is too deep for SymPy's recursive code.

symopt's own walks are iterative (:mod:`symopt.traversal`), so a network of a thousand layers derives and
compiles; but a few SymPy operations recurse once per level of nesting (building ``sin`` of a 330-deep chain,
comparing two equal deep nodes, printing).  :func:`depth_limit` turns the ``RecursionError`` such a step raises
into :class:`~symopt.errors.DepthLimitError`, which names the expression's depth, Python's limit and the fix.
The depth is measured after the fact, by structure (no timers, no signals).
"""

from __future__ import annotations

import contextlib
import functools
import sys
from contextvars import ContextVar
from typing import Callable, Iterable

from sympy.core.cache import clear_cache

from .errors import DepthLimitError
from .traversal import arguments, postorder

__all__ = ["depth_limit", "depth_limited", "expression_depth"]

#: The outermost guarded call running (``derive`` calls ``grad``: the message names ``derive``).
_CALL: ContextVar[str | None] = ContextVar("symopt_depth_call", default=None)


def expression_depth(expressions: Iterable) -> int:
    """The number of levels of the deepest of ``expressions`` (a symbol or number is 1), without recursion."""
    depth: dict[int, int] = {}
    for node in postorder(expressions):
        depth[id(node)] = 1 + max((depth[id(child)] for child in arguments(node)), default=0)
    return max((depth[id(expression)] for expression in expressions if id(expression) in depth), default=0)


@contextlib.contextmanager
def depth_limit(what: str, *expressions):
    """Run the ``with`` block; a ``RecursionError`` inside it becomes :class:`DepthLimitError` naming ``what``
    (``"graph"``, ``"derive"``, ...; the outermost one, the call the user made) and the depth of ``expressions``."""
    token = _CALL.set(_CALL.get() or what)
    try:
        yield
    except RecursionError:
        clear_cache()  # an interrupted SymPy query may have cached partial answers
        raise DepthLimitError(_message(_CALL.get(), expressions)) from None
    finally:
        _CALL.reset(token)


def depth_limited(what: str, expression_argument: int = 0) -> Callable:
    """Decorate a function so that a ``RecursionError`` inside it becomes :class:`DepthLimitError`; the depth
    reported is that of its positional argument number ``expression_argument`` (the cost)."""
    def decorate(function: Callable) -> Callable:
        @functools.wraps(function)
        def limited(*args, **kwargs):
            with depth_limit(what, *args[expression_argument:expression_argument + 1]):
                return function(*args, **kwargs)
        return limited
    return decorate


def _message(what: str, expressions) -> str:
    limit = sys.getrecursionlimit()
    try:
        depth = expression_depth([e for e in expressions if hasattr(e, "args")])
    except RecursionError:  # a structure we cannot even walk: say so without a number
        depth = 0
    given = f"one nested {depth} levels deep" if depth else "a more deeply nested one"
    return (f"{what}: expected an expression that SymPy's recursive steps can walk within Python's recursion "
            f"limit (sys.getrecursionlimit() = {limit} frames; SymPy needs one or more per level of nesting); "
            f"given {given}. Build the cost in fewer levels (a matrix layer per step instead of a scalar chain, "
            f"a flat sum instead of a nested one), or raise the limit before the call: "
            f"sys.setrecursionlimit({max(2 * limit, 10 * depth)})")
