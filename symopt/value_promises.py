"""The promises of scalar data symbols (``positive=True``, ``integer=True``): SymPy simplified the cost under them
(``sqrt(s**2)`` is ``s``, ``sin(pi*k)`` is 0), so a value fed that breaks one gives a silently wrong number and is
refused where the expression reads the symbol.  One number fed for a promised symbol the expression does not read
gets a warning: SymPy may have simplified it away, or the cost never read it (a data dict shared by several costs),
and symopt cannot tell which (final41d F41d-2)."""

from __future__ import annotations

import functools
import math
import numbers
import warnings

import numpy as np
import sympy

from .errors import FeedError
from .jax_tracers import is_traced
from .symbols import is_matrix
from .wrt import declared_promise

__all__ = ["PROMISES", "promises_of", "refuse_traced_promise", "check_promises", "broken_promise",
           "check_unread_promise",
           "vanished_note"]


#: What a value must be for each SymPy assumption of a scalar input: SymPy simplified the cost under it
#: (``sqrt(s**2)`` is ``s`` for ``positive=True``), so a value breaking it gives a silently wrong number.
PROMISES = {
    "zero": (lambda x: x == 0, "0"),  # first: it implies nonnegative and nonpositive, whose messages would say less
    "positive": (lambda x: x > 0, "a positive number"),
    "negative": (lambda x: x < 0, "a negative number"),
    "nonnegative": (lambda x: x >= 0, "a number >= 0"),
    "nonpositive": (lambda x: x <= 0, "a number <= 0"),
    "nonzero": (lambda x: x != 0, "a nonzero number"),
    "extended_positive": (lambda x: x > 0, "a positive number"),  # the same simplifications (sqrt(s**2) is s)
    "extended_negative": (lambda x: x < 0, "a negative number"),
    "extended_nonnegative": (lambda x: x >= 0, "a number >= 0"),
    "extended_nonpositive": (lambda x: x <= 0, "a number <= 0"),
    "extended_nonzero": (lambda x: x != 0, "a nonzero number"),
    "integer": (lambda x: math.isfinite(x) and x.is_integer(), "a whole number"),
    "even": (lambda x: math.isfinite(x) and x.is_integer() and x % 2 == 0, "an even whole number"),
    "odd": (lambda x: math.isfinite(x) and x.is_integer() and x % 2 == 1, "an odd whole number"),
    "prime": (lambda x: _whole(x) and sympy.isprime(int(x)), "a prime number"),  # |x - 2| is x - 2 for a
    "composite": (lambda x: _whole(x) and x > 1 and not sympy.isprime(int(x)), "a composite whole number"),  # prime
    "noninteger": (lambda x: not math.isfinite(x) or not x.is_integer(), "a number that is not whole"),  # (P73-2)
}


def _whole(x) -> bool:
    return math.isfinite(x) and x.is_integer()


@functools.lru_cache(maxsize=4096)
def promises_of(symbol) -> tuple:
    """The assumptions among :data:`PROMISES` that a scalar ``symbol`` declares (with those they imply)."""
    declared = getattr(symbol, "assumptions0", {})
    return tuple(name for name in PROMISES if declared.get(name))


def refuse_traced_promise(symbol, value) -> None:
    """A value traced inside the caller's ``jax.jit`` has no number to check a promise (``positive=True``) against,
    and SymPy simplified the cost under it: refused, naming the ways out (JAX's bare ``ConcretizationTypeError``
    before: probe39 P39-2)."""
    if is_traced(value):
        shown, _ = declared_promise(symbol, {name: True for name in promises_of(symbol)})
        raise FeedError(f"value for {symbol}: expected a number symopt can check against its declaration {shown}; "
                        f"given a value traced inside your own jax.jit (or vmap), which has no number until it runs. "
                        f"Pass {symbol} into the jitted function as a static argument, call symopt's function outside "
                        f"jax.jit, or declare {symbol} without the assumption (sympy.Symbol({str(symbol)!r}))")


def check_promises(symbol, value: float) -> None:
    """Refuse a ``value`` that breaks a promise ``symbol`` was declared with."""
    broken = broken_promise(symbol, value)
    if broken:
        raise FeedError(f"{broken} so this value would give a silently wrong number. Feed a value that keeps it, or "
                        f"declare sympy.Symbol({str(symbol)!r}, real=True) and build the cost again.")


def broken_promise(symbol, value: float) -> str:
    """What promise of ``symbol`` the number ``value`` breaks, and what SymPy did under it ("" if none)."""
    for name in promises_of(symbol):
        holds, expected = PROMISES[name]
        if not holds(value):
            shown, example = declared_promise(symbol, {name: True})
            return (f"value for {symbol}: expected {expected}, as it is declared with {shown}; given {value}. "
                    f"SymPy simplified the cost under that promise{example},")
    return ""


def check_unread_promise(symbol, value) -> None:
    """Warn where one number (a bool, int or float, not None, not an array) fed for a scalar symbol the expression
    does not read breaks the symbol's promise: SymPy may have removed the symbol under it (``sin(pi*k) + w`` is ``w``
    for an integer ``k``, and ``k = 0.5`` then gave ``w`` where the formula written is ``1 + w``: probe57 P57-3), or
    the cost never read it (final41d F41d-2: a data dict shared by several costs must still serve)."""
    if is_matrix(symbol) or not promises_of(symbol) or not isinstance(value, (numbers.Real, np.generic, np.ndarray)):
        return  # None, a string, a traced value: nothing this expression reads, nothing to check
    if np.ndim(value) != 0 or np.asarray(value).dtype.kind not in "biuf":
        return
    broken = broken_promise(symbol, float(value))
    if broken:
        warnings.warn(f"{broken} and the expression does not read {symbol}: if the cost you wrote read {symbol}, SymPy "
                      f"may have simplified it away, and this value gives a number other than your formula's. Feed a "
                      f"value that keeps the promise, or declare sympy.Symbol({str(symbol)!r}, real=True) and build "
                      f"the cost again; if the cost never read {symbol}, ignore this.", UserWarning, stacklevel=3)


def vanished_note(symbol) -> str:
    """Why a symbol with a promise may be missing from the expression (``sin(pi*k)`` is 0 for an integer ``k``)."""
    if is_matrix(symbol) or not promises_of(symbol):
        return ""
    shown, example = declared_promise(symbol, {})
    return (f". {symbol} is declared with {shown}, and SymPy may have simplified away what read it{example}: if "
            f"the expression should read {symbol}, declare sympy.Symbol({str(symbol)!r}, real=True) and build it again")
