r"""``bounds=`` of a ``method=`` run as SciPy's per-entry ``(low, high)`` pairs (:func:`scipy_bounds`), each side
checked (:func:`bound_pair`), and a start moved into the box (:func:`clipped_start`).  ``problem`` is a
:class:`~symopt.second_order.Problem`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .bound_numbers import as_bound_side
from .errors import ConfigurationError
from .optimised_inputs import returned_shape
from .run_arguments import is_real_number
from .symbols import is_matrix

__all__ = ["scipy_bounds", "bound_pair", "clipped_start"]


def scipy_bounds(problem, bounds: Mapping) -> list:
    """SciPy's per-entry ``(low, high)`` pairs from ``{parameter or its name: (low, high)}`` (``None`` = unbounded);
    every low at most its high."""
    if not isinstance(bounds, Mapping):
        raise ConfigurationError(f"bounds: expected a mapping {{parameter: (low, high)}}; given "
                                 f"{type(bounds).__name__}. Write bounds={{w: (0, 1)}}.")
    by_name = {str(p): p for p in problem.parameters}
    keyed = {}
    for key, pair in bounds.items():
        parameter = by_name.get(key, key) if isinstance(key, str) else key
        if parameter in keyed:
            raise ConfigurationError(f"bounds for {parameter} are given twice (by symbol and by name); give them once")
        keyed[parameter] = pair
    unknown = [str(k) for k in keyed if k not in problem.parameters]
    if unknown:
        raise ConfigurationError(f"bounds for {unknown}, which are not parameters; expected keys among "
                                 f"{[str(p) for p in problem.parameters]}")
    pairs = []
    for parameter, shape in zip(problem.parameters, problem.shapes):
        low, high = bound_pair(parameter, keyed.get(parameter, (None, None)))
        lows, highs = (_per_entry(parameter, shape, side, which) for side, which in ((low, "low"), (high, "high")))
        pairs += [(None if np.isnan(lo) or lo == -np.inf else float(lo), None if np.isnan(hi) or hi == np.inf
                   else float(hi)) for lo, hi in zip(lows, highs)]  # an infinite side: no bound, as None
    crossed = [(name, pair) for name, pair in zip(problem.entry_names(), pairs)
               if None not in pair and pair[0] > pair[1]]
    if crossed:
        name, (low, high) = crossed[0]
        raise ConfigurationError(f"bounds for {name}: expected (low, high) with low <= high; given low {low:g} > high "
                                 f"{high:g}. Swap them: ({high:g}, {low:g}).")
    return pairs


def _per_entry(parameter, shape: tuple, side, which: str) -> np.ndarray:
    """One side of ``parameter``'s bounds as one number per entry, NaN where unbounded: ``None``, a number (or an
    array of one), or an array of the parameter's declared shape (``(3,)`` for a rank-1 Variable, a ``(3, 1)`` column
    inside) or one broadcasting to it; anything else is refused, never cut or repeated to fit."""
    size = int(np.prod(shape)) if shape else 1
    if side is None:
        return np.full(size, np.nan)
    values = np.asarray(side, float)
    if values.size == 1:  # a number, or an array of one ([1.0], [[1.0]]): every entry
        return np.full(size, float(values.reshape(())))
    declared = returned_shape(parameter, shape) if is_matrix(parameter) else ()
    for target in dict.fromkeys((declared, tuple(shape))):
        try:
            return np.broadcast_to(values, target).ravel()
        except ValueError:
            continue
    kind = f"of shape {declared}" if declared else "a scalar: it takes one number"
    raise ConfigurationError(f"bounds for {parameter}: its {which} bound has shape {values.shape}; expected a number "
                             f"or an array of the parameter's shape (the parameter is {kind}). Write "
                             f"bounds={{{parameter}: (low, high)}} with numbers, or arrays of shape "
                             f"{declared or '()'}.")


def clipped_start(x0: np.ndarray, pairs: list) -> np.ndarray:
    """The start moved into the box, entry by entry, as L-BFGS-B moves it before its first evaluation (a start
    outside the box was evaluated where the method never goes: log of 0 at a bound of 1e-9)."""
    lows = np.array([-np.inf if low is None else low for low, _ in pairs])
    highs = np.array([np.inf if high is None else high for _, high in pairs])
    return np.clip(x0, lows, highs)


def bound_pair(parameter, pair) -> tuple:
    r"""``(low, high)``: each ``None`` or numbers (an array broadcasting to the parameter's shape); a SymPy number
    (``sympy.oo``, ``sympy.Rational(1, 2)``, ``sympy.pi``), a ``Decimal`` or ``Fraction``, a bfloat16 or longdouble
    as its float (:func:`~symopt.bound_numbers.as_bound_side`).  NaN is refused (it is no bound: SciPy's
    L-BFGS-B would drop it), as is a side that admits no real point (a low of :math:`+\infty`, a high of
    :math:`-\infty`)."""
    if isinstance(pair, (tuple, list)) and len(pair) == 2:
        pair = tuple(as_bound_side(side) for side in pair)
    numbers = isinstance(pair, (tuple, list)) and len(pair) == 2 and all(
        side is None or is_real_number(side) or (isinstance(side, (np.ndarray, list)) and
                                                 np.asarray(side).dtype.kind in "iuf") for side in pair)
    if not numbers:
        kinds = f" (of types {', '.join(type(side).__name__ for side in pair)})" \
            if isinstance(pair, (tuple, list)) and len(pair) == 2 else ""
        raise ConfigurationError(f"bounds for {parameter}: expected a pair (low, high) of numbers or None; given "
                                 f"{pair!r}{kinds}. Write bounds={{{parameter}: (0, 1)}} or (0, None) for no upper "
                                 "bound.")
    for side, which, empty in ((pair[0], "low", np.inf), (pair[1], "high", -np.inf)):
        if side is None:
            continue
        values = np.asarray(side, dtype=float)
        if np.isnan(values).any():
            entry = "" if values.ndim == 0 else f" (at entry {list(map(int, np.argwhere(np.isnan(values))[0]))})"
            raise ConfigurationError(
                f"bounds for {parameter}: expected numbers or None; given a {which} bound of NaN{entry}. NaN is not a "
                f"bound: use None for no bound ({'-inf' if which == 'low' else 'inf'} for one entry of an array), or "
                "drop the NaN from the data the bound was computed from (numpy.nanmin)")
        if (values == empty).any():
            beyond = "at or above" if which == "low" else "at or below"
            raise ConfigurationError(
                f"bounds for {parameter}: expected (low, high) with low <= high and a real number between them; given "
                f"a {which} bound of {empty:g}: no real number lies {beyond} it. Use None for no {which} bound, or a "
                "finite number")
    return pair
