"""TF1's refusals of a variable's initial value of another dtype and of an assignment of another shape, raised when
the variable or the assignment is made, before anything changes."""

from __future__ import annotations

import numpy as np

from ...errors import UnsupportedOperationError
from . import dtypes as _dtypes
from .errors import DTypeMismatchError
from .graph import Tensor
from .tensor_shape import TensorShape, shape_text

__all__ = ["check_initial_dtype", "check_delta_shape", "refuse_shape_change"]


def check_initial_dtype(value, dtype: _dtypes.DType) -> None:
    """TF1's refusals of an initial value of another dtype than the declared one, where NumPy would convert it
    (probe28 P28-8): a tensor of another dtype (``tf.Variable(tf.ones([2]), dtype=tf.float64)``) is a ``ValueError``;
    a Python float for an integer dtype (``tf.Variable(5.7, dtype=tf.int32)``, truncated to 5) a ``TypeError``."""
    if isinstance(value, Tensor):
        if value.dtype != dtype:
            raise ValueError(f"initial_value: Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                             f"{value.dtype.name}: {value!r} (cast it first: tf.cast({value.op_name}, "
                             f"tf.{dtype.name}))")
        return
    first = _first_python_float(value) if dtype.is_integer else None
    if first is not None:
        raise DTypeMismatchError(f"Expected {dtype.name}, but got {first!r} of type 'float'. (a tf.Variable of dtype "
                                 f"{dtype.name} takes integers: give them, or a float dtype)")


def _first_python_float(value):
    """The first Python float in ``value`` (a number, or lists and tuples of them), or None."""
    if type(value) is float:
        return value
    if isinstance(value, (list, tuple)):
        return next((found for found in map(_first_python_float, value) if found is not None), None)
    return None


def check_delta_shape(ref, delta, op: str) -> None:
    """TF1's ``ValueError`` for a delta of another shape than the variable's (``AssignAdd`` does not broadcast:
    ``tf.assign_add(vector, 1.0)`` is refused)."""
    shape = delta.shape if isinstance(delta, Tensor) else TensorShape(np.shape(delta))
    if not shape.known_rank:
        return
    if len(shape) != len(ref.shape):
        raise ValueError(f"Shapes must be equal rank, but are {len(ref.shape)} and {len(shape)} for '{op}' (op: "
                         f"'{op}') with input shapes: {shape_text(ref.shape)}, {shape_text(shape)}.")
    if not shape.is_compatible_with(ref.shape):
        raise ValueError(f"Dimension 0 in both shapes must be equal for '{op}' (op: '{op}') with input shapes: "
                         f"{shape_text(ref.shape)}, {shape_text(shape)}.")


def refuse_shape_change(ref, shape: TensorShape, validate_shape) -> None:
    """TF1's ``ValueError`` for a value of another shape than the variable's; with ``validate_shape=False`` TF1
    gives the variable the value's shape, which symopt's programs (compiled for the variable's shape) cannot."""
    if validate_shape is False:
        raise UnsupportedOperationError(
            f"tf.assign({ref.name}, value of shape {shape}, validate_shape=False): changing a variable's shape "
            f"({ref.shape}) is not supported by symopt.compat.v1; make a new tf.Variable of the new shape")
    raise ValueError(f"Shapes {ref.shape} and {shape} are incompatible")
