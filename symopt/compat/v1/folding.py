r"""Ops on constant float numbers give TF1's IEEE values in the tensor's dtype, not SymPy's.

SymPy folds ``sqrt(-1.0)`` to ``1.0*I``, ``log(0)`` and ``1/0`` to ``zoo`` and raises
``ZeroDivisionError`` for ``1.0/0.0``; TF1's kernels give ``nan``, ``-inf`` and ``inf``.  SymPy also computes in
more precision than the tensor's dtype (float32 ``0.1 + 0.2`` is not float32's ``0.3``, ``1e8 + 1 - 1e8`` is 1,
not 0; ``exp(89.0)`` does not overflow) and decides numbers by ``evalf``, which makes up a value for a difference
that cancels (``1 - sigmoid(20)`` is ``0.e-125`` and its ``log`` -288.35, where TF1's is ``-inf``: probe28 P28-2,
P28-3).  So where every operand is a float number, :func:`real_scalar` builds the op on symbols instead and runs
it through symopt's generated NumPy code with the numbers bound, in the tensor's dtype, one rounding per op as
TF1's kernels: exactly what the program computes when the same numbers are fed.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import sympy

from ...evaluation import evaluate
from .constants import bound_constant
from .default_graph import unnamed
from .dtypes import as_dtype
from .errors import InvalidArgumentError

__all__ = ["real_scalar"]


def real_scalar(build: Callable, operands: tuple, dtype: str, stored: str | None = None):
    """``build(*operands)`` for scalar SymPy operands; where every operand is a number and ``dtype`` (the result's
    NumPy dtype name) is a float, the number TF1's kernel computes, in ``dtype`` and rounded to ``stored`` (the
    tensor's own dtype, float16 computed in float32), with TF1's ``nan`` / ``±inf`` / ``-0.0``."""
    numbers = all(isinstance(operand, sympy.Number) for operand in operands)
    if numbers and np.dtype(dtype).kind == "f" and np.dtype(stored or dtype).kind == "f":  # an integer tensor's
        # numbers are float64 inside the program (symbol_dtype) but SymPy's integers here (exact, then wrapped)
        return _folded(build, operands, dtype, stored)
    try:
        result = build(*operands)
    except ZeroDivisionError:
        if not numbers:
            raise
        result = None
    if not numbers or (result is not None and result.is_extended_real):
        return result
    raise InvalidArgumentError(f"Integer division by zero (or an integer result out of the real domain) in an "
                               f"op on the constants {', '.join(map(str, operands))}")


def _folded(build: Callable, operands: tuple, dtype: str, stored: str | None):
    """``build(*operands)`` of float number operands, computed as the generated NumPy code computes it in ``dtype``
    (rounded to ``stored``): a SymPy number, or a bound array for ``nan``, ``-0.0`` and ``±inf``, which a SymPy
    number cannot hold or does not compute with as IEEE (``tf.round(-0.2)``, ``-2.0 * 0.0``: probe17 D2; SymPy's nan
    cannot be compared: probe15 Y3)."""
    value = _computed(build, operands, dtype)
    if stored is not None and stored != dtype:
        with np.errstate(all="ignore"):  # float16: rounded after each op, as TF1's kernels (60000 * 2 is inf)
            value = np.asarray(value).astype(stored)
    special = "nan" if np.isnan(value) else "negative_zero" if value == 0 and np.signbit(value) else \
        "inf" if np.isinf(value) else None
    if special is None:
        return sympy.Float(float(value), precision=53)
    with unnamed():  # computed op by op at run time, as TF1: SymPy's oo is no IEEE inf (-oo - 0 in a softmax is nan)
        return bound_constant(np.asarray(value), as_dtype(dtype), special).expr


def _computed(build: Callable, operands: tuple, dtype: str):
    """``build(*operands)`` of number operands as the generated NumPy code computes it, in ``dtype``."""
    symbols = [sympy.Symbol(f"operand{i}", real=True) for i in range(len(operands))]
    with np.errstate(all="ignore"):
        return evaluate(build(*symbols), {s: np.asarray(float(o), dtype) for s, o in zip(symbols, operands)},
                        dtype=dtype)
