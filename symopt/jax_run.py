r"""Training on the JAX backend: ``minimize(..., backend="jax", devices=...)``.

The fused step of :mod:`symopt.jax_compile` runs inside one jitted loop with the parameter, slot and
history buffers donated (updated in place on the device):

* full batch: all ``steps`` in one ``lax.fori_loop`` (``lax.while_loop`` when ``tol`` may stop it early);
* mini-batches: the data go to the device once; each epoch's permutation is drawn on the host by the
  same generator as the NumPy backend (``numpy.random.default_rng(seed).permutation``), so the batches
  and their order are identical; one call runs the epoch's full batches (rows gathered on the device),
  and the last short batch runs through the same loop compiled once for its size.

``devices=N`` (or a list of JAX devices) trains data-parallel: the batch axis is sharded over a
one-axis mesh, parameters and optimizer state are replicated, and XLA inserts the reductions of
:math:`\nabla J = \frac1m\sum_i \nabla J_i` across devices.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .codegen import python_names
from .binding import as_value, batch_size as common_batch_size
from .errors import BackendError, ConfigurationError, DivergenceError
from .jax_step import JaxStep, compile_jax_step
from .jax_printer import jax_dtype, require_jax
from .run_arguments import check_data
from .symbols import BATCH, is_matrix, shape_of

__all__ = ["minimize_jax", "Placement", "UNSUPPORTED", "Loop", "loop_for"]

#: minimize's options the JAX backend does not run (they need a Python call per step, or files).
UNSUPPORTED = ("callback", "trace", "checkpoint", "checkpoint_every", "resume_from", "method", "progress")


@dataclass(frozen=True)
class Placement:
    """Where a run's arrays live: one device, or a one-axis ``Mesh`` named ``"batch"`` over several."""

    devices: tuple
    mesh: Any = None

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
            return cls(tuple(chosen))
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

    def put_data(self, value, axis: int | None):
        """The data on the devices: split along the batch axis when it divides evenly, else replicated
        (each step's batch is split inside the jitted loop either way)."""
        jax = require_jax()
        even = axis is not None and np.shape(value)[axis] % len(self.devices) == 0
        return jax.device_put(value, self.batched(axis) if even else self.replicated())

    def names(self) -> tuple[str, ...]:
        return tuple(f"{d.platform}:{d.id}" for d in self.devices)


def batch_axis(symbol) -> int | None:
    """The axis of ``symbol`` that holds the examples, or None."""
    return list(symbol.shape).index(BATCH) if is_matrix(symbol) and BATCH in symbol.shape else None


def _loop(compiled: JaxStep, placement: Placement, axes: tuple, tol, mini_batches: bool):
    r"""The jitted training loop ``(params, slots, shared, hyper, data, order, count, history) ->
    (params, slots, shared, history, steps, final cost)``; parameters, slots and history are donated.

    Step :math:`i` reads the full data, or the rows ``order[i*B:(i+1)*B]`` (``B`` from the static shapes).
    With ``tol`` the loop stops before applying a step whose every :math:`|g| \le` tol.
    """
    jax = require_jax()
    jnp, lax = jax.numpy, jax.lax
    constraints = [placement.batched(axis) for axis in axes]

    def take_batch(data, order, i, size):
        if not mini_batches:
            rows = data
        else:
            index = lax.dynamic_slice_in_dim(order, i * size, size)
            rows = [d if axis is None else jnp.take(d, index, axis=axis) for d, axis in zip(data, axes)]
        if placement.mesh is None:
            return rows
        return [lax.with_sharding_constraint(d, c) for d, c in zip(rows, constraints)]

    def run(params, slots, shared, hyper, data, order, count, history):
        loop.traces += 1  # runs while JAX traces (once per compilation), not per call
        size = order.shape[0] // max(history.shape[0], 1)

        def advance(i, params, slots, shared):
            return compiled.step(*params, *slots, *shared, *hyper, *take_batch(data, order, i, size))

        def keep_unless(converged, new, old):
            return [jnp.where(converged, o, n) for n, o in zip(new, old)]

        def fixed_step(i, carry):
            params, slots, shared, history = carry
            cost, params, slots, shared, _ = advance(i, params, slots, shared)
            return list(params), list(slots), list(shared), history.at[i].set(cost)

        def tested_step(carry):
            i, params, slots, shared, history, _ = carry
            cost, new_params, new_slots, new_shared, gradients = advance(i, params, slots, shared)
            converged = jnp.stack([jnp.max(jnp.abs(g)) <= tol for g in gradients]).all()
            return (i + jnp.where(converged, 0, 1), keep_unless(converged, new_params, params),
                    keep_unless(converged, new_slots, slots), keep_unless(converged, new_shared, shared),
                    history.at[i].set(cost), converged)

        if tol is None:
            params, slots, shared, history = lax.fori_loop(0, count, fixed_step, (params, slots, shared, history))
            steps = count
        else:
            start = (jnp.asarray(0), params, slots, shared, history, jnp.asarray(False))
            steps, params, slots, shared, history, _ = lax.while_loop(
                lambda carry: (carry[0] < count) & ~carry[-1], tested_step, start)
        final = advance(0, params, slots, shared)[0] if not mini_batches else jnp.zeros((), history.dtype)
        return params, slots, shared, history, steps, final

    loop = Loop(jax.jit(run, donate_argnums=(0, 1, 2, 7)))
    return loop


