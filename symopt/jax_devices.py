r"""Where a JAX run's arrays live: one device, or a one-axis mesh over several (data parallelism).

With :math:`D` devices the examples are split along the batch axis (``PartitionSpec("batch")``),
parameters and optimizer state are replicated, and XLA turns the gradient's sum over examples
:math:`\nabla J = \frac1m\sum_i \nabla J_i` into per-device partial sums and one all-reduce.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import BackendError
from .jax_printer import require_jax
from .symbols import BATCH, is_batched

__all__ = ["Placement", "batch_axis"]


@dataclass(frozen=True)
class Placement:
    """Where a run's arrays live: one device, or a one-axis ``Mesh`` named ``"batch"`` over several."""

    devices: tuple
    mesh: Any = None
    #: One device, JAX's default: host arrays go into a jitted call as they are (the call moves them; a
    #: separate ``jax.device_put`` costs about 30 µs for a scalar, the whole lecture's 1000 steps take 15 µs).
    host_inputs: bool = False

    @classmethod
    def of(cls, devices) -> "Placement":
        """``None``: JAX's first device; ``N``: the first ``N`` devices; or a list of ``jax.Device``."""
        jax = require_jax()
        available = jax.devices()
        if devices is None:
            chosen = available[:1]
        elif isinstance(devices, (int, np.integer)) and not isinstance(devices, bool):
            if not 1 <= devices <= len(available):
                raise BackendError(f"devices={devices}: expected 1 to {len(available)}, the number of "
                                   f"{available[0].platform} devices JAX sees; on a CPU, "
                                   "XLA_FLAGS=--xla_force_host_platform_device_count=N (set before importing jax) "
                                   "makes N")
            chosen = available[:devices]
        elif isinstance(devices, (list, tuple)) and devices and all(isinstance(d, jax.Device) for d in devices):
            if len(set(devices)) != len(devices):
                raise BackendError(f"devices: each device once; given {list(devices)}")
            chosen = list(devices)
        else:
            raise BackendError(f"devices: expected a number of devices or a list of jax devices "
                               f"(e.g. jax.devices()[:2]); given {devices!r}")
        if len(chosen) == 1:
            return cls(tuple(chosen), host_inputs=chosen[0] == available[0])
        return cls(tuple(chosen), jax.sharding.Mesh(np.array(chosen), ("batch",)))

    def replicated(self):
        jax = require_jax()
        if self.mesh is None:
            return jax.sharding.SingleDeviceSharding(self.devices[0])
        return jax.sharding.NamedSharding(self.mesh, jax.sharding.PartitionSpec())

    def batched(self, axis: int | None):
        """Split along ``axis`` over the mesh (replicated where there is no batch axis or one device)."""
        jax = require_jax()
        if self.mesh is None or axis is None:
            return self.replicated()
        spec = [None, None]
        spec[axis] = "batch"
        return jax.sharding.NamedSharding(self.mesh, jax.sharding.PartitionSpec(*spec))

    def put(self, value):
        """``value`` on every device (parameters, optimizer state, hyperparameters); with :attr:`host_inputs`
        the host array itself, which the jitted call it is passed to places."""
        if self.host_inputs:
            return value
        return require_jax().device_put(value, self.replicated())

    def fetch(self, tree, copy: bool = True):
        """``tree`` with each device array replaced by a NumPy array on the host.  One ``jax.device_get`` (its
        copies run at once) from an accelerator; on a CPU the arrays are in host memory already: each is copied
        where it lies (writable, and safe when its device buffer is donated later), or with ``copy=False`` viewed
        (read-only; for arrays no later call donates)."""
        jax = require_jax()
        if self.devices[0].platform != "cpu":
            return jax.device_get(tree)
        return jax.tree_util.tree_map(np.array if copy else np.asarray, tree)

    def full(self, specs, dtype: str) -> list:
        """``numpy.full(shape, value, dtype)`` for each ``(shape, value)`` of ``specs``, made on every device by
        one jitted call (nothing crosses from the host; compiled once per set of shapes)."""
        specs = tuple((tuple(shape), float(value)) for shape, value in specs)
        return list(_filler(specs, str(dtype), None if self.host_inputs else self.replicated())()) if specs else []

    def put_data(self, value, axis: int | None):
        """The data on the devices: split along the batch axis when it divides evenly, else replicated
        (each step's batch is split inside the jitted loop either way)."""
        jax = require_jax()
        if self.host_inputs:  # uncommitted, like the host arrays passed with it: one compiled signature for all calls
            return jax.device_put(value)
        even = axis is not None and np.shape(value)[axis] % len(self.devices) == 0
        return jax.device_put(value, self.batched(axis) if even else self.replicated())

    def names(self) -> tuple[str, ...]:
        return tuple(f"{d.platform}:{d.id}" for d in self.devices)


@functools.lru_cache(maxsize=32)
def _filler(specs: tuple, dtype: str, sharding):
    """A jitted ``() -> [numpy.full(shape, value, dtype), ...]``, its results laid out by ``sharding`` (``None``:
    uncommitted on the default device, like the host arrays of :attr:`Placement.host_inputs`)."""
    jax = require_jax()
    placed = {} if sharding is None else {"out_shardings": sharding}
    return jax.jit(lambda: [jax.numpy.full(shape, value, dtype) for shape, value in specs], **placed)


def batch_axis(symbol) -> int | None:
    """The axis of ``symbol`` that holds the examples, or None."""
    return list(symbol.shape).index(BATCH) if is_batched(symbol) else None
