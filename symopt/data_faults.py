r"""A cost that is not finite because of the DATA, not the parameters: once a run's cost has stopped being finite,
:func:`data_fault` looks for a subexpression that reads only data (no parameter) and is not finite on it, such as
:math:`\log x` of a log-normal likelihood at an observation :math:`x \le 0`.  No start, step, learning rate or
bound changes such a value, so the errors name the data entry instead of advising on the start.  Nothing here runs
per step: only after a run has seen a non-finite cost.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from .evaluation import evaluate_as_fed
from .domain import describe_value
from .errors import DivergenceError, DomainError, SymoptError
from .nodes import lambda_parts
from .symbols import declared_value, is_matrix, shape_of
from .traversal import arguments, free_symbols, postorder

__all__ = ["data_fault", "data_error", "DATA_ADVICE"]

#: What to do once the data entry is named.
DATA_ADVICE = ("It reads only data, so no starting point, step size or bound changes it: clean the data (drop or "
               "correct that entry), or change the model so that it is defined for such data.")


def _outside_lambdas(node) -> tuple:
    """Children, not entering a Lambda (its body is searched with its argument) nor a Piecewise (a branch not
    taken, log(x) under x > 0, may be NaN harmlessly)."""
    return () if isinstance(node, (sympy.Lambda, sympy.Piecewise)) else arguments(node)


def _reads_only(node, data: set, allowed: frozenset = frozenset()) -> bool:
    """``node`` is computed from ``data`` (and ``allowed`` symbols) alone, and reads some of them."""
    found = free_symbols([node])
    return bool(found) and found <= data | allowed


def _entry(value: np.ndarray) -> tuple | None:
    bad = np.argwhere(~np.isfinite(value))
    return tuple(int(i) for i in bad[0]) if len(bad) else None


def _named_entry(argument, index: tuple, data: Mapping, rows: Mapping) -> str:
    """``x[2, 0] = -3`` (or ``x[2] = -3`` for a rank-1 input): the entry of ``argument`` (data) at ``index``, its
    batch axis numbered by ``rows[argument]`` (the user's rows a mini-batch holds) where ``rows`` has it."""
    if argument in data:
        kept = index[:len(shape_of(argument))] if is_matrix(argument) else ()
        shown = describe_value(np.asarray(data[argument], dtype=float)[kept])
        named = list(kept)
        if argument in rows:
            axis = shape_of(argument).index(None)
            named[axis] = int(rows[argument][kept[axis]])
        return f"{argument}[{', '.join(map(str, named))}] = {shown}" if kept else f"{argument} = {shown}"
    value = np.asarray(evaluate_as_fed(argument, data), dtype=float)
    shown = describe_value(value[index] if value.ndim else value)
    return f"entry {list(index)} of {argument}, where it is {shown}"


def _what(value) -> str:
    return "nan (no real value)" if np.isnan(value) else f"{float(value):g}"


def _elementwise_fault(node: ElementwiseApplyFunction, data: Mapping, known: set, rows: Mapping) -> str | None:
    """Inside ``argument.applyfunc(lambda s: ...)`` over data (``known``: its symbols): the first subexpression of the
    body that reads only ``s`` (and data) and is not finite at some entry."""
    variable, body = lambda_parts(node.function)
    for inner in postorder([body], _outside_lambdas):
        if not inner.args or not _reads_only(inner, known, frozenset({variable})) or variable not in inner.free_symbols:
            continue
        values = np.asarray(evaluate_as_fed(node.expr.applyfunc(sympy.Lambda(variable, inner)), data), dtype=float)
        index = _entry(values)
        if index is not None:
            shown = inner.xreplace({variable: sympy.Symbol(str(node.expr) if node.expr in data else "s")})
            return f"{shown} is {_what(values[index])} at {_named_entry(node.expr, index, data, rows)}"
    return None


def data_fault(cost, data: Mapping, rows: Mapping | None = None) -> str | None:
    """``"log(x) is nan (no real value) at x[2, 0] = -3"``: the innermost subexpression of ``cost`` that reads only
    ``data`` (``{symbol: value}`` of the inputs that are not parameters) and is not finite there, or ``None``.
    Where ``data`` is a mini-batch, ``rows`` (``{batched symbol: the user's row of each of its rows}``) names an
    entry by its row in the user's data, not in the mini-batch."""
    data = {symbol: declared_value(symbol, value) for symbol, value in data.items()}
    known = set(data)
    with np.errstate(all="ignore"):  # the non-finite values are what is looked for
        return _first_fault(cost, data, known, rows or {})


def _first_fault(cost, data: dict, known: set, rows: Mapping) -> str | None:
    for node in postorder([cost], _outside_lambdas):
        try:
            if isinstance(node, ElementwiseApplyFunction) and _reads_only(node.expr, known):
                found = _elementwise_fault(node, data, known, rows)
                if found is not None:
                    return found
            elif node.args and not isinstance(node, sympy.Lambda) and _reads_only(node, known):
                value = np.asarray(evaluate_as_fed(node, data), dtype=float)
                index = _entry(value)
                if index is not None:
                    inputs = sorted(free_symbols([node]), key=str)
                    where = (f" at {_named_entry(inputs[0], (), data, rows)}" if len(inputs) == 1 and not index else
                             f" at {_named_entry(node, index, data, rows)}" if index and node in data else  # P34-9
                             f" at entry {list(index)}" if index else "")
                    return f"{node} is {_what(value[index])}{where}"
        except SymoptError:  # a node the data cannot bind alone (a size symbol): nothing to say about it
            continue
    return None


def data_error(cost, data: Mapping, value: float, reached: str, result,
               rows: Mapping | None = None) -> DivergenceError | DomainError | None:
    """The error of a run whose cost became ``value`` (not finite) ``reached`` ("at step 3", "at the starting
    point") when :func:`data_fault` finds the data entry that causes it (``rows``: as there): a :class:`DomainError`
    for NaN, a :class:`DivergenceError` for an infinite cost; ``result`` (the run so far) becomes its ``result``;
    else ``None``."""
    fault = data_fault(cost, data, rows)
    if fault is None:
        return None
    message = (f"the cost is {value} {reached} because of the data: {fault}. {DATA_ADVICE}"
               + ("" if result is None else " error.result holds the best parameters seen."))
    if np.isnan(value):
        error = DomainError(message)
        error.result = result
        return error
    return DivergenceError(message, result)
