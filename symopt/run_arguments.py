"""Checks of :func:`~symopt.minimize.minimize`'s arguments.

Each check raises a typed error (:class:`~symopt.errors.ConfigurationError` or
:class:`~symopt.errors.FeedError`) naming what was expected and what was given, and runs
before any state changes.  Numbers may be Python or NumPy scalars of any real dtype
(``np.float32(0.5)`` is accepted like ``0.5``); ``bool`` is not a number here.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import numpy as np
import sympy

from .errors import ConfigurationError, FeedError
from .jax_tracers import refuse_traced
from .tables import is_frame, place_in_table, table_as_data

__all__ = ["DEFAULT_STEPS", "given_value", "is_real_number", "check_flag", "check_count", "plain_count", "plain_number", "clip_limit", "tolerance",
           "array_scalar",
           "check_seed", "check_data_mapping", "check_data", "entry_place", "check_fed_data", "first_non_finite", "run_length", "stop_asked",
           "check_callback"]

#: Full-batch steps when neither ``steps`` nor ``epochs`` is given.
DEFAULT_STEPS = 1000


def is_real_number(value) -> bool:
    """A Python or NumPy integer or float (not ``bool``, not a string, not complex)."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def array_scalar(value):
    """A 0-d array of another library (``jnp.float32(0.1)``, ``torch.tensor(0.1)``, a 0-d NumPy array) as its NumPy
    scalar, which keeps its dtype; anything else, or an array NumPy cannot read (a torch tensor that requires grad, one
    on a GPU), as given (probe30 P30-10: a JAX script's ``lr = base * jnp.sqrt(batch / 256)``).  A scalar of a
    narrow float or integer type NumPy has no kind for (bfloat16, float8, float4, int4 of ml_dtypes and JAX, which
    NumPy reads as kind "V"; torch's bfloat16 and float8, which it cannot read) as the float32 that holds it exactly
    (probe90 P90-5, review final47c 47c-9)."""
    if isinstance(value, (sympy.Basic, int, float, str, bytes)) or not (
            isinstance(value, np.generic) or hasattr(value, "__array__") or hasattr(value, "__dlpack__")):
        return value
    try:
        array = np.asarray(value)
    except (TypeError, ValueError, RuntimeError):
        array = None
    if array is not None and array.ndim == 0 and array.dtype.kind in "iuf":
        return value if isinstance(value, np.generic) else array[()]
    narrow = array is not None and array.dtype.kind == "V" and array.dtype.names is None or \
        array is None and any(name in str(getattr(value, "dtype", "")) for name in ("bfloat16", "float8"))
    if narrow and tuple(getattr(value, "shape", (None,))) == ():
        try:  # a plain void (np.void of bytes) float() cannot read is given back, for its refusal (final47c2 47c2-5)
            return np.float32(float(value.detach() if getattr(value, "requires_grad", False) else value))
        except (TypeError, ValueError):
            return value
    return value


