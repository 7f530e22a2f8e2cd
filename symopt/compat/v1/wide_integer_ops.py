r"""64-bit integer arithmetic kept in the tensors' own dtype (int64, uint64), so values past :math:`2^{53}` (ids,
timestamps, hashes) keep every digit, as TF1's kernels compute them (probe11 U16).

The general rules compute integers as float64 numbers: a number added to a vector is a multiple of a float64
``ones`` matrix, and ``x // 3``, ``x % 10`` are :math:`\lfloor x \cdot \tfrac13 \rfloor`, so
``9007199254740993 % 10`` was ``2`` (TF1: ``3``).  Here, for int64 and uint64 operands:

- ``x + c``, ``x - c``, ``c - x`` of a vector or matrix ``x`` and a scalar ``c`` (a number or a scalar tensor) are
  :math:`x_{ij} + c` entrywise (``x + 10`` in the generated code: NumPy's int64 arithmetic);
- ``x // d`` and ``x % d`` of a nonzero integer constant ``d`` are ``numpy.floor_divide`` and ``numpy.mod``
  (:class:`~symopt.compat.v1.floor_mod.floor_divide`, :class:`~symopt.compat.v1.floor_mod.floor_mod`), TF1's
  FloorDiv and FloorMod of integers.

What else reads a 64-bit input through float64 is found before a run and refused when a fed value is past
:math:`2^{53}` (:mod:`~symopt.compat.v1.wide_integer_checks`), never rounded silently.
"""

from __future__ import annotations

import numpy as np
import sympy

from ...nodes import elementwise
from .broadcasting import exact_in_float64, lift
from .floor_mod import floor_divide, floor_mod

__all__ = ["is_wide_integer", "wide_integer_value", "past_float64", "rounds_in_float64", "LIMIT"]

#: The largest magnitude up to which float64 holds every integer.
LIMIT = 2 ** 53

#: The entrywise rule of each op kept in int64, of a matrix entry ``v`` and a scalar ``c`` (``c`` first: ``c - v``).
SCALAR_RULES = {
    "add": (lambda v, c: v + c, lambda c, v: c + v),
    "sub": (lambda v, c: v - c, lambda c, v: c - v),
}

#: The integer division ops of a constant divisor, as exact NumPy functions.
DIVISIONS = {"floordiv": floor_divide, "floormod": floor_mod}
NUMBER_RULES = {"floordiv": lambda x, d: x // d, "floormod": lambda x, d: x % d}  # Python's: floor, sign of d


def is_wide_integer(tensor) -> bool:
    """Whether ``tensor`` is of an integer dtype float64 cannot hold exactly (int64, uint64)."""
    return tensor.dtype.is_integer and not exact_in_float64(tensor)


def rounds_in_float64(node) -> bool:
    """``node`` is an integer constant that float64 rounds (past :data:`LIMIT`, not a power of two)."""
    return isinstance(node, sympy.Integer) and int(float(node)) != node


def past_float64(array: np.ndarray) -> bool:
    """Whether the integer ``array`` holds a value float64 cannot hold exactly (past :math:`2^{53}`)."""
    return array.dtype.kind in "iu" and array.size > 0 and bool(array.max() > LIMIT or array.min() < -LIMIT)


def wide_integer_value(op: str, left, right, shape: tuple):
    """The expression of the binary ``op`` on two int64 (uint64) tensors of the broadcast ``shape``, computed in
    that dtype; None where the general rules serve (both operands matrices, which NumPy adds and multiplies in
    int64 already, or an op not listed here)."""
    if not is_wide_integer(left):
        return None
    if op in DIVISIONS:
        divisor = right.expr
        if right.ndim or not isinstance(divisor, sympy.Integer) or divisor.is_zero:
            return None  # a tensor divisor (which may hold 0: TF1's "Integer division by zero")
        build = DIVISIONS[op]
        if shape == ():
            return build(left.expr, divisor) if not isinstance(left.expr, sympy.Integer) else \
                sympy.Integer(NUMBER_RULES[op](int(left.expr), int(divisor)))  # two numbers: Python's exact ints
        return elementwise(lambda v: build(v, divisor), lift(left, shape))
    if op not in SCALAR_RULES or shape == () or (left.ndim == 0) == (right.ndim == 0):
        return None  # scalars are added as NumPy int64 scalars already
    matrix_first, scalar_first = SCALAR_RULES[op]
    if right.ndim == 0:
        return elementwise(lambda v: matrix_first(v, right.expr), lift(left, shape))
    return elementwise(lambda v: scalar_first(left.expr, v), lift(right, shape))
