"""The NumPy dtype a TF1 dtype is computed in inside symopt's generated programs."""

from __future__ import annotations

from . import dtypes as _dtypes

__all__ = ["program_dtype"]


def program_dtype(dtype: _dtypes.DType) -> str:
    """float16 tensors are computed in float32 (and rounded when fetched)."""
    return "float32" if dtype.name == "float16" else dtype.name
