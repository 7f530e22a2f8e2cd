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
import traceback
from collections import Counter
from contextvars import ContextVar
from typing import Callable, Iterable

from sympy.core.cache import clear_cache

from .errors import DepthLimitError
from .traversal import arguments, postorder

__all__ = ["depth_limit", "depth_limited", "expression_depth"]

#: Python frames SymPy's recursive steps take per level of nesting, at most (building ``sin`` of a chain: about 3):
#: a RecursionError on an expression shallower than the limit over this is a loop, not depth.
FRAMES_PER_LEVEL = 10

#: The frames at the end of a RecursionError's traceback searched for the step that repeats.
LAST_FRAMES = 40

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
    except RecursionError as error:
        clear_cache()  # an interrupted SymPy query may have cached partial answers
        raise DepthLimitError(_message(_CALL.get(), expressions, error)) from None
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


def _message(what: str, expressions, error: RecursionError | None = None) -> str:
    limit = sys.getrecursionlimit()
    try:
        depth = expression_depth([e for e in expressions if hasattr(e, "args")])
    except RecursionError:  # a structure we cannot even walk: say so without a number
        depth = 0
    if depth and depth * FRAMES_PER_LEVEL < limit:  # not deep: a step that calls itself without end (P45-6)
        looping = _looping(error)
        if not looping.startswith("sympy"):  # symopt's own code or the user's (a callback, a function applied)
            return (f"{what}: expected the steps to finish on an expression nested {depth} levels deep; given one on "
                    f"which {looping} kept calling itself until Python's recursion limit ({limit} frames) stopped it: "
                    "a loop in that function, not a deep expression, so raising the limit does not help. If the "
                    "function is symopt's, report the expression to symopt")
        return (f"{what}: expected SymPy's steps to finish on an expression nested {depth} levels deep; given one on "
                f"which {looping} kept calling itself until Python's recursion limit ({limit} frames) stopped "
                f"it: "
                f"a loop inside SymPy, not a deep expression, so raising the limit does not help (a limit far above "
                "it crashes the interpreter). Rewrite the part SymPy loops on (Float coefficients as Rationals, "
                "sympy.Rational(9, 10) for 0.9, often avoid such loops) and report the expression to symopt")
    given = f"one nested {depth} levels deep" if depth else "a more deeply nested one"
    return (f"{what}: expected an expression that SymPy's recursive steps can walk within Python's recursion "
            f"limit (sys.getrecursionlimit() = {limit} frames; SymPy needs one or more per level of nesting); "
            f"given {given}. Build the cost in fewer levels (a matrix layer per step instead of a scalar chain, "
            f"a flat sum instead of a nested one), or raise the limit before the call: "
            f"sys.setrecursionlimit({max(2 * limit, 10 * depth)})")


def _looping(error: RecursionError | None) -> str:
    """The function that repeats most among the last frames of ``error``'s traceback, named by module and function
    (``sympy.functions.elementary.piecewise: __new__``), or "a SymPy step"."""
    frames = traceback.extract_tb(error.__traceback__)[-LAST_FRAMES:] if error is not None else []
    counts = Counter((frame.filename, frame.name) for frame in frames)
    if not counts:
        return "a SymPy step"
    (filename, name), _ = counts.most_common(1)[0]
    parts = filename.replace("\\", "/").rsplit("/site-packages/", 1)[-1].removesuffix(".py").split("/")
    module = ".".join(parts[parts.index("sympy"):]) if "sympy" in parts else \
        ".".join(parts[parts.index("symopt"):]) if "symopt" in parts else parts[-1]
    return f"{module}: {name}"
