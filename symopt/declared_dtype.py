"""The dtype generated code computes in when none is asked for: the one its symbols declare.

Both backends read it here (:func:`symopt.compiler.compile`, :func:`symopt.minimize`, and the JAX backend where
64-bit JAX is on: :func:`symopt.jax_printer.jax_dtype`), so a Variable declared float64 runs in float64 on either.
"""

from __future__ import annotations

from typing import Sequence

import sympy

from .value_checks import canonical_dtype

__all__ = ["infer_dtype"]


def infer_dtype(symbols: Sequence[sympy.Basic], dtype=None) -> str:
    """``dtype`` if given, else float32 when any symbol declares float32, else float64."""
    if dtype is not None:
        return canonical_dtype(dtype)
    declared = {getattr(s, "dtype", "float64") for s in symbols}
    return "float32" if "float32" in declared else "float64"
