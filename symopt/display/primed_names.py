"""Primes that tell apart different symbols of one name in a display (``W``, ``W′``, ``W′′``)."""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["primes", "parameter_name", "prime_counts", "counting_primes"]

#: Different symbols of one name in the display being made (``Symbol("w")`` beside ``Symbol("w", positive=True)``,
#: two Variables named ``W``): ``{symbol: number of primes}``, the first (in creation order) none (``W``, ``W′``).
_PRIMES: ContextVar[dict] = ContextVar("primes", default={})


def primes(symbol) -> int:
    """How many primes ``symbol`` prints with in the display being made (0 for the first symbol of a name)."""
    return _PRIMES.get().get(symbol, 0)


def parameter_name(symbol) -> str:
    """``symbol``'s name as a display labels it: ``w``, or ``w′`` for a second symbol named ``w``."""
    return str(symbol.name) + "′" * primes(symbol)


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
