"""Primes that tell apart different symbols of one name in a display (``W``, ``W′``, ``W′′``)."""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cmp_to_key

import sympy

from ..symbols import creation_order
from ..traversal import unique_nodes

__all__ = ["primes", "parameter_name", "made_order", "prime_counts", "counting_primes"]

#: Different symbols of one name in the display being made (``Symbol("w")`` beside ``Symbol("w", positive=True)``,
#: two Variables named ``W``): ``{symbol: number of primes}``, the first (in creation order) none (``W``, ``W′``).
_PRIMES: ContextVar[dict] = ContextVar("primes", default={})


def primes(symbol) -> int:
    """How many primes ``symbol`` prints with in the display being made (0 for the first symbol of a name)."""
    return _PRIMES.get().get(symbol, 0)


def parameter_name(symbol) -> str:
    """``symbol``'s name as a display labels it: ``w``, or ``w′`` for a second symbol named ``w``."""
    return str(symbol.name) + "′" * primes(symbol)


#: SymPy's own order of two expressions, as a sort key.
_COMPARE = cmp_to_key(lambda a, b: a.compare(b))


def made_order(symbols, expressions: list) -> list:
    """``symbols`` (of ``expressions``) in the order they were made, the order their primes count in: symopt's
    (Variables, Placeholders) by their process's count, then plain SymPy ones, which have no time of making, in
    SymPy's order (probe23 P23-10).  Symbols made in other processes (pool workers, forked children) can share a
    count: those go by where ``expressions`` first hold them, the bare symbols among them first (a run's parameters,
    a derivation's wrt), never by the random token of their process (probe95 P95-1: two workers' ``z`` were
    labelled ``z`` and ``z′`` either way round from one run to the next)."""
    counts = [creation_order(symbol) for symbol in symbols]
    made = [count for count in counts if count >= 0]
    place = _first_places(expressions) if len(set(made)) < len(made) else {}

    def key(symbol):
        count = creation_order(symbol)
        return count < 0, count, place.get(symbol, len(place)) if count >= 0 else 0, _COMPARE(symbol)
    return sorted(symbols, key=key)


def _first_places(expressions: list) -> dict:
    """``{symbol: place}``: where a walk of ``expressions``, the bare symbols among them first, first meets each."""
    leaves = (sympy.Symbol, sympy.MatrixSymbol)
    ordered = [e for e in expressions if isinstance(e, leaves)] + [e for e in expressions if not isinstance(e, leaves)]
    place: dict = {}
    for node in unique_nodes(ordered):
        if isinstance(node, leaves):
            place.setdefault(node, len(place))
    return place


def prime_counts(groups: list, names: set) -> dict:
    """``{symbol: primes}`` for the second and later symbols of each group of one name (each group in order): 1, 2,
    ... skipping a count whose label another symbol is named or another symbol was given (a plain ``Symbol("U′")``
    beside two ``U``: the second ``U`` is ``U′′``; beside a second ``U′`` too, that one is ``U′′′``: final46d
    46d-5, final47a 47a-3)."""
    taken, counts = set(names), {}
    for group in groups:
        stem, count = str(group[0].name), 0
        for symbol in group[1:]:
            count = next(n for n in itertools.count(count + 1) if stem + "′" * n not in taken)
            counts[symbol] = count
            taken.add(stem + "′" * count)
    return counts


@contextmanager
def counting_primes(primed: dict):
    """Within the block, the symbols of ``primed`` print with their numbers of primes (added to the enclosing
    block's)."""
    token = _PRIMES.set({**_PRIMES.get(), **primed})
    try:
        yield
    finally:
        _PRIMES.reset(token)
