r"""``Z.applyfunc(f)`` at every shape, for every one-argument function a user passes.

SymPy's ``ElementwiseApplyFunction`` first calls ``f`` on a :math:`1 \times 1` matrix itself, to see whether ``f``
returns a matrix; symopt's matrix operators refuse a matrix where a scalar belongs, so
``b.applyfunc(lambda t: Max(t, 0.5))`` and ``b.applyfunc(lambda t: t*exp(t))`` raised for a :math:`1 \times 1`
``b`` (the course's scalar bias as a matrix) what they computed for every other shape.  And a function class whose
second argument has a default (``symopt.leaky_relu``) was refused as not taking one argument.  :func:`install`
makes the constructor build ``Lambda(d, f(d))`` for the bound variable ``d`` and never call ``f`` on a matrix.
"""

from __future__ import annotations

import sympy
from sympy.core.sympify import _sympify
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixExpr

from .errors import ShapeError, UnsupportedOperationError

__all__ = ["install", "entrywise_map"]


def _one_argument(function) -> sympy.Lambda:
    """``function`` as ``Lambda(d, function(d))``: a Lambda as it is, any other callable called once on ``d``."""
    if isinstance(function, sympy.Lambda):
        if 1 not in function.nargs:
            raise UnsupportedOperationError(f"applyfunc: expected a function of one argument; given {function}, a "
                                            f"function of {len(function.variables)}. Bind the others: "
                                            "z.applyfunc(lambda v: f(v, c))")
        return function
    if not callable(function):
        raise UnsupportedOperationError(f"applyfunc: expected a function of one argument; given {function!r} "
                                        f"({type(function).__name__}). Pass a function: z.applyfunc(lambda v: ...)")
    variable = sympy.Dummy("d")
    name = getattr(function, "__name__", repr(function))
    try:
        body = function(variable)
    except TypeError as error:
        raise UnsupportedOperationError(f"applyfunc: expected a function of one argument; {name}(v) raised "
                                        f"{error}. Bind the others: z.applyfunc(lambda v: {name}(v, c))") from None
    body = sympy.sympify(body)
    if getattr(body, "is_Matrix", False):
        raise ShapeError(f"applyfunc: expected a function that returns a number for each entry; {name} returns the "
                         f"matrix {body} (shape {body.shape}). Apply a matrix function to the whole matrix instead")
    return sympy.Lambda(variable, body)


def entrywise_map(cls, function, expr):
    """``ElementwiseApplyFunction.__new__``: ``function`` (any one-argument callable) applied to each entry of the
    matrix ``expr``, without calling it on the matrix itself."""
    expr = _sympify(expr)
    if not expr.is_Matrix:
        raise ShapeError(f"applyfunc: expected a matrix to apply {function} to; given {expr}")
    return MatrixExpr.__new__(cls, _one_argument(function), expr)


def install() -> None:
    """Make :func:`entrywise_map` SymPy's constructor of elementwise maps (idempotent)."""
    ElementwiseApplyFunction.__new__ = entrywise_map
