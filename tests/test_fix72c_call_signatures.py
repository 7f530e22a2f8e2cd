"""final44c F44c-1/2/5: a compiled function's remembered call signatures are safe when another thread adds one
mid-lookup; a float32 function passes Python float scalars, and a scalar with a promise passes when it keeps it, with
the checked path's bits and refusals."""

from __future__ import annotations

import functools
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import sympy

import symopt
from symopt import ops
from symopt.call_signatures import CallSignatures
from symopt.errors import FeedError


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


@functools.cache
def _ridge(dtype: str, promise: bool):
    """Ridge regression of 32 rows by 8: ``mean((X w - y)^2) + lam * sum(w^2)``, ``lam`` positive or plain."""
    X, y = symopt.Placeholder("X", (None, 8)), symopt.Placeholder("y", (None, 1))
    w = symopt.Variable("w", 0.0, shape=(8, 1))
    lam = sympy.Symbol("lam", positive=True) if promise else sympy.Symbol("lam")
    f = symopt.compile(ops.mean(ops.square(X @ w - y)) + lam * ops.sum(ops.square(w)), w, dtype=dtype)
    rng = np.random.default_rng(0)
    data = {X: rng.standard_normal((32, 8)).astype(dtype), y: rng.standard_normal((32, 1)).astype(dtype),
            w: rng.standard_normal((8, 1)).astype(dtype)}
    return f, data, lam


def _checked_calls(f, monkeypatch) -> list:
    calls, real = [], f._checked_values
    monkeypatch.setattr(f, "_checked_values", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def _outcome(f, feed):
    """The value's and gradient's bytes and types, or the refusal's type and message."""
    try:
        value, grad = f(feed)
    except FeedError as error:
        return type(error), str(error)
    return type(value), value.tobytes(), grad.dtype, grad.tobytes()


def _checked_then_fast(f, feed, monkeypatch):
    """The outcome of ``feed`` on the checked path (the signature forgotten first), then of the same call again, and
    how many of the second call's values were checked."""
    f._signatures.orders = {}
    checked = _outcome(f, feed)
    calls = _checked_calls(f, monkeypatch)
    again = _outcome(f, feed)
    monkeypatch.undo()
    return checked, again, calls


FLOAT32_CASES = [0.1, 1 / 3, -2.5, 0.0, -0.0, 1.0e30, 1e-40, 1.5e-45, 2.1e-45, float("nan")]


@pytest.mark.parametrize("lam", FLOAT32_CASES)
def test_a_float32_function_passes_a_python_float_with_the_checked_paths_bits(lam, monkeypatch):
    f, data, symbol = _ridge("float32", False)
    checked, again, calls = _checked_then_fast(f, {**data, symbol: lam}, monkeypatch)
    assert again == checked
    assert calls == []  # main: every call with a float checked in full


@pytest.mark.filterwarnings("ignore:overflow encountered")
@pytest.mark.parametrize("lam", [1e39, -1e39, 1e-50, float("inf"), 1e-46, 3.4028235e38])
def test_a_float32_function_checks_a_float_it_cannot_keep_as_before(lam, monkeypatch):
    """Past float32's range or below its smallest step : the checked path decides, as before (3.4028235e38 rounds
    to the largest float32)."""
    f, data, symbol = _ridge("float32", False)
    checked, again, calls = _checked_then_fast(f, {**data, symbol: lam}, monkeypatch)
    assert again == checked and calls == [1]


@pytest.mark.parametrize("dtype, lam", [("float64", 0.1), ("float64", np.float64(2.0)), ("float64", np.array(0.5)),
                                        ("float32", 0.1), ("float32", np.float32(3.0)), ("float32", 1e-40)])
def test_a_promised_scalar_that_keeps_its_promise_takes_the_fast_path(dtype, lam, monkeypatch):
    f, data, symbol = _ridge(dtype, True)
    checked, again, calls = _checked_then_fast(f, {**data, symbol: lam}, monkeypatch)
    assert again == checked and calls == []  # main: one promised scalar checked every call in full


@pytest.mark.parametrize("dtype, lam", [("float64", -0.1), ("float64", 0.0), ("float64", float("nan")),
                                        ("float32", np.float32(-1.0)), ("float32", -0.0)])
def test_a_promised_scalar_that_breaks_its_promise_is_refused_as_before(dtype, lam, monkeypatch):
    f, data, symbol = _ridge(dtype, True)
    f({**data, symbol: 0.5})  # the signature remembered, its fast path open
    calls = _checked_calls(f, monkeypatch)
    with pytest.raises(FeedError, match="expected a positive number, as it is declared with"):
        f({**data, symbol: lam})
    assert calls == [1]
