r"""What a ``callback(step, cost, params)`` may do to ``params`` (probe45 P45-3).

A first-order run (:class:`~symopt.training_run.TrainingRun`) takes a value stored into ``params`` as the parameter's
new value, TF1's ``tf.assign(w, tf.clip_by_value(w, 0, 1))`` after the train op: ``p[w] = np.clip(p[w], 0, 1)``
projects the run, a scalar parameter included (it reaches the callback as a number, which cannot be changed in
place).  A ``method=`` run's iterate is SciPy's (or Newton's, whose verdict is taken before the callback): there the
callback gets :class:`ReadOnlyParams`, whose stores and in-place writes raise
:class:`~symopt.errors.ConfigurationError` naming ``bounds=`` with ``method='lbfgs'`` for a box.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .errors import ConfigurationError
from .symbols import shape_of

__all__ = ["ReadOnlyParams", "stored_value", "stored_params", "called_read_only"]

METHOD_ADVICE = ("A method= run's iterate belongs to SciPy (or to Newton, which judged it before the callback ran), "
                 "so its callback can only read params. For a box use bounds={w: (low, high)} with method='lbfgs'; "
                 "for a projection after every step, a first-order run (optimizer=...), whose callback may store "
                 "p[w] = np.clip(p[w], low, high); or return True to stop.")


def stored_value(parameter, given, current):
    """The value a callback stored for ``parameter`` (``given``) in the form the run computes with, shaped and typed
    as ``current`` (a rank-1 parameter's (n, 1) column, in ``current``'s memory layout and dtype; a scalar's NumPy or
    Python scalar); a value of another shape, or one that is not finite, is refused before the run takes it."""
    declared = shape_of(parameter)
    try:
        array = np.asarray(given, dtype=np.result_type(current))
    except (TypeError, ValueError) as error:
        raise ConfigurationError(f"callback stored {type(given).__name__} {given!r:.60} for {parameter}: expected "
                                 f"numbers of shape {declared} ({error})") from None
    if array.shape != tuple(declared):
        raise ConfigurationError(f"callback stored a value of shape {array.shape} for {parameter}: expected shape "
                                 f"{tuple(declared)}, the parameter's declared shape (as params[{parameter}] is)")
    if not np.all(np.isfinite(array)):
        raise ConfigurationError(f"callback stored a value that is not finite for {parameter} ({array.ravel()[:5]}): "
                                 "expected finite numbers")
    if not isinstance(current, np.ndarray):
        return type(current)(array) if isinstance(current, np.generic) else float(array)
    fresh = np.empty_like(current)  # the run's layout (a column-major weight stays one) and dtype
    fresh[...] = array.reshape(current.shape)
    return fresh


class ReadOnlyParams(Mapping):
    """``{parameter: value}`` a ``method=`` run's callback reads: read-only arrays (copies of the iterate), and
    ``params[w] = ...`` refused with what to do instead."""

    def __init__(self, values: dict):
        self._values = {}
        for parameter, value in values.items():
            value = np.array(value, copy=True) if isinstance(value, np.ndarray) else value
            if isinstance(value, np.ndarray):
                value.flags.writeable = False
            self._values[parameter] = value

    def __getitem__(self, parameter):
        return self._values[parameter]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __setitem__(self, parameter, value):
        raise ConfigurationError(f"callback stored a value for {parameter} in params: expected a callback that only "
                                 f"reads params in a method= run. {METHOD_ADVICE}")

    def __repr__(self) -> str:
        return f"ReadOnlyParams({self._values!r})"


def called_read_only(callback, step: int, value: float, params: dict):
    """``callback(step, value, ReadOnlyParams(params))``; NumPy's ``ValueError`` for a write into one of its arrays
    (``np.clip(p[w], 0, 1, out=p[w])``, ``p[w][0] = 0``) becomes a :class:`ConfigurationError` saying what to do."""
    try:
        return callback(step, value, ReadOnlyParams(params))
    except ValueError as error:
        if "read-only" not in str(error):
            raise
        raise ConfigurationError(f"callback raised NumPy's '{error}': in a method= run the arrays of params are "
                                 "read-only copies, expected a callback that only reads them (if the array written was "
                                 f"one of your own, make it writeable). {METHOD_ADVICE}") from error


def stored_params(parameters: list, handed: dict, given: dict, params: list) -> list:
    """``params`` (the run's values) with each value the callback replaced in ``given`` (the dict it was handed, a
    copy of which is ``handed``) taken in; a key that names no parameter is refused."""
    unknown = [key for key in given if key not in handed]
    if unknown:
        raise ConfigurationError(f"callback stored {unknown[0]!r} in params: expected one of the run's parameters "
                                 f"{list(parameters)} as the key (params[w] for the Variable w)")
    return [current if given.get(parameter, handed[parameter]) is handed[parameter]
            else stored_value(parameter, given[parameter], current)
            for parameter, current in zip(parameters, params)]
