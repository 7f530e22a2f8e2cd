"""How a run's parameters are labelled where they are listed (a :class:`~symopt.result.Result`'s repr and notebook
table): by name, and different symbols of one name told apart by primes after the first, ``W`` and ``W′``, in the
order they were made, as :func:`symopt.derive` and :func:`symopt.graph` label them."""

from __future__ import annotations

from functools import cmp_to_key

from .symbols import creation_order

__all__ = ["parameter_labels"]

#: SymPy's own order of two expressions (for plain SymPy symbols, which have no time of making).
_COMPARE = cmp_to_key(lambda a, b: a.compare(b))


def parameter_labels(symbols) -> dict:
    """``{symbol: label}``: its name, with one prime per earlier-made symbol of the same name (``W``, ``W′``, ``W′′``); symopt's symbols in the order they were made, then plain SymPy ones."""
    by_name: dict = {}
    for symbol in sorted(symbols, key=lambda s: (creation_order(s) < 0, creation_order(s), _COMPARE(s))):
        by_name.setdefault(str(getattr(symbol, "name", symbol)), []).append(symbol)
    return {symbol: name + "′" * count for name, group in by_name.items() for count, symbol in enumerate(group)}
