r"""Ops on constant numbers outside their real domain give TF1's IEEE values, not SymPy's.

SymPy folds ``sqrt(-1.0)`` to ``1.0*I``, ``log(0)`` and ``1/0`` to ``zoo`` and raises
``ZeroDivisionError`` for ``1.0/0.0``; TF1's kernels give ``nan``, ``-inf`` and ``inf``.  Where every
operand is a number and SymPy's answer is not a real number, :func:`real_scalar` builds the op on
symbols instead and runs it through symopt's generated NumPy code with the numbers bound, in the
tensor's dtype: exactly what the program computes when the same numbers are fed.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import sympy

from ...compiler import evaluate
from .constants import bound_constant
from .default_graph import unnamed
from .dtypes import as_dtype
from .errors import InvalidArgumentError

__all__ = ["real_scalar"]


def real_scalar(build: Callable, operands: tuple, dtype: str):
    """``build(*operands)`` for scalar SymPy operands, with TF1's ``nan``/``±inf`` where that is not a real
    number and every operand is a number (``dtype``: the result's NumPy dtype name)."""
    numbers = all(isinstance(operand, sympy.Number) for operand in operands)
    try:
        result = build(*operands)
    except ZeroDivisionError:
        if not numbers:
            raise
        result = None
    if numbers and result is not None and result.is_zero and np.dtype(dtype).kind == "f":
        return _signed_zero(build, operands, dtype, result)  # tf.round(-0.2) is -0.0 (probe17 D2)
    if not numbers or (result is not None and result.is_extended_real):
        return result
    if np.dtype(dtype).kind != "f":
        raise InvalidArgumentError(f"Integer division by zero (or an integer result out of the real domain) in an "
                                   f"op on the constants {', '.join(map(str, operands))}")
    value = _computed(build, operands, dtype)
    if np.isnan(value):  # bound at run time, as tf.constant(np.nan): SymPy's nan cannot be compared (probe15 Y3)
        with unnamed():
            return bound_constant(np.asarray(value), as_dtype(dtype), "nan").expr
    return sympy.Float(float(value), precision=53)


def _computed(build: Callable, operands: tuple, dtype: str):
    """``build(*operands)`` of number operands as the generated NumPy code computes it, in ``dtype``."""
    symbols = [sympy.Symbol(f"operand{i}", real=True) for i in range(len(operands))]
    with np.errstate(all="ignore"):
        return evaluate(build(*symbols), {s: np.asarray(float(o), dtype) for s, o in zip(symbols, operands)},
                        dtype=dtype)


def _signed_zero(build: Callable, operands: tuple, dtype: str, result):
    """SymPy's zero ``result`` of an op on numbers, or TF1's ``-0.0`` where IEEE arithmetic gives it
    (``tf.round(-0.2)``, ``tf.ceil(-0.5)``, ``-2.0 * 0.0``), which a SymPy number cannot hold: bound as an array, as
    ``tf.constant(-0.0)`` is."""
    value = _computed(build, operands, dtype)
    if not np.signbit(value):
        return result
    with unnamed():
        return bound_constant(np.asarray(-0.0), as_dtype(dtype), "negative_zero").expr
