"""The settings a session is made and run with and the devices it lists: ``tf.ConfigProto``, ``tf.GPUOptions``
(accepted for compatibility; only symopt's own ``backend="jax"`` changes anything), ``tf.RunOptions`` /
``tf.RunMetadata`` (a run's tracing: accepted, nothing is traced) and ``sess.list_devices()``' entries."""

from __future__ import annotations

from types import SimpleNamespace
from typing import NamedTuple

from ...errors import UnsupportedOperationError

__all__ = ["ConfigProto", "GPUOptions", "DeviceAttributes", "RunOptions", "RunMetadata"]


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


class RunOptions:
    """``tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)`` for ``sess.run(..., options=...)``: accepted, since a
    trace never changes a value; symopt traces nothing, so the run's ``RunMetadata`` stays empty.  A
    ``timeout_in_ms`` (TF1's ``DeadlineExceededError`` for a run that waits longer) is refused: symopt would not
    enforce it."""

    NO_TRACE, SOFTWARE_TRACE, HARDWARE_TRACE, FULL_TRACE = 0, 1, 2, 3

    #: TF1's fields of the ``RunOptions`` proto and their defaults: another name is TF1's error (review6 R6-6).
    FIELDS = {"trace_level": 0, "timeout_in_ms": 0, "inter_op_thread_pool": 0, "output_partition_graphs": False,
              "debug_options": None, "report_tensor_allocations_upon_oom": False, "experimental": None}

    def __init__(self, trace_level: int = 0, timeout_in_ms: int = 0, **options):
        fields = {**self.FIELDS, "trace_level": trace_level, "timeout_in_ms": timeout_in_ms, **options}
        for name, value in fields.items():
            if name not in self.FIELDS:  # TF1's protobuf constructor: ValueError (tf.RunOptions(trace_levl=3))
                raise ValueError(f'Protocol message RunOptions has no "{name}" field. (its fields: '
                                 f'{", ".join(self.FIELDS)})')
            setattr(self, name, value)

    def __setattr__(self, name: str, value) -> None:
        if name not in self.FIELDS:  # TF1's protobuf assignment: AttributeError (options.trace_levl = 3)
            raise AttributeError(f'Protocol message RunOptions has no "{name}" field. (its fields: '
                                 f'{", ".join(self.FIELDS)})')
        if name == "timeout_in_ms" and value:
            raise UnsupportedOperationError(
                f"tf.RunOptions(timeout_in_ms={value}): symopt.compat.v1 does not enforce a run's deadline "
                "(its runs wait on no queue); leave timeout_in_ms out")
        super().__setattr__(name, value)


class RunMetadata:
    """``tf.RunMetadata()``: what TF1 records of a traced run (``step_stats``, ``cost_graph``, ``partition_graphs``).
    symopt records nothing, so it stays empty: ``FileWriter.add_run_metadata`` writes its tag with no trace (what
    TensorBoard then shows for that step is an empty trace, not TF1's per-op timings)."""

    def __init__(self):
        self.step_stats = SimpleNamespace(dev_stats=[])
        self.cost_graph = SimpleNamespace(node=[])
        self.partition_graphs = []

    def SerializeToString(self) -> bytes:  # noqa: N802 - protobuf's name
        """The serialized proto of an empty ``RunMetadata``: no bytes."""
        return b""
