"""Tensors of other array libraries (PyTorch, TensorFlow) read as NumPy arrays, wherever a value comes in: data, a
Variable's initial value, a run's starting point (probe51 P51-1/P51-3, final40b F40b-13)."""

from __future__ import annotations

import numpy as np

__all__ = ["is_library_array", "host_array"]

#: The array libraries whose tensors are read as NumPy arrays before they are checked (their ``dtype`` is no NumPy
#: dtype: a JAX backend's conversion read ``dtype.kind`` of a torch dtype, probe51 P51-3).
ARRAY_LIBRARIES = ("torch", "tensorflow")


def is_library_array(value) -> bool:
    """Whether ``value`` is a PyTorch or TensorFlow tensor that NumPy can be asked for."""
    return type(value).__module__.split(".")[0] in ARRAY_LIBRARIES and hasattr(value, "__array__")


def host_array(value) -> np.ndarray:
    """``value`` (a library tensor) as a NumPy array: read detached where it requires grad (a model's weights or
    output: symopt never differentiates through torch), a bfloat16 one as its float32 values (exact, as JAX's
    bfloat16 is read).  The library's own error (a tensor on a GPU) propagates."""
    if getattr(value, "requires_grad", False):
        value = value.detach()
    if "bfloat16" in str(getattr(value, "dtype", "")) and callable(getattr(value, "float", None)):
        value = value.float()
    return np.asarray(value)
