"""The bounded cache of compiled functions every compile path shares."""

from __future__ import annotations

from collections import OrderedDict

__all__ = ["BoundedCache", "CACHE"]


class BoundedCache:
    """A least-recently-used cache of compiled functions, keyed on expressions and options."""

    def __init__(self, size: int = 128):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.hits = self.misses = 0

    def get_or_build(self, key, build):
        try:
            value = self.entries[key]
        except KeyError:
            self.misses += 1
            value = self.entries[key] = build()
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
            return value
        except TypeError:  # an unhashable option: build without caching
            return build()
        self.hits += 1
        self.entries.move_to_end(key)
        return value

    def clear(self) -> None:
        self.entries.clear()
        self.hits = self.misses = 0


#: Compiled steps and value-and-gradient functions, shared by every caller.
CACHE = BoundedCache()
