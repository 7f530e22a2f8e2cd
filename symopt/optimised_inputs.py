"""An input with a batch dimension optimised as a parameter (``wrt={X: start}``, ``X = Placeholder("X", (None, 2))``):
the shape its value comes back in, and the ``method=`` runs that cannot take it."""

from __future__ import annotations

from typing import Mapping

import numpy as np

from .errors import ConfigurationError
from .symbols import is_batched, shape_of

__all__ = ["HESSIAN_METHODS", "returned_shape", "check_fixed_shapes"]


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
