r"""The checked binding of a compiled function's call, remembered per call signature (probe72 P72-4).

A call ``f(feed)`` is checked in full (:func:`~symopt.binding.resolve_feed`, :func:`~symopt.binding.as_value`) the
first time its keys are seen.  Later calls with the same keys, in the same order, reuse where each key goes, and a
value already in the form the generated function takes passes unconverted:

- a scalar input: ``float`` or ``numpy.float64`` (float64 functions), ``numpy.float32`` or a ``float`` that float32
  keeps finite and nonzero (float32 functions: the same rounding as the checked path), or a 0-d array of the dtype,
  given as the backend's scalar type; a scalar declared with a promise (``positive=True``) passes when its converted
  value keeps the promise (a value that breaks it takes the checked path, which refuses it);
- a matrix input ``(r, c)``: a ``numpy.ndarray`` of the dtype, 2-D, fitting ``(r, c)``, given as it is;
- a vector input ``(n,)``: a ``numpy.ndarray`` of the dtype, 1-D, fitting ``(n,)``, given as ``array.reshape(-1, 1)``.

These are exactly the values :func:`~symopt.binding.as_value` returns unchanged (or only reshaped): no conversion
narrows them, none is None, complex, text or a table, so its checks cannot refuse them.  Any other value (a list, an
int, an array of another dtype or shape, a table, a float past float32's range, a promised scalar that breaks its
promise) sends the whole call down the checked path, as does a new signature.  Checks on the values themselves (the
batch sizes agree, labels in range) run on every call.

Safe under threads without a lock: the remembered signatures are never changed in place, a new one replaces the
whole mapping (copy on write), so a call reading it while another thread adds one never sees it change size.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from .binding import fits_declared
from .symbols import is_matrix, shape_of
from .value_promises import PROMISES, promises_of

__all__ = ["CallSignatures", "call_signature", "positions_in"]

#: scalar types passed unconverted, by the function's dtype (a Python float is a float64)
_SCALAR_TYPES = {"float64": (float, np.float64), "float32": (np.float32,)}

#: a Python float a float32 function takes as it is: float32 keeps it finite and nonzero (else the checked path
#: decides: :func:`~symopt.narrowing.narrowed` refuses what float32 makes infinite or 0)
_FLOAT32_LARGEST = float(np.finfo(np.float32).max)
_FLOAT32_SMALLEST = float(np.finfo(np.float32).smallest_subnormal)

_MOST_SIGNATURES = 8  # a few ways of calling one function (by dict, by keyword, by position)


class CallSignatures:
    """Where each value of a checked call goes, per signature (the feed's keys in order, or the count of positional
    values), and whether a value may pass unconverted (``None`` for a backend that always converts: JAX)."""

    def __init__(self, inputs: list, by_name: dict, dtype: str, scalar_type, checked_always: bool = False):
        self.inputs, self.by_name, self.scalar_type = inputs, by_name, scalar_type
        self.array_dtype = None if checked_always else np.dtype(dtype)
        self.scalar_types = _SCALAR_TYPES.get(dtype, ())
        self.float32_floats = dtype == "float32"
        self.kinds = [_input_kind(symbol) for symbol in inputs]
        self.shapes = [shape_of(symbol) for symbol in inputs]  # Python ints and None: no SymPy comparison per call
        #: per input, the tests its promises make of a scalar's value (empty for most)
        self.promises = [tuple(PROMISES[name][0] for name in promises_of(symbol)) if kind == "scalar" else ()
                         for symbol, kind in zip(inputs, self.kinds)]
        #: {signature: positions of the given values in input order}; replaced, never changed in place (threads)
        self.orders: dict = {}

    def remember(self, signature) -> list[int] | None:
        """Record that a call of ``signature`` passed the full checks; the positions of its values in input order."""
        if self.array_dtype is None or len(self.orders) >= _MOST_SIGNATURES:
            return None
        positions = _found(self.orders, signature)
        if positions is None:
            positions = positions_in(signature, self.inputs, self.by_name)
            self.orders = {**self.orders, signature: positions}  # copy on write: a reader's mapping never changes
        return positions

    def values(self, signature, given: tuple) -> list | None:
        """The function's arguments for ``given`` (the values of a call of ``signature``), or ``None`` when the call
        must take the checked path (a signature not seen, or a value not in the function's form)."""
        if self.array_dtype is None:
            return None
        positions = _found(self.orders, signature)
        if positions is None:
            positions = self.named_positions(signature)
            if positions is None:
                return None
        values = []
        scalar_types, scalar_type = self.scalar_types, self.scalar_type
        for kind, declared, promises, position in zip(self.kinds, self.shapes, self.promises, positions):
            value = given[position]
            if kind == "scalar":  # the common case inline: a model of many scalars calls it once per scalar
                if type(value) not in scalar_types and not self.is_array_scalar(value) and \
                        not self.is_float32_float(value):
                    return None
                value = scalar_type(value)
                if promises and not all(holds(float(value)) for holds in promises):
                    return None  # the checked path refuses it, with its message
            else:
                value = self.passed(kind, declared, value)
                if value is None:
                    return None
            values.append(value)
        return values

    def named_positions(self, signature) -> list[int] | None:
        """The positions of a signature not seen before whose keys are the names of all inputs, each naming one input
        (what :func:`~symopt.binding.resolve_feed` accepts without a word for values that are not tables); None for
        any other, which the checked path resolves."""
        if not isinstance(signature, tuple) or len(signature) != len(self.inputs) or \
                not all(isinstance(key, str) for key in signature):
            return None
        named = [self.by_name.get(key) for key in signature]
        if any(symbol is None or isinstance(symbol, tuple) for symbol in named) or len(set(named)) != len(named):
            return None
        return self.remember(signature)

    def is_array_scalar(self, value) -> bool:
        """Whether ``value`` is a 0-d array of the function's dtype (``numpy.array(0.3)``)."""
        return type(value) is np.ndarray and value.ndim == 0 and value.dtype == self.array_dtype

    def is_float32_float(self, value) -> bool:
        """Whether ``value`` is a Python float a float32 function takes as it is: NaN, 0, or one float32 keeps finite
        and nonzero (rounded as the checked path rounds it, by ``numpy.float32``)."""
        return self.float32_floats and type(value) is float and \
            (value != value or value == 0 or _FLOAT32_SMALLEST <= abs(value) <= _FLOAT32_LARGEST)

    def passed(self, kind: str, declared: tuple, value):
        """``value`` as the function takes it when it is already in that form (see the module's table) for an input of
        shape ``declared`` (a matrix or a vector), else None."""
        if type(value) is not np.ndarray or value.dtype != self.array_dtype or \
                not fits_declared(declared, value.shape):
            return None
        return value if kind == "matrix" else value.reshape(-1, 1)


def call_signature(args: tuple, kwargs: dict) -> tuple:
    """``(signature, values given)`` of a call: its keys in order for ``f(feed)`` (a plain dict) or ``f(**names)``,
    the count of values for ``f(*values)`` without keywords; ``(None, ())`` for a call that mixes them (always checked)."""
    if not args:
        return tuple(kwargs), tuple(kwargs.values())
    if not kwargs and len(args) == 1 and type(args[0]) is dict:
        return tuple(args[0]), tuple(args[0].values())
    if not kwargs and not any(isinstance(arg, Mapping) for arg in args):
        return len(args), args
    return None, ()


def positions_in(signature, inputs: list, by_name: dict) -> list[int]:
    """For each of ``inputs``, the position of its value in a call of ``signature`` that passed the full checks (so
    that each key names one input, by symbol or by name, and every input is given)."""
    if isinstance(signature, int):
        return list(range(len(inputs)))
    where = {by_name[key] if isinstance(key, str) else key: position for position, key in enumerate(signature)}
    return [where[symbol] for symbol in inputs]


def _input_kind(symbol) -> str:
    """How a value for ``symbol`` may pass unconverted: "scalar", "matrix" or "vector"."""
    if not is_matrix(symbol):
        return "scalar"
    return "vector" if len(shape_of(symbol)) == 1 else "matrix"


def _found(orders: dict, signature):
    """The positions remembered for ``signature``: compared by ``==`` (a key seen again is the same object, which
    tuples compare without calling its ``__eq__``); no hashing of SymPy symbols on the way.  ``orders`` is never
    changed in place (:meth:`CallSignatures.remember` replaces it), so another thread's new signature cannot break
    this loop."""
    for known, positions in orders.items():
        if known == signature:
            return positions
    return None
