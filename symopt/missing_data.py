"""The data a training run needs and was not given: which inputs, and, where a parameter and data of the cost share a
name (two different symbols ``w``, as a notebook makes by running ``w = Variable("w", ...)`` again after the cost was
built), why that name cannot give it; and, for ``evaluate``, the fed data that give an expression the batch size
:math:`m` it holds but reads no input for (the Hessian ``[[2*m]]`` of a sum over rows)."""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from .errors import FeedError, ShapeError
from .same_name_causes import assumption_cause, given_assumptions
from .symbols import BATCH, is_batched, symbolic
from .traversal import free_symbols

__all__ = ["twin_names", "check_complete", "refuse_ambiguous_names", "batch_size_carriers"]


def twin_names(parameters, data_symbols) -> dict:
    """``{name: count}`` of the names a parameter shares with data the cost also reads."""
    names = [str(symbol) for symbol in data_symbols]
    return {str(p): 1 + names.count(str(p)) for p in parameters if str(p) in names}


def _twins_text(name: str, twins: dict, symbols) -> str:
    """Why the cost reads several symbols named ``name``: ``symbols`` (the parameter first) differ by their
    assumptions (probe82 P82-1: parse_expr's plain ``w`` beside a Variable), or a Variable was made again."""
    same_name = [symbol for symbol in symbols if str(symbol) == name]
    cause = assumption_cause(same_name)
    if cause:
        made = "; ".join(given_assumptions(symbol) for symbol in same_name)
        return (f"the cost reads {twins[name]} different symbols named {name!r}, the parameter wrt trains and data "
                f"({made}): {cause}")
    return (f"the cost reads {twins[name]} different symbols named {name!r}, the parameter wrt trains and data "
            "(a Variable made again, e.g. by re-running a notebook cell, after the cost was built)")


def refuse_ambiguous_names(parameters, data: Mapping, data_symbols) -> None:
    """A FeedError for a name in ``data`` that means both a trained parameter and data of the cost."""
    twins = twin_names(parameters, data_symbols)
    named = [key for key in data if isinstance(key, str) and key in twins]
    if named:
        why = _twins_text(named[0], twins, [*parameters, *data_symbols])
        raise FeedError(f"data name {named[0]!r} is ambiguous: {why}. Give the other one by "
                        "symbol, data={symbol: value}, or build the cost again from one symbol of that name")


def check_complete(parameters, data_symbols, feed: Mapping) -> None:
    """A FeedError naming the data the cost reads that ``feed`` does not give; "pass data={name: value}" unless a
    missing input is named like a parameter (its name would mean the parameter too)."""
    missing = [s for s in data_symbols if s not in feed]
    if not missing:
        return
    names = [str(s) for s in missing]
    twins = twin_names(parameters, missing)
    if twins:
        name = next(iter(twins))
        why = _twins_text(name, twins, [*parameters, *missing])
        raise FeedError(f"missing data for {names}: {why}. Give the other {name} by symbol, "
                        "data={symbol: value} (its name would also mean the parameter), or build the cost again "
                        "from one symbol of that name")
    variables = [str(s) for s in missing if hasattr(s, "init")]  # a Variable left out of wrt (probe26 P26-E)
    if variables:
        listed = "[" + ", ".join([str(p) for p in parameters] + variables) + "]"
        if not all(hasattr(p, "init") for p in parameters):  # a start given in wrt's dict (final44e F44e-7)
            listed = "{" + ", ".join([f"{p}: start" for p in parameters] + [f"{v}: value" for v in variables]) + "}"
        raise FeedError(f"missing data for {names}: {', '.join(variables)} "
                        f"{'is a Variable' if len(variables) == 1 else 'are Variables'} the cost reads that wrt does "
                        f"not list; add {'it' if len(variables) == 1 else 'them'} to wrt to train "
                        f"{'it' if len(variables) == 1 else 'them'} (wrt={listed}), or hold "
                        f"{'it' if len(variables) == 1 else 'them'} at a value with data={{name: value}}"
                        + "".join(f"; pass data for {name} too" for name in names if name not in variables))
    raise FeedError(f"missing data for {names}: the cost reads them; pass data={{name: value}}")


def batch_size_carriers(expr, symbols: list, data) -> list:
    """The fed inputs with a batch dimension that give ``expr`` its size :math:`m` where it reads none: a Hessian
    of a sum over rows (``2*m``), a Fisher information ``m*exp(-2*ls)``.  Their rows are :math:`m`; their values are
    not read.  Without one, a :class:`ShapeError` saying to feed the data the expression was built from."""
    if any(is_batched(s) for s in symbols) or BATCH not in free_symbols([symbolic(expr)]):  # linear in a shared DAG
        return []
    carriers = sorted((key for key in (data if isinstance(data, Mapping) else {})
                       if isinstance(key, sympy.Basic) and is_batched(key) and key not in symbols), key=str)
    if not carriers:
        raise ShapeError(
            f"{_short(expr)} holds the batch size {BATCH} (the number of rows of the data: the Hessian of a sum over "
            "rows is 2*m) but reads no data: feed any input with a batch dimension, by symbol, and m is its number of "
            "rows (evaluate(H, {x: data, ...}), the data the expression was built from; symopt.BATCH itself is "
            "never fed).")
    return carriers


def _short(expr) -> str:
    text = str(expr)
    return text if len(text) <= 60 else text[:57] + "..."
