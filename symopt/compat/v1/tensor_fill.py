"""TF1's rule for a value given with a shape (``tf.constant(value, shape=...)``, ``tf.constant_initializer(value)``:
``make_tensor_proto``): a value with as many entries as the shape is laid out in it in row-major order; a shorter
one fills the rest with its last entry (``[1, 2]`` for shape ``[4]`` is ``[1, 2, 2, 2]``; a number fills it all);
an empty one gives zeros; a longer one is TF1's ``ValueError``.  Never NumPy's broadcasting (``[1, 2, 3]`` for
shape ``[2, 3]`` is ``[[1, 2, 3], [3, 3, 3]]``, not two copies of the row)."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["filled"]


def filled(value, shape: tuple, dtype: str, verify_shape: bool = False) -> np.ndarray:
    """``value`` as an array of ``shape`` and ``dtype`` by TF1's rule (``verify_shape``: only its own shape, else
    TF1's ``TypeError``)."""
    array = np.asarray(value, dtype=dtype)
    shape = tuple(int(d) for d in shape)
    if array.shape == shape:
        return array
    if verify_shape:
        raise TypeError(f"Expected Tensor's shape: {shape}, but got {array.shape}.")
    size, flat = math.prod(shape), array.ravel()
    if flat.size > size:
        raise ValueError(f"Too many elements provided. Takes at most {size:d}, but got {flat.size:d}.")
    last = flat[-1] if flat.size else np.zeros((), dtype)
    return np.concatenate([flat, np.full(size - flat.size, last, dtype)]).reshape(shape)
