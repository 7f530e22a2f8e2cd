"""What the course notation's text and LaTeX printers share: how the number of examples prints (``m``, or ``n``
beside an input named ``m``), an indicator ``Piecewise`` as Iverson brackets, when an entrywise map's argument needs
a group, and the printers' settings."""

from __future__ import annotations

import contextlib
import contextvars

import sympy
from sympy import HadamardProduct, MatAdd, MatMul

from ..derivatives import PAIRWISE_ARGUMENTS
from ..reductions import FirstMaximum
from ..symbols import BATCH

__all__ = ["count_name", "examples_counted_as", "shown_count", "RELATION_GLYPHS", "indicator_conditions",
           "needs_group", "printer_settings", "extremum_mask", "extremum_order", "masks_a_min"]

#: How the number of examples :data:`~symopt.symbols.BATCH` prints while a display renders (None: ``m``).
_COUNT_NAME: contextvars.ContextVar = contextvars.ContextVar("count_name", default=None)


def count_name(inputs) -> str | None:
    """The name the number of examples prints as where one of ``inputs`` (symbols; an entry ``V[1,0]`` counts as
    ``V``) is named ``m`` (the slope of ``y = mx + b``): the first of ``n, N, M, m_examples`` that no input uses;
    None (it prints ``m``) otherwise."""
    taken = {str(getattr(leaf, "parent", leaf).name) for leaf in inputs if leaf != BATCH}
    if "m" not in taken:
        return None
    return next(name for name in ("n", "N", "M", "m_examples") if name not in taken)


@contextlib.contextmanager
def examples_counted_as(name: str | None):
    """Print :data:`~symopt.symbols.BATCH` as ``name`` inside the block (nothing changes for None)."""
    token = _COUNT_NAME.set(name)
    try:
        yield
    finally:
        _COUNT_NAME.reset(token)


def shown_count(expr):
    """The symbol that prints in place of ``expr``: a renamed number of examples, or None."""
    name = _COUNT_NAME.get()
    return sympy.Symbol(name) if name is not None and expr == BATCH else None

#: Relations as a blackboard writes them.
RELATION_GLYPHS = {">=": "≥", "<=": "≤", "!=": "≠", "==": "=", ">": ">", "<": "<"}


def indicator_conditions(expr) -> tuple | None:
    r"""The conditions of an indicator ``Piecewise((1, c₁ ∧ c₂ …), (0, True))``, printed as Iverson
    brackets :math:`[c_1][c_2]` (1 where every condition holds, else 0); ``None`` for another piecewise."""
    if len(expr.args) != 2 or expr.args[0].expr != 1 or expr.args[1] != (0, True):
        return None
    condition = expr.args[0].cond
    return condition.args if isinstance(condition, sympy.And) else (condition,)


def needs_group(argument, body, dummy) -> bool:
    """An entrywise body that is not a plain call ``f(x)`` needs a compound argument in parentheses:
    ``1/(𝟙 - A)``, not ``1/𝟙 - A``."""
    compound = isinstance(argument, (MatAdd, MatMul, HadamardProduct)) or getattr(argument, "is_Add", False)
    plain_call = isinstance(body, sympy.Function) and body.args == (dummy,)
    return compound and not plain_call


def printer_settings(unevaluated: bool, symbol_names, step_order, step_values=None) -> dict:
    settings = {"order": "none"} if unevaluated else {}
    if symbol_names:
        settings["symbol_names"] = symbol_names
    if step_order:
        settings["step_order"] = step_order
    if step_values:
        settings["step_values"] = step_values
    return settings


def extremum_mask(condition) -> tuple[str, list, sympy.Expr] | None:
    """A ``Max``/``Min`` mask ``FirstMaximum(a_0, ...) = k`` as ``("argmax", arguments, a_k)``: shown by the argument
    it selects, ``[argmax(w, 2v, u) = u]``, not by a 0-based position (final39a F39a-10); the mask of a ``Min``, an
    argmax of its arguments' negations, as ``("argmin", arguments, a_k)`` (the same mask: the first argument attaining
    the smallest value).  The arguments are listed in the mask's own order, the one grad breaks a tie in (constants
    last: ``[argmax(u, v, w, 2w - v, 1) = u]`` is 1 at a tie of all five), never re-sorted (probe73 P73-6).  None for
    any other condition."""
    if not (isinstance(condition, sympy.Eq) and isinstance(condition.lhs, FirstMaximum) and condition.rhs.is_Integer
            and 0 <= int(condition.rhs) < len(condition.lhs.args)):
        return None
    arguments = list(condition.lhs.args)
    if masks_a_min(arguments):
        return "argmin", [-a for a in arguments], -arguments[int(condition.rhs)]
    return "argmax", arguments, arguments[int(condition.rhs)]


def masks_a_min(arguments) -> bool:
    r"""Whether a ``FirstMaximum``'s arguments are a ``Min``'s negated arguments (most of them read as negations:
    :math:`\min_i a_i` is selected by :math:`\operatorname{argmax}_i (-a_i)`)."""
    return 2 * sum(argument.could_extract_minus_sign() for argument in arguments) > len(arguments)


def extremum_order(arguments, step_values: dict | None = None) -> list:
    """The order a ``max``/``min`` lists its arguments in, text and LaTeX alike.  Past three arguments, where its
    masks are argmax lists (:func:`extremum_mask`), their order: grad's, the arguments that vary in SymPy's order of
    what they compute (``step_values`` maps a step's symbol to its value in the inputs: ``max(u, v, w, p, 1)`` for
    ``p = 2w - v`` in ``Max(w, v, u, 2w - v, 1)``), then the constants
    (:func:`~symopt.derivatives.extremum_masks_in`), so ``J = max(...)`` and ``[argmax(...) = u]`` agree and read
    right at a tie.  Up to three, whose masks are comparisons, SymPy's LaTeX printer's (``default_sort_key``)."""
    if len(arguments) <= PAIRWISE_ARGUMENTS:
        return sorted(arguments, key=sympy.default_sort_key)
    computed = {argument.xreplace(step_values or {}): argument for argument in arguments}
    ordered = [computed[value] for value in sympy.ordered(computed)]
    return [a for a in ordered if a.free_symbols] + [a for a in ordered if not a.free_symbols]
