"""The bounded cache of compiled functions every compile path shares (safe to use from many threads), and
:func:`clear_caches`, which empties it and every other :class:`BoundedCache`."""

from __future__ import annotations

import weakref
from collections import OrderedDict

from .child_locks import lock_renewed_in_children

__all__ = ["BoundedCache", "CACHE", "clear_caches"]

#: Every :class:`BoundedCache` made, for :func:`clear_caches`.
_ALL: weakref.WeakSet = weakref.WeakSet()


class BoundedCache:
    """A least-recently-used cache of compiled functions, keyed on expressions and options.

    One lock guards the entries and counters; ``build`` runs outside it (two threads missing the same key
    may both build, and the first stored value is the one every caller gets).  A child forked while another
    thread held the lock gets a new one (that thread does not exist in the child, so the held lock would never be
    released: probe34 P34-3; child_locks.py)."""

    def __init__(self, size: int = 128):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.hits = self.misses = 0
        self.lock = lock_renewed_in_children(self)
        _ALL.add(self)

    def get_or_build(self, key, build):
        try:
            with self.lock:
                if key in self.entries:
                    self.hits += 1
                    self.entries.move_to_end(key)
                    return self.entries[key]
                self.misses += 1
        except TypeError:  # an unhashable option: build without caching
            return build()
        value = build()
        with self.lock:
            value = self.entries.setdefault(key, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.hits = self.misses = 0


#: Compiled steps and value-and-gradient functions, shared by every caller.
CACHE = BoundedCache()


def clear_caches() -> None:
    """Empty every cache of compiled code and checked set-up.  Their keys hold the costs run and so their Variables,
    each with a copy of its starting values: random restarts of a large model keep up to 128 models' starting
    weights until their entries are evicted (probe65 P65-3); this frees them at once."""
    for cache in list(_ALL):
        cache.clear()
