"""TF1's dtype rules of its random tensors (``tf.random_normal`` / ``tf.truncated_normal`` /
``tf.random_uniform``), checked before anything is drawn or added to the graph (probe69 P69-4):

* a normal of an integer dtype is TF1's ``TypeError`` (``mean`` / ``stddev`` are converted to the dtype, and
  the kernel draws floats only), never integers truncated toward zero;
* a uniform of a dtype other than float16 / float32 / float64 / int32 / int64 and an integer uniform without a
  ``maxval`` are TF1's ``ValueError``, raised before the op takes its name (:func:`check_uniform_arguments`);
* an integer uniform's bounds are not Python floats (NumPy floats are cast to the integer dtype, as TF1 casts them).
"""

from __future__ import annotations

import numbers

import numpy as np

from ...errors import ConfigurationError
from . import dtypes
from .errors import DTypeMismatchError

__all__ = ["check_normal_dtype", "check_uniform_dtype", "check_uniform_arguments", "integer_bound", "UNIFORM_DTYPES"]

#: The dtypes ``tf.random_uniform`` draws (TF1's list, in its order).
UNIFORM_DTYPES = ("float16", "bfloat16", "float32", "float64", "int32", "int64")


def _float_argument(*values):
    """The first Python float among ``values`` (TF1 converts NumPy floats and tensors by their own rules), else
    None (review final44b F44b-7: ``np.float32(4)`` is a bound TF1 casts)."""
    return next((value for value in values if type(value) is float), None)


def check_normal_dtype(op: str, dtype: dtypes.DType, mean, stddev) -> None:
    """TF1's ``TypeError`` for ``tf.<op>(..., dtype=<an integer dtype>)``: its draws are floats."""
    if dtype.is_floating:
        return
    given = next((value for value in (mean, stddev) if isinstance(value, numbers.Real)
                  and not isinstance(value, numbers.Integral)), None)
    first = (f"Expected {dtype.name}, but got {given!r} of type 'float'." if given is not None else
             f"Value passed to parameter 'dtype' has DataType {dtype.name} not in list of allowed values: float16, "
             "bfloat16, float32, float64")
    raise DTypeMismatchError(
        f"{first} (tf.{op} draws floats only, dtype float16 / float32 / float64; "
        f"draw floats and convert them, tf.cast(tf.round(tf.{op}(shape, mean, stddev)), tf.{dtype.name}))")


def check_uniform_arguments(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None) -> None:
    """TF1's ``ValueError`` of ``tf.random_uniform``, raised before the op takes its name (after a refused one the
    next is ``random_uniform``): a dtype it does not draw (``tf.bool``), an integer dtype without a ``maxval``."""
    dtype = dtypes.as_dtype(dtype)
    if dtype.name not in UNIFORM_DTYPES:
        accepted = ", ".join(f"tf.{name}" for name in UNIFORM_DTYPES)
        raise ConfigurationError(f"Argument `dtype` got invalid value <dtype: '{dtype.name}'>. Accepted dtypes are "
                                 f"({accepted}). (tf.random_uniform draws these; draw floats and compare them for "
                                 "booleans, tf.random_uniform(shape) < p)")
    if not dtype.is_floating and maxval is None:
        raise ConfigurationError(
            f"Must specify maxval for integer dtype tf.{dtype.name}. (tf.random_uniform of an integer dtype draws "
            f"from [minval, maxval) and has no default maxval; give it, tf.random_uniform(shape, minval=0, "
            f"maxval=n, dtype=tf.{dtype.name}), or draw floats on [0, 1) with dtype=tf.float32)")


def check_uniform_dtype(dtype: dtypes.DType, minval, maxval) -> None:
    """TF1's ``TypeError`` for an integer ``tf.random_uniform`` with a Python float bound."""
    if dtype.is_floating:
        return
    given = _float_argument(minval, maxval)
    if given is not None:
        raise DTypeMismatchError(f"Expected {dtype.name}, but got {given!r} of type 'float'. (the bounds of an "
                                 f"integer tf.random_uniform are ints: give minval / maxval as whole numbers, "
                                 f"maxval={int(given)}, or draw floats with dtype=tf.float32)")


def integer_bound(value, dtype: dtypes.DType) -> int:
    """An integer uniform's number bound as TF1 converts it: a NumPy float cast to the dtype (toward zero, as
    ``numpy.astype``: ``np.float64(4.5)`` is 4)."""
    return np.asarray(value).astype(dtype.name).item()
