r"""Numbers narrowed to the run's dtype: a conversion that makes a finite entry infinite (beyond the dtype's largest)
or a nonzero entry 0 (below its smallest subnormal) is refused, naming the entry, what the dtype holds and what to
do: rescale.  NumPy warns of the first and says nothing of the second, and the data then read as "contains NaN or
infinity", or computed with 0 (probe33 P33-10, probe60 P60-7: ``numpy.longdouble`` data past float64; probe61 P61-9:
float64 data past float32, refused without its row).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import mpmath
import numpy as np
import sympy

from .errors import FeedError
from .run_arguments import entry_place

__all__ = ["narrowed", "narrows", "lost_nonzero", "out_of_range", "shown_number"]


def narrows(value, dtype: str) -> bool:
    """Whether feeding ``value`` converts wider floats to ``dtype`` (an array of that dtype passes as it is, and
    integers neither overflow a float nor underflow: no pass over them, final36 F36-3); Python numbers (float64)
    narrow only to float32; an object array (Python or NumPy numbers of any width) is checked (final42g F42g-5)."""
    kind = getattr(value, "dtype", None)
    if kind is not None:
        code, size = getattr(kind, "kind", None), getattr(kind, "itemsize", None)
        if not isinstance(code, str) or not isinstance(size, int):  # another library's dtype (a torch dtype has no
            return True  # kind: probe51 P51-3): taken as converted, and checked
        return code == "f" and size > np.dtype(dtype).itemsize or code == "O"  # an object array: any numbers
    if isinstance(value, (Decimal, Fraction, mpmath.mpf, sympy.Basic, sympy.MatrixBase, list, tuple)):  # exact, or
        return True  # a container that may hold them (probe90 P90-2/7: [Decimal('1e-400')] was fed as 0 in float64)
    return dtype == "float32" and not isinstance(value, (int, bool))


def narrowed(described, value, dtype: str, first_row: int | None = None, given=None) -> np.ndarray:
    """``value`` (for the input ``described``, "X (shape (None, 3))", or a function giving it, called only to refuse:
    the ordinary call formats nothing) as an array of ``dtype``, refusing an entry
    the conversion makes infinite or 0 (:func:`out_of_range`; ``first_row``, ``given``: as for
    :func:`~symopt.run_arguments.entry_place`); a lost nonzero entry is found by :func:`lost_nonzero`."""
    if isinstance(value, (list, tuple)) and dtype == "float64":  # one reading of a list of plain numbers, zeros
        inferred = np.asarray(value)  # or not (final47c2 47c2-4): Python floats read as float64, ints as int64;
        kind = inferred.dtype.kind  # Decimal, Fraction, SymPy or mpmath numbers (an object array) are checked below
        if kind in "iub" or kind == "f" and inferred.dtype.itemsize <= 8:
            return inferred.astype(dtype, copy=False)
    may_overflow = narrows(value, dtype) or dtype == "float32" and getattr(value, "dtype", None) != np.float32
    if not may_overflow:  # (a Python int past float32's range narrows no float, and overflows)
        return np.asarray(value, dtype=dtype)
    try:
        with np.errstate(over="raise"):
            array = np.asarray(value, dtype=dtype)
    except FloatingPointError:
        original = _as_numbers(value)
        with np.errstate(over="ignore", invalid="ignore"):
            made = np.isinf(original.astype(dtype)) & np.isfinite(original)
        raise out_of_range(_text(described), dtype, original, made, "infinite", first_row, given) from None
    if array.size and narrows(value, dtype):
        original = np.asarray(value)  # an object array's own entries: the truth of a Decimal or Fraction is exact
        lost = lost_nonzero(original, array)  # (a longdouble reading loses 1e-400: F43a-3/4)
        if lost is not None:
            raise out_of_range(_text(described), dtype, original, lost, "0", first_row, given)
        if original.dtype.kind == "O" and not np.isfinite(array).all():  # Decimal('1e400') converts to inf silently
            made = ~np.isfinite(array) & np.vectorize(_finite, otypes=[bool])(original)
            if np.any(made):
                raise out_of_range(_text(described), dtype, original, made, "infinite", first_row, given)
    return array


def lost_nonzero(original, converted: np.ndarray) -> np.ndarray | None:
    """The mask of the entries that are nonzero in ``original`` and 0 in ``converted`` (its conversion to a dtype
    that does not hold them), or None where there is none: two counts of nonzero entries decide, without
    temporaries; the mask is formed only where a count dropped."""
    if np.count_nonzero(original) <= np.count_nonzero(converted):
        return None
    lost = (converted == 0) & (original != 0)
    return lost if np.any(lost) else None


def _finite(entry) -> bool:
    """Whether an object array's entry is a finite number in its own precision (``Decimal('1e400')`` is; SymPy's
    ``oo`` and ``Float('inf')`` are not)."""
    if isinstance(entry, (sympy.Basic, mpmath.mpf)):
        return bool(sympy.sympify(entry).is_finite)
    if isinstance(entry, Decimal):
        return entry.is_finite()
    return isinstance(entry, (int, Fraction)) or bool(np.isfinite(np.longdouble(entry)))


def _text(described) -> str:
    return described() if callable(described) else described


def out_of_range(described: str, dtype: str, original, made: np.ndarray | None, became: str,
                 first_row: int | None = None, given=None) -> FeedError:
    """The refusal of ``original`` (numbers, or the one number) whose entries ``made`` (a mask; ``None``: the number
    itself) ``dtype`` would make ``became`` ("infinite" or "0"): the entry's value in its own precision and place."""
    original = np.asarray(original)
    found = made is not None and bool(np.any(made))
    where = [int(i) for i in np.argwhere(made)[0]] if found and original.ndim else []
    entry = original[tuple(where)] if where else original[made].reshape(-1)[0] if found else \
        np.max(np.abs(original))
    limit = ("largest", np.finfo(dtype).max) if became == "infinite" else \
        ("smallest positive", np.finfo(dtype).smallest_subnormal)
    advice = "Rescale the data, or compute in float64 (dtype='float64')." if dtype == "float32" else \
        f"Rescale the data so that it fits {dtype} (symopt computes in float32 and float64 only)."
    place = f" The first such entry is at {entry_place(where, first_row, len(original), given)}." if where else ""
    return FeedError(f"value for {described}: expected numbers of dtype {dtype}, whose {limit[0]} is "
                     f"{float(limit[1]):.4g}; given {shown_number(entry)}, which {dtype} would make {became}. "
                     f"{advice}{place}")


