"""The compile cache's lock, proved by a race that happens every time without it.

Thread A finds its key in the cache and is held right there (between ``key in entries`` and
``move_to_end(key)``) until thread B has either evicted that key or is waiting for the lock.  With the lock,
B cannot get in, so A finishes first and both get their values.  Without the lock, B evicts A's key while A
is held, and A's ``move_to_end`` raises ``KeyError``: deterministic, no timing involved (the waits have a
generous safety limit only so that a broken cache cannot hang the suite)."""

from __future__ import annotations

import threading
from collections import OrderedDict

from symopt.cache import BoundedCache

SAFETY = 30.0  # seconds; never reached when the cache behaves either way


class AnnouncingLock:
    """A lock that says when a thread other than ``holder`` starts waiting for it."""

    def __init__(self, announce: threading.Event, holder: threading.Thread):
        self.inner = threading.Lock()
        self.announce = announce
        self.holder = holder

    def __enter__(self):
        if threading.current_thread() is not self.holder:
            self.announce.set()
        self.inner.acquire()
        return self

    def __exit__(self, *exception):
        self.inner.release()
        return False


class PausingEntries(OrderedDict):
    """Entries whose membership test holds ``reader`` until ``resume`` is set (once)."""

    def __init__(self, reader: threading.Thread, resume: threading.Event):
        super().__init__()
        self.reader = reader
        self.resume = resume
        self.paused = threading.Event()

    def __contains__(self, key):
        found = super().__contains__(key)
        if threading.current_thread() is self.reader and not self.paused.is_set():
            self.paused.set()
            self.resume.wait(SAFETY)
        return found


def test_a_hit_and_an_eviction_at_the_same_moment_both_get_their_values():
    cache = BoundedCache(size=1)
    cache.get_or_build("a", lambda: "value of a")
    outcomes: dict = {}
    moved = threading.Event()

    def hit():
        try:
            outcomes["A"] = cache.get_or_build("a", lambda: "rebuilt a")
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            outcomes["A"] = repr(error)

    def evict():
        try:
            outcomes["B"] = cache.get_or_build("b", lambda: "value of b")  # size 1: evicts "a"
        except Exception as error:  # noqa: BLE001
            outcomes["B"] = repr(error)
        moved.set()

    reader, other = threading.Thread(target=hit), threading.Thread(target=evict)
    cache.entries = PausingEntries(reader, moved)
    cache.entries["a"] = "value of a"
    cache.lock = AnnouncingLock(moved, reader)
    reader.start()
    assert cache.entries.paused.wait(SAFETY)  # A is held inside its membership test
    other.start()
    reader.join(SAFETY)
    other.join(SAFETY)
    assert outcomes == {"A": "value of a", "B": "value of b"}
    assert list(cache.entries) == ["b"]
    assert (cache.hits, cache.misses) == (1, 2)  # the first build of a, A's hit, B's miss
