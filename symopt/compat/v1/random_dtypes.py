"""TF1's dtype rules of its random tensors (``tf.random_normal`` / ``tf.truncated_normal`` /
``tf.random_uniform``), checked before anything is drawn or added to the graph (probe69 P69-4):

* a normal of an integer dtype is TF1's ``TypeError`` (``mean`` / ``stddev`` are converted to the dtype, and
  the kernel draws floats only), never integers truncated toward zero;
* an integer uniform needs a ``maxval`` (TF1's ``ValueError``), and bounds that are whole numbers given as ints.
"""

from __future__ import annotations

import numbers

from ...errors import ConfigurationError
from . import dtypes
from .errors import DTypeMismatchError

__all__ = ["check_normal_dtype", "check_uniform_dtype"]


def _float_argument(*values):
    """The first Python / NumPy float among ``values`` (a tensor or an int is not one), else None."""
    return next((value for value in values if isinstance(value, numbers.Real)
                 and not isinstance(value, numbers.Integral)), None)


def check_normal_dtype(op: str, dtype: dtypes.DType, mean, stddev) -> None:
    """TF1's ``TypeError`` for ``tf.<op>(..., dtype=<an integer dtype>)``: its draws are floats."""
    if dtype.is_floating:
        return
    given = _float_argument(mean, stddev)
    given = f"{given!r} of type 'float'" if given is not None else "integer mean and stddev"
    raise DTypeMismatchError(
        f"Expected {dtype.name}, but got {given}. (tf.{op} draws floats only, dtype float16 / float32 / float64; "
        f"draw floats and convert them, tf.cast(tf.round(tf.{op}(shape, mean, stddev)), tf.{dtype.name}))")


def check_uniform_dtype(dtype: dtypes.DType, minval, maxval) -> None:
    """TF1's errors for an integer ``tf.random_uniform``: no ``maxval`` (``ValueError``), a float bound
    (``TypeError``)."""
    if dtype.is_floating:
        return
    if maxval is None:
        raise ConfigurationError(
            f"Must specify maxval for integer dtype tf.{dtype.name}. (tf.random_uniform of an integer dtype draws "
            f"from [minval, maxval) and has no default maxval; give it, tf.random_uniform(shape, minval=0, "
            f"maxval=n, dtype=tf.{dtype.name}), or draw floats on [0, 1) with dtype=tf.float32)")
    given = _float_argument(minval, maxval)
    if given is not None:
        raise DTypeMismatchError(f"Expected {dtype.name}, but got {given!r} of type 'float'. (the bounds of an "
                                 f"integer tf.random_uniform are ints: give minval / maxval as whole numbers, "
                                 f"maxval={int(given)}, or draw floats with dtype=tf.float32)")
