"""An input with a batch dimension optimised as a parameter (``wrt={X: start}``, ``X = Placeholder("X", (None, 2))``):
the shape its value comes back in, and the ``method=`` runs that cannot take it."""

from __future__ import annotations

from typing import Mapping

import numpy as np

from .errors import ConfigurationError, ShapeError
from .symbols import is_batched, shape_of

__all__ = ["HESSIAN_METHODS", "returned_shape", "check_fixed_shapes", "check_start_rows"]


#: The methods that read the Hessian or its products, formed only for parameters of a fixed shape.
HESSIAN_METHODS = ("newton", "newton-cg", "trust-ncg")


def check_fixed_shapes(method: str, initial: Mapping) -> None:
    """Refuse, before anything runs, an input with a batch dimension optimised (``wrt={X: start}``) by a method that
    forms the Hessian (final44e F44e-7: a ShapeError from inside the run)."""
    batched = [p for p in initial if is_batched(p)]
    if method in HESSIAN_METHODS and batched:
        p = batched[0]
        raise ConfigurationError(
            f"method={method!r} forms the Hessian, which needs parameters of a fixed shape; given {p} of shape "
            f"{shape_of(p)} (None: a batch dimension). Use method='lbfgs' or 'bfgs' (gradients only), or declare it "
            f"with its rows (and the data it meets), symopt.Placeholder({str(p)!r}, {np.shape(initial[p])}).")


def returned_shape(parameter, shape: tuple) -> tuple:
    """The shape a value of ``parameter`` has to the user: the declared one (a rank-1 Variable's stays rank 1), or
    the start value's ``shape`` where the declared one has a batch dimension (an input optimised, ``wrt={X: start}``:
    final44e F44e-7)."""
    declared = shape_of(parameter)
    return tuple(shape) if None in declared else declared


def _rows(symbol, value) -> int | None:
    """The size of ``value`` along ``symbol``'s first batch dimension (None: it has none)."""
    axes = [axis for axis, dim in enumerate(shape_of(symbol)) if dim is None]
    return int(np.shape(value)[axes[0]]) if axes and len(np.shape(value)) > axes[0] else None


def check_start_rows(starts: Mapping, fed: Mapping) -> None:
    """Refuse, before anything runs, the start of an input with a batch dimension optimised (``wrt={X: start}``)
    whose rows differ from the fed data's (final45a 45a-9: a bare NumPy "non-broadcastable output operand" from the
    generated code), naming both shapes."""
    for parameter, start in starts.items():
        rows = _rows(parameter, start)
        for symbol, value in fed.items():
            fed_rows = _rows(symbol, value)
            if rows is not None and fed_rows is not None and rows != fed_rows:
                raise ShapeError(
                    f"the start of {parameter} (shape {np.shape(start)}) has {rows} rows (batch size m), and {symbol} "
                    f"is fed {fed_rows} (shape {np.shape(value)}): an input optimised with wrt={{{parameter}: start}} "
                    f"meets the data example by example. Give its start {fed_rows} rows, or feed {rows}.")
