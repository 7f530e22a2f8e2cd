"""``tf.test``: the device queries TF1 programs make before they start."""

from __future__ import annotations

__all__ = ["is_gpu_available", "is_built_with_cuda", "gpu_device_name"]


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None) -> bool:
    """``False``: a ``tf.Session`` computes with NumPy on the CPU (a JAX session, ``ConfigProto(backend="jax")``,
    uses JAX's devices; ask ``jax.devices()``)."""
    return False


def is_built_with_cuda() -> bool:
    """``False``: symopt's TF1 layer has no CUDA kernels of its own."""
    return False


def gpu_device_name() -> str:
    """``''``, as TF1 says when there is no GPU."""
    return ""
