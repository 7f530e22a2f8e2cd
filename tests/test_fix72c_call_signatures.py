"""final44c F44c-1: a compiled function's remembered call signatures are safe when another thread adds one
mid-lookup."""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import sympy

import symopt
from symopt.call_signatures import CallSignatures


class _KeyAddingOnCompare(str):
    """A key whose comparison, while a lookup walks the remembered signatures, makes ``signatures`` remember
    ``added`` (what another thread's first call does at that moment)."""

    signatures, added = None, None

    def __eq__(self, other):
        if self.added is not None:
            added, self.__class__.added = self.added, None
            self.signatures.remember(added)
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_signature_added_during_a_lookup_breaks_neither_the_lookup_nor_the_values():
    a, b = sympy.Symbol("a"), sympy.Symbol("b")
    signatures = CallSignatures([a, b], {"a": a, "b": b}, "float64", np.float64)
    signatures.remember(("a", "b"))
    _KeyAddingOnCompare.signatures, _KeyAddingOnCompare.added = signatures, ("b", "a")
    key = _KeyAddingOnCompare("b")  # compared with ("a", "b") first: no match, so the walk goes on after the insertion
    assert signatures.values((key, "a"), (2.0, 1.0)) == [1.0, 2.0]  # main: RuntimeError (dict changed size)
    assert _KeyAddingOnCompare.added is None  # the other signature was added mid-lookup
    assert signatures.values(("b", "a"), (2.0, 1.0)) == [1.0, 2.0]
    assert signatures.values(("a", "b"), (1.0, 2.0)) == [1.0, 2.0]


def test_threads_calling_one_function_for_the_first_time_get_right_values():
    ws = [symopt.Variable(f"t{i}", 0.0) for i in range(4)]
    f = symopt.compile(sum((w - i) ** 2 for i, w in enumerate(ws)), ws)
    orders = [ws, ws[::-1], ws[1:] + ws[:1], ws[2:] + ws[:2]] * 2
    barrier = threading.Barrier(len(orders))

    def failure(order) -> str | None:
        """What went wrong in 30 calls with the keys in ``order`` (all at once with the other threads), or None."""
        feed = {w: float(2 * ws.index(w)) for w in order}
        barrier.wait()
        try:
            for _ in range(30):
                value, grads = f(feed)
                assert value == sum(i * i for i in range(4)) and list(grads) == [2.0 * i for i in range(4)]
        except Exception as error:  # noqa: BLE001 - every failure is reported
            return repr(error)
        return None

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch often: the first calls of each key order overlap
    try:
        with ThreadPoolExecutor(len(orders)) as pool:
            errors = [error for error in pool.map(failure, orders) if error is not None]
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
