r"""The checks on the numbers a user gives symopt: a dtype it computes in (with what to do instead of another),
values that are real numbers NumPy may convert (not None, complex, text, dates or masked entries), a symbol's
shape and name, and a :class:`~symopt.symbols.Variable`'s initial array.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import sympy

from .errors import ConfigurationError, ShapeError
from .foreign_arrays import host_array, is_library_array
from .matrix_shapes import rank_one_declaration, reshape_advice
from .narrowing import lost_nonzero, shown_number
from .tables import is_table, place_in_table

__all__ = ["DTYPES", "canonical_dtype", "DTYPE_ADVICE", "shape_tuple", "not_real_numbers", "holds_none", "first_none_or_text",
           "initial_array"]


#: dtypes symopt computes in.
DTYPES = ("float32", "float64")


def canonical_dtype(dtype: Any) -> str:
    """Return ``"float32"`` or ``"float64"`` for any spelling NumPy accepts."""
    if isinstance(dtype, str) and dtype in DTYPES:
        return dtype
    if isinstance(dtype, (np.generic, np.ndarray)):  # NumPy would read the value's own dtype
        raise ConfigurationError(f"expected a floating dtype, one of {DTYPES}; given the value {dtype!r}, not a dtype: "
                                 "pass dtype='float32' or 'float64' (or value.dtype)")
    try:
        name = np.dtype(getattr(dtype, "as_numpy_dtype", dtype)).name
    except (TypeError, ValueError):  # ValueError: an object NumPy reads as a format string (Fraction(1, 3))
        name = str(dtype)
    if name not in DTYPES:
        raise ConfigurationError(f"expected a floating dtype, one of {DTYPES}; given {dtype!r}. {_dtype_advice(name)}")
    return name


#: What to do instead of a dtype symopt does not compute in, by NumPy's kind letter (floats: narrower or wider
#: than float32).
DTYPE_ADVICE = {
    "f<": "symopt computes in float32 and float64 only ({name} keeps about {digits} significant digits, too few for "
          "gradient steps): use dtype='float32' (data given as {name} is converted)",
    "f>": "symopt computes in float32 and float64 only, as TF1's CPU kernels do: use dtype='float64'",
    "i": "Integer parameters cannot be optimized by gradient steps: use dtype='float32' or 'float64'.",
    "u": "Integer parameters cannot be optimized by gradient steps: use dtype='float32' or 'float64'.",
    "b": "Boolean parameters cannot be optimized by gradient steps: use dtype='float32' or 'float64'.",
    "c": "Complex parameters are not supported (no silent complex value): use dtype='float32' or 'float64' and "
         "write the real and imaginary parts as two parameters.",
}


def _dtype_advice(name: str) -> str:
    try:
        found = np.dtype(name)
    except (TypeError, ValueError):
        found = None
    kind = "" if found is None else found.kind
    if kind == "f":
        kind += "<" if found.itemsize < 4 else ">"
    digits = np.finfo(found).precision if kind.startswith("f") else 0
    advice = DTYPE_ADVICE.get(kind, "Use dtype='float32' or 'float64'.").format(name=name, digits=digits)
    return advice if advice.endswith(".") else advice + "."


def shape_tuple(shape, name: str) -> tuple:
    """``shape`` as a tuple; a bare number or other non-sequence raises :class:`ShapeError` with the fix (and a
    ``name`` that is not a string, :class:`ConfigurationError`)."""
    if not isinstance(name, str) or not name:
        raise ConfigurationError(f"a symbol's name: expected a non-empty string such as 'w' or 'X'; given {name!r}")
    if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence) and not hasattr(shape, "__iter__"):
        hint = f" Write shape=({shape!r},) for a vector of {shape!r} entries." if isinstance(shape, int) else ""
        raise ShapeError(f"shape of {name!r}: expected a tuple of sizes such as (3,) or (None, 3); given "
                         f"{shape!r}.{hint}")
    return tuple(shape)


#: What to give instead of ``None``: a number (data marked missing with NaN is refused too: ``minimize`` and
#: ``evaluate`` refuse NaN data, probe91 P91-7c); a parameter's start, a finite number.
_NONE_ADVICE = {False: "Give a number for every entry: impute a missing value, or drop its row (and the same rows of "
                       "the other inputs); minimize and evaluate refuse NaN there too.",
                True: "A parameter needs a finite starting number for every entry (0.0, or an array of them)."}


def not_real_numbers(value: Any, parameter: bool = False) -> str | None:
    """Why ``value`` is not real numbers NumPy may convert (None, complex, text), or None when it is; ``parameter``:
    ``value`` is a parameter's start, whose ``None`` is told to be a finite number (data's: imputed, or its row
    dropped; never ``numpy.nan``, which minimize and evaluate refuse too).

    NumPy would convert each silently: None to NaN, complex by dropping the imaginary part, ``"3"`` to 3.
    """
    if isinstance(value, (float, int, np.floating, np.integer)) and not isinstance(value, np.timedelta64):
        return None  # (NumPy's timedelta64 is an integer type: a scalar duration is refused below, as an array is)
    if value is None:
        return f"None. {_NONE_ADVICE[parameter]}"
    if isinstance(value, sympy.Basic) and value.is_number and value.is_extended_real is False:  # I, zoo, 1 + 2*I
        return (f"the complex SymPy number {value}. symopt computes with real numbers: pass the real part "
                "(sympy.re(value)), or split real and imaginary parts into two inputs.")
    temporal = table_temporal_dtype(value)
    if temporal is not None:  # pandas with a timezone, Arrow timestamps, polars frames: NumPy's kind would miss them
        return temporal_problem(value, *temporal)
    if isinstance(value, np.ma.MaskedArray) and np.ma.getmask(value) is not np.ma.nomask and value.mask.any():
        return (f"a masked array with {int(value.mask.sum())} masked entries, which NumPy would read as the numbers "
                "under the mask. Fill or drop them first: value.filled(numpy.nan) to mark them missing, or keep the "
                "rows without any (value[~value.mask.any(axis=1)].data).")
    try:
        array = value if isinstance(value, np.ndarray) else np.asarray(value)
    except (ValueError, TypeError, OverflowError):
        return None  # ragged or exotic: the conversion itself explains it
    kind = array.dtype.kind
    if kind == "c":
        return ("complex numbers. symopt computes with real numbers: pass the real part (value.real), "
                "or split real and imaginary parts into two inputs.")
    if kind in "mM":
        if np.ndim(value) == 0:  # one date or duration: there is no value[0] to count from
            return (f"a {'date' if kind == 'M' else 'duration'} ({np.asarray(value).dtype}), which NumPy would read "
                    "as a count of its unit. Convert it to the number you mean first, e.g. "
                    + ("(value - numpy.datetime64('2000-01-01')) / numpy.timedelta64(1, 'D') for days since a date."
                       if kind == "M" else "value / numpy.timedelta64(1, 'h') for hours."))
        return (f"{'dates' if kind == 'M' else 'durations'} ({np.asarray(value).dtype}), which NumPy would read as "
                "counts of their unit. Convert them to the numbers you mean first, e.g. "
                "(value - value[0]) / numpy.timedelta64(1, 'D') for days.")
    if kind == "V":  # ml_dtypes' numbers (JAX's bfloat16, float8, int4) convert; records and raw bytes do not
        return _void_problem(value.dtype if isinstance(value, np.ndarray) else np.asarray(value).dtype)
    if kind in "US":
        return f"text ({type(value).__name__}) {_preview(value)}. {_TEXT_ADVICE}"
    found = first_none_or_text(array) if kind == "O" else None
    if found is None:
        return None
    index, entry = found
    place = place_in_table(value, index)  # a table's object column: its row, label and column (probe88 P88-5)
    if not isinstance(entry, (str, bytes)):
        where = f"a {type(value).__name__} at {place}" if place else _preview(value)
        return f"None inside {where}. {_NONE_ADVICE[parameter]}"
    place = place or f"index {list(index)}"  # an object array
    shown = f"a {type(value).__name__}" if is_table(value) else f"{type(value).__name__} {_preview(value)}"
    return f"text inside {shown}: {entry!r} at {place}. {_TEXT_ADVICE}"


#: What to do with text given as numbers (NumPy would parse "3" as 3, and " 1e3 " as 1000).
_TEXT_ADVICE = ("Convert it first, e.g. float(...) or numpy.asarray(..., dtype=float) (for a pandas column, "
                "pandas.to_numeric(column), which names an entry that is not a number).")


def first_none_or_text(array: np.ndarray) -> tuple | None:
    """``(index, entry)`` of the first entry of an object array that is or holds ``None``, or is a string or bytes
    (one pass; probe61 P61-1: text there was parsed, where a ``str`` array is refused), or ``None``."""
    for index, entry in np.ndenumerate(array):
        if isinstance(entry, (str, bytes)) or holds_none(entry):
            return index, entry
    return None


def holds_none(value: Any) -> bool:
    """Whether ``value`` is ``None`` or a (nested) list, tuple or object array holding one, compared by identity
    (``None in`` compares with ``==``, which an array entry answers with an array: final34 F34-3)."""
    if value is None:
        return True
    if isinstance(value, np.ndarray):
        return value.dtype == object and any(holds_none(v) for v in value.flat)
    return isinstance(value, (list, tuple)) and any(holds_none(v) for v in value)


def _void_problem(dtype: np.dtype) -> str | None:
    """Why an array of NumPy's kind ``V`` is not numbers to convert: a structured array (fields) or raw bytes; None
    for a number type NumPy casts to float64 (``ml_dtypes.bfloat16``, JAX's mixed-precision data: probe21 P21-2)."""
    if dtype.names:
        return (f"a structured array with fields {', '.join(dtype.names)} (what numpy.genfromtxt(..., names=True) "
                "returns). Make it one array of numbers first: "
                "numpy.lib.recfunctions.structured_to_unstructured(value), or value['name'] for one column.")
    if np.can_cast(dtype, np.float64):
        return None
    return f"raw bytes (dtype {dtype}). Convert them to numbers first, e.g. numpy.frombuffer(..., dtype=float)."


def _preview(value: Any, limit: int = 60) -> str:
    text = " ".join(repr(value).split())  # an array's repr on one line
    return text if len(text) <= limit else text[:limit - 3] + "..."


def unreadable_tensor_advice(tensor) -> tuple[str, str]:
    """What a library tensor NumPy cannot read should be, and how to get there: on a GPU, moved to the CPU; on the
    CPU, a dtype NumPy lacks (torch's float8, complex32, a quantized tensor: probe90 P90-6) converted first."""
    device = getattr(getattr(tensor, "device", None), "type", "cpu")
    if device not in ("cpu", None):
        return "numbers in host memory", " Move it to the CPU first (tensor.cpu())"
    dtype = getattr(tensor, "dtype", "?")
    if "sparse" in str(getattr(tensor, "layout", "")):
        return "dense numbers", " Make it dense first: tensor.to_dense()"
    if getattr(tensor, "is_quantized", False):
        fix = "tensor.dequantize()"
    elif "complex" in str(dtype):
        fix = "its real part, tensor.real.float() (symopt computes with real numbers)"
    else:
        fix = "tensor.float()"
    return "numbers of a dtype NumPy holds", f" Its dtype {dtype} has no NumPy equivalent: convert it first, {fix}"


def table_temporal_dtype(value) -> tuple | None:
    """``(dtype, column)`` of the first date, time or duration dtype of a table library's object (its ``dtype``, or
    a frame's ``dtypes`` by column), which its own conversion turns into counts: pandas' ``datetime64[us, UTC]``
    (probe90 P90-4), an Arrow timestamp, a polars ``Datetime``/``Date``/``Duration`` column (P90-8); ``column`` is
    ``None`` for a Series.  ``None`` for NumPy arrays (their kind is checked by :func:`not_real_numbers`)."""
    if isinstance(value, np.ndarray) or not hasattr(value, "to_numpy"):
        return None
    dtypes = getattr(value, "dtypes", None)  # a frame's per column; a pandas Series' is its one dtype
    try:
        candidates = list(zip(dtypes, getattr(value, "columns", [None] * len(dtypes))))
    except TypeError:
        candidates = []
    for dtype, column in [(getattr(value, "dtype", None), None), *candidates]:
        is_temporal = getattr(dtype, "is_temporal", None)
        if getattr(dtype, "kind", None) in ("M", "m") and not isinstance(dtype, np.dtype) or \
                callable(is_temporal) and is_temporal():
            return dtype, column
    return None


def temporal_problem(value, dtype, column) -> str:
    """Why dates, times of day or durations of a table library are refused, in its own words (``.iloc`` or polars'
    ``.first()``; polars' ``total_days`` counts whole days unless ``fractional=True``: final47c2 47c2-7)."""
    durations = getattr(dtype, "kind", None) == "m" or "Duration" in str(dtype)
    polars = type(value).__module__.split(".")[0] == "polars"
    where = f" in column {column!r}" if column is not None else ""
    if str(dtype) == "Time":  # polars' time of day: neither a date nor a duration
        return (f"times of day ({dtype}){where}, which would be read as counts of their unit. Convert them to the "
                f"numbers you mean first, e.g. column.dt.hour() + column.dt.minute() / 60 for hours since midnight.")
    if durations:
        fix = "column.dt.total_days(fractional=True)" if polars else "column / pandas.Timedelta(days=1)"
    else:
        fix = "(column - column.first()).dt.total_days(fractional=True)" if polars else \
            "(column - column.iloc[0]) / pandas.Timedelta(days=1)"
    return (f"{'durations' if durations else 'dates'} ({dtype}){where}, which would be read as counts of their unit. "
            f"Convert them to the numbers you mean first, e.g. {fix} for days"
            f"{'' if durations else ' since the first'}.")


def refuse_lost_nonzero(raw, value: np.ndarray, name: str) -> None:
    """Refuse an initial value ``raw`` with a nonzero entry that ``value`` (its conversion) made 0: float32's ``1e-50``,
    float64's ``Decimal('1e-400')``, where ``log(w)`` would start at ``-inf`` with no word (probe90 P90-3).  Computing
    in float64 is advised only where the dtype is narrower (probe91 P91-7b: float64 was advised float64)."""
    original = raw if isinstance(raw, np.ndarray) else np.asarray(raw)
    lost = lost_nonzero(original, value)
    if lost is None:
        return
    advice = "Start from a number it holds, rescale the parameter, or compute in float64 (dtype='float64')." \
        if value.dtype.itemsize < 8 else \
        "Start from a number it holds, or rescale the parameter (symopt computes in float32 and float64 only)."
    raise ConfigurationError(
        f"initial value of {name!r}: expected numbers that {value.dtype} holds (its smallest positive is "
        f"{np.finfo(value.dtype).smallest_subnormal:.4g}); given {shown_number(original[lost].reshape(-1)[0])}, which "
        f"{value.dtype} would make 0. {advice}")


def initial_array(init: Any, shape: tuple[int, ...], dtype: str, name: str) -> np.ndarray:
    """A Variable's initial value ``init`` (numbers, an array, or a callable ``init(shape, dtype)``) as a new array of
    ``shape`` and ``dtype``; a symbolic, non-real, non-finite or misshapen value raises with the fix."""
    raw = init(shape, dtype) if callable(init) else init
    if is_library_array(raw):  # a torch model's weights (requires grad), a TF tensor
        try:
            raw = host_array(raw)
        except (TypeError, ValueError, RuntimeError) as error:
            expected, advice = unreadable_tensor_advice(raw)
            raise ConfigurationError(f"initial value of {name!r}: expected {expected}; given a {type(raw).__name__} "
                                     f"that NumPy cannot read ({error}).{advice}") from None
    if isinstance(raw, (sympy.Basic, sympy.MatrixBase)) and raw.free_symbols:
        raise ConfigurationError(
            f"initial value of {name!r}: expected numbers; given the symbolic {type(raw).__name__} {_preview(raw)}. "
            f"A Variable is one symbol for a whole array of parameters: write symopt.Variable({name!r}, numbers, "
            "shape=...) and build expressions from it, instead of a sympy.Matrix of separate symbols.")
    problem = not_real_numbers(raw, parameter=True)
    if problem is not None:
        raise ConfigurationError(f"initial value of {name!r}: expected numbers; given {problem}")
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below, as an error
            value = np.array(raw, dtype=dtype)  # a copy: changing the caller's array later leaves the init alone
    except (ValueError, TypeError, OverflowError) as error:
        raise ConfigurationError(f"initial value of {name!r}: expected real numbers of dtype {dtype}; given "
                                 f"{_preview(raw)}, which NumPy cannot convert ({error})") from None
    if not np.all(np.isfinite(value)):
        raise ConfigurationError(f"initial value of {name!r}: expected finite numbers; given {_preview(raw)}, "
                                 f"which is infinite or NaN in {dtype} (the largest {dtype} is "
                                 f"{np.finfo(dtype).max:.3g}). Start from a finite value.")
    refuse_lost_nonzero(raw, value, name)
    if value.shape == () and shape != () and not callable(init):
        value = np.full(shape, value, dtype=dtype)
    if value.shape != shape:
        declaration = rank_one_declaration(name, "parameter", shape[0] if shape else None)
        advice = reshape_advice(name, tuple(shape), value.shape, declaration, value)
        if value.size == 1 and shape != () and not callable(init):  # [0.0] for a (3, 1) parameter (probe69 P69-9)
            number = value.item()
            advice = (f" A number fills the whole shape: give it bare, symopt.Variable({name!r}, {number!r}, "
                      f"shape={shape}), not as a one-entry list or array.")
        raise ShapeError(f"initial value of {name!r}: expected shape {shape}, given {value.shape}.{advice}")
    return value
