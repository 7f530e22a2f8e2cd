"""TF1 dtype objects (``tf.float32``, ``tf.int32``, ``tf.string``, ...) and TF1's dtype inference.

``as_dtype`` accepts what ``tf.as_dtype`` accepts: a DType, a NumPy dtype or type, or one of
TF1's names (``"float"`` is float32, ``"double"`` float64, ``"half"`` float16).
:func:`infer_dtype` gives the dtype TF1 gives a Python or NumPy value: Python ints are int32,
Python floats float32, NumPy arrays keep their dtype (a float64 array stays float64).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass

import numpy as np

from ...errors import UnsupportedOperationError
from .errors import UnsupportedNameError

__all__ = ["DType", "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "bool",
           "string", "half", "double", "as_dtype", "infer_dtype", "resource"]


@dataclass(frozen=True)
class DType:
    """A tensor element type; ``name`` is TF1's (and NumPy's, except ``string``), ``tf_name`` the one
    TF1's messages use (``float`` for float32)."""

    name: str
    tf_name: str

    @property
    def as_numpy_dtype(self):
        return np.object_ if self.name == "string" else np.dtype(self.name).type

    @property
    def is_floating(self) -> bool:
        return self.name.startswith("float")

    @property
    def is_integer(self) -> bool:
        return "int" in self.name

    @property
    def is_unsigned(self) -> bool:
        """TF1's ``dtype.is_unsigned``: ``uint8`` .. ``uint64`` (not ``bool``)."""
        return self.name.startswith("uint")

    @property
    def base_dtype(self) -> "DType":
        return self

    @property
    def min(self):
        return np.finfo(self.name).min if self.is_floating else np.iinfo(self.name).min

    @property
    def max(self):
        return np.finfo(self.name).max if self.is_floating else np.iinfo(self.name).max

    @property
    def size(self) -> int:
        """TF1's ``dtype.size``: bytes per entry (``tf.float32.size`` is 4; 0 for a string, which has no fixed size)."""
        return 0 if self.name in ("string", "resource") else np.dtype(self.name).itemsize

    @property
    def is_bool(self) -> builtins.bool:
        return self.name == "bool"

    @property
    def real_dtype(self) -> "DType":
        return self

    is_complex = False  # symopt.compat.v1 has no complex dtype
    is_quantized = False
    is_numpy_compatible = True

    def __getattr__(self, name: str):
        """A ``DType`` attribute of TF1's that symopt does not give: a typed error naming it."""
        if name.startswith("__"):
            raise AttributeError(name)
        raise _unsupported_attribute(self, name)

    def __repr__(self) -> str:
        return f"tf.{self.name}"

    def __str__(self) -> str:
        return f"<dtype: '{self.name}'>"

    def __eq__(self, other) -> builtins.bool:
        """Equal to the same dtype, and to anything :func:`as_dtype` turns into it (``tf.float32 == 'float32'``)."""
        if other is None:
            return False
        if not isinstance(other, DType):
            try:
                other = as_dtype(other)
            except TypeError:
                return False
        return self.name == other.name

    def __hash__(self) -> int:
        return hash(self.name)


float16 = DType("float16", "half")
float32 = DType("float32", "float")
float64 = DType("float64", "double")
int8 = DType("int8", "int8")
int16 = DType("int16", "int16")
int32 = DType("int32", "int32")
int64 = DType("int64", "int64")
uint8 = DType("uint8", "uint8")
uint16 = DType("uint16", "uint16")
bool = DType("bool", "bool")  # noqa: A001 - TF1's name
string = DType("string", "string")
resource = DType("resource", "resource")
half, double = float16, float64

_ALL = (float16, float32, float64, int8, int16, int32, int64, uint8, uint16, bool, string)
_BY_NAME = {d.name: d for d in _ALL}
#: TF1's other names for the same types.
_ALIASES = {"float": float32, "double": float64, "half": float16}
#: Python types: TF1's (``float``, ``bool``, ``object``) and those symopt's own conversions read (TF1 refuses them).
_PYTHON_TYPES = {float: float32, int: int32, builtins.bool: bool, str: string, bytes: string, object: string}
#: TF1 dtypes symopt.compat.v1 does not support (refused by name, a typed error).
UNSUPPORTED_NAMES = ("bfloat16", "complex64", "complex128", "uint32", "uint64", "qint8", "quint8", "qint16",
                     "quint16", "qint32", "variant")


