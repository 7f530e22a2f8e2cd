"""Locks that a forked child gets anew.

A child forked while another thread held a lock inherits it held, and that thread does not exist in the child,
so the lock would never be released (probe34 P34-3).  An object whose lock lives in one of its attributes
registers it here; after a fork the child sets a new, free lock there.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable

__all__ = ["lock_renewed_in_children"]

#: owner -> (the attribute holding its lock, the lock's factory), for :func:`_renew_locks`.
_OWNERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def lock_renewed_in_children(owner, attribute: str = "lock", factory: Callable = threading.Lock):
    """A new lock for ``owner.<attribute>`` (``factory()``), replaced by a fresh one in every forked child."""
    _OWNERS[owner] = (attribute, factory)
    return factory()


def _renew_locks() -> None:
    for owner, (attribute, factory) in list(_OWNERS.items()):
        setattr(owner, attribute, factory())


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_renew_locks)