class Loop:
    """A jitted training loop and ``traces``, how many times JAX has traced (compiled) it."""

    def __init__(self, function):
        self.function, self.traces = function, 0

    def __call__(self, *args):
        return self.function(*args)


def loop_for(compiled: JaxStep, placement: Placement, axes: tuple, tol, mini_batches: bool):
    """The jitted loop, cached on the compiled step: a repeated run (or the next epoch) compiles nothing."""
    loops = compiled.__dict__.setdefault("loops", {})
    key = (placement, axes, tol, mini_batches)
    if key not in loops:
        loops[key] = _loop(compiled, placement, axes, tol, mini_batches)
    return loops[key]


def check_supported(options: dict) -> None:
    """Options of :func:`symopt.minimize` the JAX backend refuses (before anything runs)."""
    given = [name for name in UNSUPPORTED if options.get(name) not in (None, False)]
    if given:
        raise BackendError(f"backend='jax' does not support {', '.join(given)} (they need Python between steps "
                           "or files); use backend='numpy' for them")


def minimize_jax(cost, parameters: list, initial: dict, feed: dict, data_symbols: list, optimizer, *,
                 length: int, batch_size, shuffle: bool, seed, dtype, tol, clip_value, clip_norm, devices,
                 others: dict, make_result):
    """Run :func:`symopt.minimize` on JAX; ``make_result(...)`` builds its :class:`~symopt.Result`."""
    check_supported(others)
    jax = require_jax()
    dtype = jax_dtype(dtype)
    placement = Placement.of(devices)
    scalar = np.dtype(dtype).type
    params = [as_value(p, initial[p], dtype, scalar) for p in parameters]
    values = [as_value(s, feed[s], dtype, scalar) for s in data_symbols]
    for symbol, value in zip(data_symbols, values):
        check_data(symbol, value)
    examples = common_batch_size(data_symbols, values)
    if batch_size is not None and (examples is None or batch_size > examples):
        raise ConfigurationError(f"batch_size {batch_size}: expected at most the {examples} examples of data with a "
                                 "batch dimension (a Placeholder shape with None)")
    compiled = compile_jax_step(cost, parameters, optimizer, data_symbols, dtype=dtype, clip_value=clip_value,
                                clip_norm=clip_norm)
    axes = tuple(batch_axis(s) for s in data_symbols)
    run = _JaxRun(compiled, placement, params, [placement.put_data(v, a) for v, a in zip(values, axes)], axes, tol,
                  make_result)
    if batch_size is None:
        message = run.full_batch(length)
    else:
        rng = np.random.default_rng(seed) if shuffle else None
        message = run.mini_batches(length, batch_size, examples, rng)
    return run.result(message)