def _is_integer(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def check_flag(name: str, value, *, none_allowed: bool = False) -> None:
    """``True`` or ``False`` (a NumPy bool too); ``None`` as well when ``none_allowed``."""
    if not (isinstance(value, (bool, np.bool_)) or (none_allowed and value is None)):
        expected = "True, False or None" if none_allowed else "True or False"
        raise ConfigurationError(f"{name}: expected {expected}; given {value!r}")


#: A refused value's repr past this many characters is cut in the message (``Fraction(1, 10**400)`` prints 400 digits).
SHOWN_LENGTH = 60


def given_value(value, as_float: bool = True) -> str:
    """``value`` as a refusal names it: its repr, cut past :data:`SHOWN_LENGTH` characters (``Fraction(1,
    1000000000000000…00000000) (409 characters)``), and for an exact number (``Fraction``, ``Decimal``, a SymPy
    number) that is not 0 but whose float is 0.0 or infinite, that float: the run computes with it (final39b
    F39b-12); not for a count (``as_float=False``), which no float holds."""
    text = repr(value)
    if len(text) > SHOWN_LENGTH:
        text = f"{text[:28]}…{text[-10:]} ({len(text)} characters)"
    if not as_float:  # a count: no float is computed with
        return text
    finite = value.is_finite() if isinstance(value, Decimal) else \
        bool(value.is_finite) if isinstance(value, sympy.Number) else isinstance(value, (Fraction, int))
    if finite and value != 0:
        try:
            rounded = float(value)
        except OverflowError:
            rounded = math.inf if value > 0 else -math.inf
        if rounded == 0.0 or math.isinf(rounded):
            text += (f", which rounds to {rounded!r} as a float (the number the run computes with): give one that "
                     "a float holds, between 1e-308 and 1e308 in size")
    return text


def _given(value, count: bool = False) -> str:
    """``repr(value)`` (cut, :func:`given_value`; a ``count`` is never read as a float); for a SymPy number (whose
    repr, ``5``, reads like a Python int) what to pass instead."""
    if isinstance(value, sympy.Basic) and value.is_Number:
        kind = "int" if value.is_Integer or count else "float"
        return f"the SymPy number {value}; pass a Python number, {kind}({value})"
    return given_value(value, as_float=not count)


def check_count(name: str, value) -> None:
    """``None`` or a positive integer."""
    if value is not None and (not _is_integer(value) or value < 1):
        refuse_traced(name, value)
        raise ConfigurationError(f"{name}: expected a positive integer; given {_given(value, count=True)}")


def plain_count(value):
    """A NumPy integer as a Python ``int`` (an unsigned one made the batch count ``-(-m // b)`` wrap around:
    probe21 P21-15); anything else as given, for :func:`check_count`'s message."""
    return int(value) if isinstance(value, np.integer) else value


def plain_number(value):
    """A SymPy real number (``Rational(1, 10)``, ``Float``), a ``fractions.Fraction``, a ``decimal.Decimal`` or an
    mpmath real (``mpmath.mpf("0.1")``: probe91 P91-7a, final48c 48c-6) as a Python float (as data takes them:
    probe46 P46-8), a 0-d NumPy array (``np.array(0.1)``, which TF1's optimizers take) as its number; anything else,
    or a Fraction past float's range, as given (refused naming it)."""
    if type(value).__name__ == "mpf" and type(value).__module__.startswith("mpmath."):
        return float(value)
    if isinstance(value, sympy.Number):
        return float(value) if value.is_extended_real else value
    if isinstance(value, (Fraction, Decimal)):
        try:
            return float(value)  # a Decimal past float's range is inf and refused by the range; 1/10**400 is 0.0
        except (OverflowError, ValueError):  # Fraction(10**400), Decimal("sNaN")
            return value
    if type(value) is int and abs(value) > _LARGEST_INT_AS_FLOAT:  # 10**400: the infinity it is as a float
        return math.inf if value > 0 else -math.inf  # (float() of it raised a bare OverflowError: final40a F40a-9)
    return array_scalar(value)


#: Python ints above this convert to an infinite float.
_LARGEST_INT_AS_FLOAT = int(np.finfo(np.float64).max)  # a NumPy scalar of its dtype: float64's 0.1 stays exact, as TF1 casts the tensor


def clip_limit(name: str, value) -> float | None:
    r"""``None`` or a positive number, as a Python float; :math:`+\infty` means no clipping (``None``)."""
    if value is None:
        return None
    given, value = value, plain_number(value)
    if not is_real_number(value) or not value > 0:
        refuse_traced(name, given)
        raise ConfigurationError(f"{name}: expected a positive number (or inf for no clipping); given {_given(given)}")
    return None if math.isinf(value) else float(value)


def tolerance(value) -> float | None:
    """``None`` or a finite number >= 0, as a Python float."""
    if value is None:
        return None
    given, value = value, plain_number(value)
    if not is_real_number(value) or not 0 <= value < math.inf:
        refuse_traced("tol", given)
        raise ConfigurationError(f"tol: expected a finite number >= 0 (stop once every |gradient| <= tol); "
                                 f"given {_given(given)}")
    return float(value)


def check_seed(value) -> None:
    """``None`` or a non-negative integer (the shuffling generator's seed)."""
    if value is not None and (not _is_integer(value) or value < 0):
        refuse_traced("seed", value)
        raise ConfigurationError(f"seed: expected None or a non-negative integer; given {_given(value, count=True)}")


def check_data_mapping(data) -> None:
    """``None`` or a mapping ``{symbol or name: value}``."""
    if is_frame(data):
        raise table_as_data(data)
    if data is not None and not isinstance(data, Mapping):
        raise FeedError(f"data: expected a mapping {{symbol or name: value}}; given {type(data).__name__}. "
                        "Write data={X: features, y: targets} (or data={'X': features, ...}).")


def check_data(symbol, value, first_row: int | None = None, given=None) -> None:
    """Data must hold at least one example and only finite numbers.  ``first_row``: ``value`` is the rows of the
    user's data from that row on (a mini-batch read from a file), and the index named is the data's, not the batch's.
    ``given``: what the user gave, when ``value`` is its conversion; a table's entry is named by its row position,
    index label and column name (:func:`~symopt.tables.place_in_table`), not as an index a pandas user reads as a
    label (probe61 P61-11)."""
    array = np.asarray(value)
    if array.size == 0:
        raise FeedError(f"data for {symbol} is empty (shape {array.shape}); expected at least one example")
    where = first_non_finite(array)
    if where is not None:
        place = entry_place(where, first_row, len(array), given)
        raise FeedError(f"data for {symbol} contains NaN or infinity (first at {place}); "
                        "clean or impute the data before training")


def entry_place(where: list, first_row: int | None = None, rows: int = 0, given=None) -> str:
    """Where entry ``where`` (an index into the converted data) is, in the user's words: ``index [77, 2]``; in a
    table ``given``, its row, index label and column (:func:`~symopt.tables.place_in_table`); in a mini-batch of
    ``rows`` rows read from row ``first_row`` on, the data's index: ``index [77, 2] of the data, read in rows
    70:80 for a mini-batch``."""
    if first_row is not None:
        return f"index {[where[0] + first_row, *where[1:]]} of the data, read in rows {first_row}:" \
               f"{first_row + rows} for a mini-batch"
    return place_in_table(given, where) or f"index {where}"


def check_fed_data(symbols, values, caller: str, given=None) -> None:
    """The values fed for the Placeholders among ``symbols`` hold only finite numbers, as :func:`check_data` checks a
    run's data: ``evaluate`` and a Hessian-vector product refuse a NaN or infinity there (probe50 P50-2: a missing
    covariate made the log-likelihood and the Hessian NaN with no word, where ``minimize`` named the cell).
    Variables and plain SymPy symbols are a point, not data, and take any number (the value at NaN is NaN).
    ``given``: the values as the user gave them, so that a table's entry is named by its row and column."""
    for position, (symbol, value) in enumerate(zip(symbols, values)):
        if not getattr(symbol, "is_placeholder", False):
            continue
        array = np.atleast_1d(np.asarray(value))
        where = first_non_finite(array)
        if where is not None:
            bad = array[tuple(where)]
            declared = getattr(symbol, "array_shape", None)  # a rank-1 input is a column inside, a scalar 0-d
            rank = len(declared) if declared is not None else 2 if isinstance(symbol, sympy.MatrixSymbol) else 0
            where = [] if rank == 0 else [int(np.ravel_multi_index(where, array.shape))] if rank == 1 else where
            place = place_in_table(given[position], where) if given is not None and where else None
            at = f"first at {place}" if place else \
                f"first at index {where}: {symbol}[{', '.join(map(str, where))}]" if where else str(symbol)
            raise FeedError(f"data for {symbol} contains NaN or infinity ({at} = {bad}); {caller} refuses it as "
                            "minimize does, since every value it reaches would be NaN with no word: clean or impute "
                            "the data first (or drop the rows that hold it, and the same rows of the other inputs)")


#: Arrays of at most this many elements are scanned at once (no sum first).
_SMALL = 4096

#: Elements per block of the exact finiteness scan (a boolean mask of this size at a time).
_SCAN_BLOCK = 1 << 20


def first_non_finite(array: np.ndarray) -> list | None:
    """Index of the first NaN or infinity in ``array``, or ``None``, without a mask of the whole array: a finite sum
    means every element is finite (NaN and infinity propagate through a sum); otherwise (or when the sum itself
    overflows) the rows are scanned in blocks of about :data:`_SCAN_BLOCK` elements."""
    if array.dtype.kind not in "fc":
        return None
    if array.size <= _SMALL:  # a mask this small costs less than the sum's errstate
        finite = np.isfinite(array)
        if finite.all():
            return None
        return [int(i) for i in np.argwhere(~np.atleast_1d(finite))[0]]
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(np.sum(array)):
            return None
    rows = np.atleast_1d(array)
    per_block = max(1, _SCAN_BLOCK // max(1, rows[0].size))
    for start in range(0, len(rows), per_block):
        bad = np.argwhere(~np.isfinite(rows[start:start + per_block]))
        if bad.size:
            return [int(bad[0][0]) + start, *bad[0][1:].tolist()]
    return None


def run_length(steps, epochs, batch_size) -> int:
    """Total steps (full batch) or epochs (mini-batch) of a run.

    A full batch is one step per epoch, so there ``epochs=E`` means ``E`` steps; giving both is refused.
    With ``batch_size`` the length is ``epochs`` (default 1) and ``steps`` is refused: an epoch is
    :math:`\\lceil m / \\text{batch\\_size} \\rceil` steps.
    """
    for name, value in (("steps", steps), ("epochs", epochs), ("batch_size", batch_size)):
        check_count(name, value)
    if batch_size is None:
        if steps is not None and epochs is not None:
            raise ConfigurationError(f"steps={steps} and epochs={epochs}: a full-batch run takes one step per "
                                     "epoch, so give one of them (or batch_size=... for mini-batches)")
        return int(steps if steps is not None else epochs if epochs is not None else DEFAULT_STEPS)
    if steps is not None:
        raise ConfigurationError(f"steps={steps} with batch_size={batch_size}: a mini-batch run's length is "
                                 "epochs=... (each epoch is ceil(examples / batch_size) steps); drop steps")
    return int(epochs if epochs is not None else 1)


def stop_asked(answer) -> bool:
    """A callback's answer as a stop request: ``True`` or ``1`` (a Python or NumPy bool or integer, or a one-entry
    boolean array) stops, ``None``, ``False`` and ``0`` go on.  Anything else is refused with what to return
    instead: a logging hook that returns the cost (Keras' habit) stopped the run at its first step, as a success,
    while a cost of exactly 0 went on (probe69 P69-10); an array of several entries has no truth value."""
    if answer is None:
        return False
    if isinstance(answer, np.ndarray) and answer.size == 1 and answer.dtype == bool:
        return bool(answer)
    if isinstance(answer, (bool, np.bool_)):
        return bool(answer)
    if isinstance(answer, (int, np.integer)) and answer in (0, 1):  # C's "non-zero stops" for 1 and 0
        return bool(answer)
    if isinstance(answer, np.ndarray):
        given = f"an array of shape {answer.shape}"
    else:
        shown = repr(answer) if len(repr(answer)) <= 40 else repr(answer)[:37] + "..."
        given = f"{shown} ({type(answer).__name__})"
    raise ConfigurationError(
        f"callback returned {given}: expected True or 1 to stop the run, None, False or 0 to go on: return True to "
        "stop. Another number or value is no stop request (a hook that returns the cost would stop wherever the "
        "cost is not 0): return None after logging, or a condition to stop on, e.g. return bool(cost < 1e-6) or "
        "bool((numbers > limit).any())")


def check_callback(callback) -> None:
    """A callable that takes ``(step, cost, params)``: a wrong signature is refused before the first step, not
    with Python's TypeError after it (a builtin without a readable signature is taken as it is)."""
    if not callable(callback):
        raise ConfigurationError(f"callback: expected a function callback(step, cost, params); given {callback!r}")
    try:
        signature = inspect.signature(callback)
    except (TypeError, ValueError):
        return
    try:
        signature.bind(0, 0.0, {})
    except TypeError as error:
        raise ConfigurationError(f"callback: expected a function of three arguments, callback(step, cost, params); "
                                 f"given {getattr(callback, '__name__', callback)}{signature}, "
                                 f"{_arity_mismatch(signature, error)}. Return True from it to stop the run") from None


def _arity_mismatch(signature: inspect.Signature, error: TypeError) -> str:
    """Why ``signature`` cannot take ``(step, cost, params)``, said from the callback's side (Python's own text,
    "too many positional arguments", describes the call, and reads as if the function had too many)."""
    kinds = [p.kind for p in signature.parameters.values()]
    if inspect.Parameter.VAR_POSITIONAL not in kinds:
        positional = [p for p in signature.parameters.values()
                      if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        if len(positional) < 3:
            return f"which takes {len(positional)} positional argument{'' if len(positional) == 1 else 's'} where " \
                   "symopt passes 3 (step, cost, params)"
        required = [p for p in positional if p.default is inspect.Parameter.empty]
        if len(required) > 3:
            return f"which requires {len(required)} positional arguments where symopt passes 3 (step, cost, params)"
    return f"which cannot be called with (step, cost, params): {error}"
