"""The settings a session is made with and the devices it lists: ``tf.ConfigProto``, ``tf.GPUOptions`` (accepted
for compatibility; only symopt's own ``backend="jax"`` changes anything) and ``sess.list_devices()``' entries."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ConfigProto", "GPUOptions", "DeviceAttributes"]


class DeviceAttributes(NamedTuple):
    """One entry of :meth:`Session.list_devices` (TF1's ``name``, ``device_type``, ``memory_limit_bytes``)."""

    name: str
    device_type: str
    memory_limit_bytes: int = 0


class GPUOptions:
    """``tf.GPUOptions(...)``: accepted for compatibility; symopt runs on the CPU (the options change nothing)."""

    def __init__(self, **options):
        self.allow_growth = False
        self.per_process_gpu_memory_fraction = 1.0
        self.__dict__.update(options)


class ConfigProto:
    """``tf.ConfigProto(...)`` for ``tf.Session(config=...)``: accepted for compatibility; its settings (devices,
    threads, GPU memory) change nothing in symopt, except symopt's own ``backend="jax"``, which runs the
    training steps with ``jax.jit`` (in the variables' dtype; float64 needs ``jax_enable_x64``)."""

    def __init__(self, **options):
        self.gpu_options = options.pop("gpu_options", None) or GPUOptions()
        self.allow_soft_placement = False
        self.log_device_placement = False
        self.__dict__.update(options)