def _as_numbers(value) -> np.ndarray:
    """``value`` as an array of numbers in at least its own precision: an object array (a pandas object column,
    Python ints past int64) read as longdouble, which :func:`numpy.isfinite` can check (final42d F42d-2)."""
    original = np.asarray(value)
    if original.dtype.kind in "fiub":
        return original
    with np.errstate(over="ignore"):
        return np.asarray(value, dtype=np.longdouble)


def shown_number(number) -> str:
    """A number as given, sign kept (final42d F42d-10): ``-1e+39``, ``1e+400`` (a longdouble, in its own
    precision), ``3.5e-50`` (a longdouble's ``1.e-50`` as ``1e-50``)."""
    if isinstance(number, mpmath.mpf):  # SymPy's numerics' own numbers (review final47c 47c-15)
        number = sympy.Float(number)
    if isinstance(number, sympy.Basic) and number.is_finite and number.is_real:  # SymPy's Float and Rational (P90-7),
        number = Decimal(str(sympy.Float(number, 15))).normalize()  # without the 15 digits' zeros (47c-7)
    if isinstance(number, Fraction):  # exact numbers, shown in their own range (Decimal('1e-400'): final43a F43a-3)
        number = Decimal(number.numerator) / Decimal(number.denominator)
    if isinstance(number, Decimal):
        return f"{number:.4g}" if number.is_finite() else str(number)
    return np.format_float_scientific(number, precision=4, trim="-", exp_digits=2).replace(".e", "e") \
        if np.abs(number) < 1e-4 or np.abs(number) >= 1e16 else f"{float(number):g}"
