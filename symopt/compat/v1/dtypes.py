"""TF1 dtype objects: ``tf.float32``, ``tf.float64``, ``tf.int32``, ``tf.int64``, ``tf.bool``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["DType", "float32", "float64", "int32", "int64", "bool", "as_dtype"]


@dataclass(frozen=True)
class DType:
    """A tensor element type; ``name`` is NumPy's, ``tf_name`` the one TF1's messages use."""

    name: str
    tf_name: str

    @property
    def as_numpy_dtype(self):
        return np.dtype(self.name).type

    @property
    def is_floating(self) -> bool:
        return self.name.startswith("float")

    def __repr__(self) -> str:
        return f"tf.{self.name}"


float32 = DType("float32", "float")
float64 = DType("float64", "double")
int32 = DType("int32", "int32")
int64 = DType("int64", "int64")
bool = DType("bool", "bool")  # noqa: A001 - TF1's name
_BY_NAME = {d.name: d for d in (float32, float64, int32, int64, bool)}


def as_dtype(value) -> DType:
    """A :class:`DType` from a DType, a NumPy dtype or a name."""
    if isinstance(value, DType):
        return value
    name = np.dtype(value).name
    if name not in _BY_NAME:
        raise TypeError(f"unsupported dtype {value!r}; expected one of {sorted(_BY_NAME)}")
    return _BY_NAME[name]