def _unsupported_attribute(dtype: DType, name: str) -> UnsupportedNameError:
    return UnsupportedNameError(f"tf.{dtype.name}.{name} is not supported by symopt.compat.v1; a DType has name, "
                                "size, min, max, is_floating, is_integer, is_unsigned, is_bool, is_complex, "
                                "is_quantized, base_dtype, real_dtype, as_numpy_dtype")


def _unsupported_dtype(value) -> UnsupportedOperationError:
    return UnsupportedOperationError(
        f"tf.as_dtype({value!r}): a TF1 dtype symopt.compat.v1 does not support; the dtypes it supports are "
        f"{sorted(_BY_NAME)} (and the names 'float', 'double', 'half')")


def as_dtype(value) -> DType:
    """A :class:`DType` from a DType, a NumPy dtype or type, a Python type or a TF1 name."""
    if isinstance(value, DType):
        return value
    if isinstance(value, str):
        found = _BY_NAME.get(value) or _ALIASES.get(value)
        if found is None and value in UNSUPPORTED_NAMES:
            raise _unsupported_dtype(value)
        if found is None:
            raise TypeError(f"Cannot convert value {value!r} to a TensorFlow DType; the names symopt knows are "
                            f"{sorted(set(_BY_NAME) | set(_ALIASES))}")
        return found
    if value in _PYTHON_TYPES:
        return _PYTHON_TYPES[value]
    try:
        kind = np.dtype(value)
    except TypeError:
        raise TypeError(f"Cannot convert value {value!r} to a TensorFlow DType") from None
    if kind.kind in "SUO":
        return string
    if kind.name in UNSUPPORTED_NAMES:  # np.complex64, np.uint32
        raise _unsupported_dtype(value)
    if kind.name not in _BY_NAME:
        raise TypeError(f"unsupported dtype {value!r}; expected one of {sorted(_BY_NAME)}")
    return _BY_NAME[kind.name]


def _held_dtype(value):
    """The dtype of the first tensor (anything with a ``dtype`` and an ``expr``) a list or tuple holds, else None."""
    if isinstance(value, (list, tuple)):
        for item in value:
            found = item.dtype if hasattr(item, "expr") and isinstance(getattr(item, "dtype", None), DType) \
                else _held_dtype(item)
            if found is not None:
                return found
    return None


def _array_like(value) -> bool:
    """Whether ``value`` converts itself to a NumPy array (``__array__``, or an ``__array_interface__`` dict), as TF's
    ``make_tensor_proto`` tests it: then its array's dtype is kept, not the float32 / int32 of Python numbers."""
    if hasattr(value, "expr") and isinstance(getattr(value, "dtype", None), DType):  # a tensor: no NumPy array
        return False
    return callable(getattr(value, "__array__", None)) or isinstance(getattr(value, "__array_interface__", None), dict)


def infer_dtype(value) -> DType:
    """TF1's dtype for a value given without one: NumPy values keep theirs; Python ints are int32 (int64 when one
    is outside int32's range: ``2**40``), floats float32, bools bool, strings string; a list takes the widest kind of
    its entries."""
    if isinstance(value, (np.ndarray, np.generic)):
        return as_dtype(value.dtype)
    if _array_like(value):  # a pandas DataFrame / Series, a torch tensor: its NumPy dtype, as TF's conversion keeps
        array = np.asarray(value)  # it (float64 data stays float64: probe61 P61-14)
        if array.dtype.kind in "biuf":
            return as_dtype(array.dtype)
    held = _held_dtype(value)
    if held is not None:  # a list holding tensors: the first one's, as TF1 packs it (tf.stack)
        return held
    array = np.asarray(value)
    if array.dtype.kind in "SUO":
        return string
    if array.dtype.kind in "iu" and array.size and (array.min() < -2 ** 31 or array.max() >= 2 ** 31):
        return int64
    return {"b": bool, "i": int32, "u": int32, "f": float32}.get(array.dtype.kind) or as_dtype(array.dtype)
