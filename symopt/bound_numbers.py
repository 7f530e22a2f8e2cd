r"""The numbers a side of ``bounds=`` may be given in, as the float64 SciPy reads (probe90 P90-9): SymPy's numbers
(``oo``, ``Rational(1, 2)``, ``pi``), ``Decimal`` and ``Fraction`` (alone, in a list or an object array), a
bfloat16 scalar (torch's, ml_dtypes'), and NumPy's longdouble (one beyond float64's range is :math:`\pm\infty`,
without NumPy's overflow warning: a high bound of ``1e400`` bounds nothing a float64 can hold)."""

from __future__ import annotations

import numbers
from decimal import Decimal

import numpy as np
import sympy

__all__ = ["as_bound_side"]


def _is_exact_real(value) -> bool:
    """A real number a float64 represents by rounding: Python's and NumPy's reals, ``Decimal``, ``Fraction``."""
    return isinstance(value, (numbers.Real, Decimal, np.integer, np.floating)) and \
        not isinstance(value, (bool, np.bool_))


def as_bound_side(side):
    """``side`` as a float or float64 array where it is one of the module's numbers (NaN stays NaN, for
    :func:`~symopt.method_checks.bound_pair` to refuse); anything else as given, to be refused there."""
    if isinstance(side, sympy.Basic):
        if side is sympy.nan:
            return float("nan")
        return float(side) if side.is_number and side.is_extended_real else side
    if isinstance(side, (Decimal, numbers.Rational)) and not isinstance(side, (bool, int)):
        if isinstance(side, Decimal) and side.is_nan():
            return float("nan")  # sNaN: no float
        try:
            return float(side)
        except OverflowError:  # Fraction(-10**400): beyond float64's range, as a Decimal of that size (47b2-2)
            return float("inf") if side > 0 else float("-inf")
    if "bfloat16" in str(getattr(side, "dtype", "")) and np.ndim(side) == 0:
        return float(side)
    if isinstance(side, (list, tuple, np.ndarray)) or isinstance(side, np.floating):
        array = np.asarray(side, dtype=object) if isinstance(side, (list, tuple)) else np.asarray(side)
        if array.dtype.kind == "f" and array.dtype.itemsize > 8:  # longdouble
            with np.errstate(over="ignore"):
                return array.astype(np.float64) if array.ndim else float(array)
        if array.dtype == object and array.size and all(_is_exact_real(entry) for entry in array.flat):
            return np.array([as_bound_side(entry) for entry in array.flat], dtype=float).reshape(array.shape)
    return side
