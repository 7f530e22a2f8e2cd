"""How a run's parameters are labelled where they are listed (a :class:`~symopt.result.Result`'s repr, notebook table
and lookup errors): by name, and different symbols of one name told apart by primes as :func:`symopt.derive` and
:func:`symopt.graph` label them in the cost, ``W`` and ``W′``, by :mod:`symopt.display.glyphs`' own numbering."""

from __future__ import annotations

import functools

__all__ = ["parameter_labels", "labelling_parameters"]


def parameter_labels(result) -> dict:
    """``{symbol: label}`` for ``result.params``: numbered among the symbols of ``result.cost_expression`` (a fed
    symbol of the same name made earlier counts, as in derive), or among the parameters alone where it is unknown."""
    from .display.glyphs import distinct_names, parameter_name  # the display's numbering, loaded on first use

    cost = getattr(result, "cost_expression", None)
    with distinct_names([*([cost] if cost is not None else []), *result.params]):
        return {symbol: parameter_name(symbol) if hasattr(symbol, "name") else str(symbol) for symbol in result.params}


def labelling_parameters(minimize):
    """``minimize`` whose :class:`~symopt.result.Result` keeps the cost it minimized, which its labels are read from
    when shown (nothing is computed per run)."""
    @functools.wraps(minimize)
    def labelled(cost, *args, **kwargs):
        result = minimize(cost, *args, **kwargs)
        result.cost_expression = cost
        return result
    return labelled
