"""The NumPy dtypes TF1 dtypes are computed in inside symopt's generated programs."""

from __future__ import annotations

from . import dtypes as _dtypes

__all__ = ["program_dtype", "symbol_dtype"]


def program_dtype(dtype: _dtypes.DType) -> str:
    """float16 tensors are computed in float32 (and rounded when fetched)."""
    return "float32" if dtype.name == "float16" else dtype.name


def symbol_dtype(dtype: _dtypes.DType) -> str:
    """The NumPy dtype of the program's symbol for a tensor of ``dtype`` (a placeholder, a bound constant, a stand-in)
    and of a scalar folded when the graph is built: a float dtype's :func:`program_dtype`; integers and bools are
    float64 numbers inside the program."""
    return program_dtype(dtype) if dtype.is_floating else "float64"