class _JaxRun:
    """The state of one JAX run: device arrays of parameters, slots and shared slots, and the history."""

    def __init__(self, compiled: JaxStep, placement: Placement, params: list, data: list, axes: tuple, tol,
                 make_result):
        jax = require_jax()
        self.compiled, self.placement, self.data, self.axes, self.tol = compiled, placement, data, axes, tol
        self.make_result = make_result
        slots, shared = compiled.initial_slots(params)
        put = placement.replicated()
        self.start = (list(params), slots, shared)  # host copies: a divergence replays from here
        self.params, self.slots, self.shared = ([jax.device_put(v, put) for v in group]
                                                for group in (params, slots, shared))
        self.hyper = [jax.device_put(v, put) for v in compiled.hyper_arguments()]
        self.history: list = []
        self.steps = self.epochs = 0
        self.final_cost = None

    def _call(self, loop, order, count: int, slots: int):
        jnp = require_jax().numpy
        history = jnp.zeros(slots, self.compiled.dtype)
        return loop(self.params, self.slots, self.shared, self.hyper, self.data, order, count, history)

    def full_batch(self, steps: int) -> str:
        loop = loop_for(self.compiled, self.placement, self.axes, self.tol, False)
        no_order = np.zeros(0, np.int32)
        params, slots, shared, history, done, final = self._call(loop, no_order, steps, steps)
        done = int(done)
        costs = np.asarray(history, dtype=float)[:done + (done < steps)]
        first = _first_non_finite(costs)
        if first is not None:
            candidates = np.where(np.isfinite(costs[:first]), costs[:first], np.inf)
            best = int(np.argmin(candidates)) if first and np.isfinite(candidates.min()) else 0
            value, best_params = self._replay(loop, no_order, steps, best)
            self._diverged(costs[:first + 1], first, value, best_params)
        self.params, self.slots, self.shared = params, slots, shared
        self.history.append(costs[:done])
        self.steps, self.final_cost = done, float(final)
        if done < steps:
            return f"converged: every |gradient| <= {self.tol} after {done} steps"
        return f"stopped after {done} steps"

    def mini_batches(self, epochs: int, size: int, examples: int, rng) -> str:
        """``epochs`` passes over the permuted rows; the order of each is drawn exactly as the NumPy backend's."""
        full, short = divmod(examples, size)
        loop = loop_for(self.compiled, self.placement, self.axes, self.tol, True)
        pieces = ([(slice(0, full * size), full)] if full else []) + ([(slice(full * size, None), 1)] if short else [])
        for epoch in range(epochs):
            order = (rng.permutation(examples) if rng is not None else np.arange(examples)).astype(np.int32)
            for rows, count in pieces:
                start = [np.asarray(p) for p in self.params]
                params, slots, shared, history, done, _ = self._call(loop, order[rows], count, count)
                done = int(done)
                costs = np.asarray(history, dtype=float)[:done + (done < count)]
                first = _first_non_finite(costs)
                if first is not None:
                    earlier = np.concatenate(self.history + [costs[:first + 1]])
                    self._diverged(earlier, self.steps + first, math.nan, start)
                self.params, self.slots, self.shared = params, slots, shared
                self.history.append(costs[:done])
                self.steps += done
                if done < count:
                    self.final_cost, self.epochs = float(costs[done]), epoch
                    return f"converged: every |gradient| <= {self.tol} after {self.steps} steps"
            self.epochs = epoch + 1
        return f"stopped after {self.steps} steps ({epochs} epochs)"

    def _replay(self, loop, order, steps: int, best: int):
        """The deterministic full-batch run again from the start to step ``best``: ``(its cost, parameters)``."""
        jax = require_jax()
        put = self.placement.replicated()
        state = [[jax.device_put(v, put) for v in group] for group in self.start]
        history = jax.numpy.zeros(steps, self.compiled.dtype)
        params, _, _, _, _, final = loop(*state, self.hyper, self.data, order, best, history)
        return float(final), params

    def _diverged(self, history: np.ndarray, step: int, value: float, params) -> None:
        finite = history[np.isfinite(history)]
        last = f"{finite[-1]:.6g}" if finite.size else "none"
        partial = self.make_result(self._user_params(params), value, history, step, f"diverged at step {step}",
                                   False, backend="jax", devices=self.placement.names())
        raise DivergenceError(
            f"training diverged at step {step} on the JAX backend: the cost became {history[-1]} (last finite "
            f"cost: {last}). Try a smaller learning rate, clip the gradients (clip_norm=...), or normalize the "
            "data. error.result holds the parameters with the lowest full-batch cost seen (mini-batches: those "
            "before the call that diverged; value nan).", partial)

    def _user_params(self, params) -> dict:
        return {p: user_value(p, v) for p, v in zip(self.compiled.parameters, params)}

    def result(self, message: str):
        history = np.concatenate(self.history) if self.history else np.zeros(0)
        value = self.final_cost if self.final_cost is not None else (float(history[-1]) if len(history) else math.nan)
        names = python_names(self.compiled.parameters)
        per_parameter = [s.name for s in self.compiled.optimizer.slots if not s.shared]
        state = dict(zip([f"{s}_{names[p]}" for p in self.compiled.parameters for s in per_parameter],
                         map(np.asarray, self.slots)))
        state.update(zip([s.name for s in self.compiled.optimizer.slots if s.shared], map(np.asarray, self.shared)))
        return self.make_result(self._user_params(self.params), value, history, self.steps, message, True, state,
                                backend="jax", devices=self.placement.names())


def _first_non_finite(costs: np.ndarray) -> int | None:
    finite = np.isfinite(costs)
    return None if finite.all() else int(np.argmin(finite))


def user_value(symbol, value):
    """A device array as a NumPy array of the user's shape (rank-1 parameters are columns inside)."""
    array = np.asarray(value)
    shape = shape_of(symbol)
    return array.reshape(shape) if is_matrix(symbol) and len(shape) == 1 else (array if array.ndim else array[()])
