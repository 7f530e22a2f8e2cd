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

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .binding import as_value, batch_size as common_batch_size
from .codegen import python_names
from .data_sources import refuse_square_batches
from .divergence_advice import divergence_message
from .errors import BackendError, DivergenceError
from .first_order_verdicts import explained_divergence, stalled_verdict, tol_stop_verdict
from .label_ranges import check_labels, label_ranges_of
from .jax_devices import Placement, batch_axis
from .jax_diagnoses import JaxDiagnoses
from .jax_first_batch import same_rows_cost
from .jax_checks import check_all_data, finite_flag, refuse_counter_overflow
from .jax_loop import fixed_run_for, history_length, loop_for, slot_starts
from .jax_step import JaxStep, jax_step_on_disk
from .jax_printer import jax_dtype, require_jax
from .result import counted, run_verdict, tested_on_a_batch
from .resume import Schedule
from .run_arguments import first_non_finite
from .run_setup import SETUP, check_batch_size, refuse_vanishing_rate
from .symbols import declared_value

__all__ = ["minimize_jax", "JaxPlan", "planned_run", "jax_plan", "run_planned", "UNSUPPORTED", "CHECK_EVERY", "TOL_CHUNK"]

#: Mini-batch runs look at the device's stop flag every this many epochs (a look waits for the device).
CHECK_EVERY = 16

#: A full-batch run with ``tol`` runs at most this many steps per call (and looks at its stop flag after each).
TOL_CHUNK = 1 << 16

#: minimize's options the JAX backend does not run (they need a Python call per step, or files).
UNSUPPORTED = ("callback", "trace", "checkpoint", "checkpoint_every", "resume_from", "method", "progress")


def check_supported(options: dict) -> None:
    """Options of :func:`symopt.minimize` the JAX backend refuses (before anything runs)."""
    given = [name for name in UNSUPPORTED if options.get(name) not in (None, False)]
    if given:
        raise BackendError(f"backend='jax' does not support {', '.join(given)} (they need Python between steps "
                           "or files); use backend='numpy' for them")


def minimize_jax(cost, parameters: list, initial: dict, feed: dict, data_symbols: list, optimizer, *,
                 length: int, batch_size, shuffle: bool, seed, dtype, tol, clip_value, clip_norm, devices,
                 others: dict, make_result, cache_dir=None):
    """Run :func:`symopt.minimize` on JAX; ``make_result(...)`` builds its :class:`~symopt.Result`."""
    check_supported(others)
    dtype = jax_dtype(dtype, parameters + data_symbols)  # with 64-bit JAX on, the declared dtype (probe94 P94-3)
    placement = Placement.of(devices)
    scalar = np.dtype(dtype).type
    params = [as_value(p, initial[p], dtype, scalar) for p in parameters]
    values = [as_value(s, feed[s], dtype, scalar) for s in data_symbols]
    check_labels(label_ranges_of(cost, data_symbols), data_symbols, values)
    axes = tuple(batch_axis(s) for s in data_symbols)
    data = [placement.put_data(v, a) for v, a in zip(values, axes)]
    if not all(np.size(v) for v in values):
        check_all_data(data_symbols, values, [feed[s] for s in data_symbols])

    def check_finite(finite=finite_flag(data)):  # computed on the device meanwhile; read once the run is queued
        if not bool(finite):
            check_all_data(data_symbols, values, [feed[s] for s in data_symbols])
    examples = common_batch_size(data_symbols, values)
    check_batch_size(batch_size, examples)  # the NumPy backend's messages
    if batch_size is not None:  # the NumPy backend's set-up checks, with its messages
        refuse_square_batches(data_symbols, feed)
    total_steps = Schedule(length, batch_size, examples, False).total_steps
    compiled = _checked_step(cost, parameters, optimizer, data_symbols, dtype, total_steps, clip_value, clip_norm,
                             cache_dir)
    run = _JaxRun(compiled, placement, params, data, axes, tol, make_result, check_finite)
    return _finished(run, cost, initial, feed, values, batch_size,
                     lambda: run.full_batch(length) if batch_size is None else
                     run.mini_batches(length, batch_size, examples, seed, shuffle))


@dataclass(frozen=True)
class JaxPlan:
    """A full-batch JAX run without data whose set-up depends on its arguments alone (the lecture's): its checked
    step and options, kept in :data:`~symopt.run_setup.SETUP` so that a repeated call converts its starting values
    and runs (:func:`run_planned`)."""

    cost: Any
    compiled: JaxStep
    placement: Placement
    length: int
    tol: float | None


def jax_plan(cost, parameters: list, initial: dict, optimizer, *, length: int, dtype, tol, clip_value,
             clip_norm) -> JaxPlan:
    """:func:`minimize_jax`'s checks and step for a run without data, the starting values checked first (as
    there)."""
    dtype = jax_dtype(dtype, parameters)
    scalar = np.dtype(dtype).type
    for p in parameters:
        as_value(p, initial[p], dtype, scalar)
    compiled = _checked_step(cost, parameters, optimizer, [], dtype, length, clip_value, clip_norm, None)
    return JaxPlan(cost, compiled, Placement.of(None), length, tol)


def planned_run(key: tuple, cost, parameters: list, initial: dict, optimizer, dtype, arguments, make_result):
    """A run without data (:func:`~symopt.run_setup.plannable`), its :class:`JaxPlan` kept under ``key`` and 64-bit
    JAX's switch (a plan for float64 must not run once JAX computes in float32); ``arguments()`` checks the options
    (:func:`~symopt.run_setup.checked_arguments`) when the plan is made."""
    def plan() -> JaxPlan:
        checked = arguments()
        return jax_plan(cost, parameters, initial, optimizer, length=checked.length, dtype=dtype,
                        tol=checked.tol, clip_value=checked.clip_value, clip_norm=checked.clip_norm)
    try:
        jax = require_jax()
    except BackendError:
        arguments()  # a bad option is named first, as on the path that checks the options before it needs JAX
        raise
    x64 = jax.dtypes.canonicalize_dtype(np.float64) == np.float64  # inside jax.enable_x64(True) too
    return run_planned(SETUP.get_or_build(("jax plan", x64) + key, plan), initial, make_result)


def run_planned(plan: JaxPlan, initial: dict, make_result):
    """Run ``plan`` from the ``initial`` values."""
    compiled = plan.compiled
    scalar = np.dtype(compiled.dtype).type
    params = [as_value(p, initial[p], compiled.dtype, scalar) for p in compiled.parameters]
    run = _JaxRun(compiled, plan.placement, params, [], (), plan.tol, make_result, lambda: None)
    return _finished(run, plan.cost, initial, {}, [], None, lambda: run.full_batch(plan.length))


def _checked_step(cost, parameters: list, optimizer, data: list, dtype: str, total_steps: int, clip_value,
                  clip_norm, cache_dir) -> JaxStep:
    """The step, once the run's length is checked against the optimizer's rates and step counter."""
    refuse_vanishing_rate(optimizer, total_steps, flushes_subnormals=True)  # XLA on the CPU: a subnormal rate is 0
    refuse_counter_overflow(optimizer, total_steps)
    return jax_step_on_disk(cost, parameters, optimizer, data, dtype, clip_value, clip_norm, cache_dir)


def _finished(run: "_JaxRun", cost, initial: dict, feed: dict, values: list, batch_size, steps):
    """``steps()`` run, and the run's :class:`~symopt.Result`; a divergence diagnosed as on the NumPy backend."""
    compiled = run.compiled
    parameters, data_symbols, optimizer = compiled.parameters, compiled.data, compiled.optimizer
    try:
        message = steps()
    except DivergenceError as error:  # the data's fault, or a NaN where a subexpression has no real value, as on NumPy
        diagnosis = run.data_error(cost, data_symbols, values, error.result) or \
            run.domain_error(cost, data_symbols, values, error.result) or \
            run.gradient_error(cost, data_symbols, values, error.result) or \
            run.simplified_by_xla(cost, data_symbols, values, error.result)
        if diagnosis is not None:
            raise diagnosis from None
        explained = explained_divergence(error, cost, optimizer, initial, feed, " on the JAX backend",
                                         run.zero_log_note(cost, data_symbols, values, error.result),
                                         "full batch" if batch_size is None else "mini-batches")
        if explained is not error:
            raise explained from None
        raise
    result = run.result(message)
    if run.converged and result.success and batch_size is None:  # the NumPy backend's check of a tol stop's point
        refused = tol_stop_verdict(cost, parameters, initial, result.params, feed, run.tol, run.steps, message)
        if refused is not None:
            return run.result(refused, success=False)
    stalled = stalled_verdict(cost, parameters, initial, result, feed) if batch_size is None else None
    return result if stalled is None else run.result(stalled, success=False)


class _JaxRun(JaxDiagnoses):
    """The state of one JAX run: device arrays of parameters, slots and shared slots, and the history."""

    def __init__(self, compiled: JaxStep, placement: Placement, params: list, data: list, axes: tuple, tol,
                 make_result, check_data):
        self.compiled, self.placement, self.data, self.axes, self.tol = compiled, placement, data, axes, tol
        self.converged = False  # the run stopped because every |g| <= tol
        self.make_result, self.check_data = make_result, check_data
        self.start = list(params)  # host copies: a divergence replays from here
        self.params = self.slots = self.shared = None  # on the device: made by the run that needs them
        self.hyper = [placement.put(v) for v in compiled.hyper_arguments()]
        self.stopped = placement.put(np.False_)
        self.tol_argument = placement.put(np.asarray(0 if tol is None else tol, compiled.dtype))  # as a weak float
        self.history: list = []
        self.steps, self.epochs, self.final_cost, self.batched, self.batches_in_order = 0, 0, None, False, None  # P97
        self.failure = None  # (step whose cost was not finite, replay) once the run diverged
        self.diverged_from = None  # the parameters of the lowest cost before it (device arrays)
        self.rows_of = None  # mini-batches: step -> the data rows it read

    def _call(self, loop, order, count, length: int, size: int = 0, state=None):
        """One call of the jitted ``loop``, queued without waiting; on several CPU devices, waited for: XLA's CPU
        collectives deadlocked (then aborted the process) when the calls of two programs, a mini-batch epoch's full
        batches and its short last batch, were in flight at once (probe39 P39-1)."""
        params, slots, shared = state or (self.params, self.slots, self.shared)
        outputs = loop(params, slots, shared, self.hyper, self.tol_argument, self.data, order, self.stopped, count=count,
                       length=length, size=size)
        if self.placement.mesh is not None and self.placement.devices[0].platform == "cpu":
            require_jax().block_until_ready(outputs)
        return outputs

    def full_batch(self, steps: int) -> str:
        """All ``steps`` in one call (:func:`~symopt.jax_loop.fixed_run_for`); with ``tol``, in calls of at most
        :data:`TOL_CHUNK` steps, so that the history (made on the device for a call's steps) grows with the steps
        taken, not with the budget (``steps=10**8, tol=...`` converging in 45 steps made 400 MB of history: probe21
        P21-19)."""
        if self.tol is None:
            return self._fixed_steps(steps)
        self.params, self.slots, self.shared = self._fresh_state()
        loop = loop_for(self.compiled, self.placement, self.axes, True, False)
        no_order = np.zeros(0, np.int32)
        chunk = min(steps, TOL_CHUNK)
        length = history_length(chunk)  # one compilation per power of two, whatever the budget
        calls, left, final = [], steps, None
        while left:
            count = min(chunk, left)
            self.params, self.slots, self.shared, history, done, self.stopped, final = self._call(
                loop, no_order, count, length)
            calls.append((history, done, count, 0, None))
            left -= count
            if left and _should_stop(self.stopped, history):  # converged, or the cost is no longer finite
                break

        def replay(best: int):
            """The run again from the start for ``best`` steps, in the same calls."""
            state, left = self._fresh_state(), best
            while True:
                *state, history, done, stopped, final = self._call(loop, no_order, min(chunk, left), length,
                                                                   state=state)
                left -= min(chunk, left)
                if not left:
                    return (*state, history, done, stopped, final)
        return self._collect(calls, 1, replay, final)

    def _fixed_steps(self, steps: int) -> str:
        """All ``steps`` in one call that starts the optimizer state itself; a divergence replays the same call for
        fewer steps."""
        run = fixed_run_for(self.compiled, self.placement, self.axes)
        start = [self.placement.put(v) for v in self.start]
        starts = slot_starts(self.compiled, self.placement.put)

        def replay(best: int):
            params, slots, shared, costs = run(start, starts, self.hyper, self.data, count=best)
            return params, slots, shared, costs[:best], None, None, costs[best]
        self.params, self.slots, self.shared, costs = run(start, starts, self.hyper, self.data, count=steps)
        costs = self.placement.fetch(costs, copy=False)
        return self._collect([(costs[:steps], steps, steps, 0, None)], 1, replay, costs[steps])

    def mini_batches(self, epochs: int, size: int, examples: int, seed, shuffle: bool) -> str:
        """``epochs`` passes over the permuted rows, the order of each drawn exactly as the NumPy backend's.

        The calls are queued without waiting; the host looks every :data:`CHECK_EVERY` epochs (has ``tol``
        stopped the run, or the cost become NaN?) and once at the end."""
        full, short = divmod(examples, size)
        self.batched, self.batches_in_order = True, None if shuffle or full + bool(short) == 1 else full + bool(short)
        if shuffle and seed is None:  # one seed drawn for the run: its replays and diagnoses read its own batches
            seed = np.random.SeedSequence().entropy
        loop = loop_for(self.compiled, self.placement, self.axes, self.tol is not None, True)
        self.params, self.slots, self.shared = self._fresh_state()
        pieces = ([(slice(0, full * size), full, size)] if full else []) + \
            ([(slice(full * size, None), 1, short)] if short else [])
        first_batches = [0, full][:len(pieces)]  # each piece's first mini-batch in its epoch
        if len(pieces) == 1 and pieces[0][1] == 1:  # one mini-batch of every example: tol tests the whole data's
            first_batches = [None]

        def orders():
            rng = np.random.default_rng(seed) if shuffle else None
            while True:
                yield (rng.permutation(examples) if rng is not None else np.arange(examples)).astype(np.int32)

        def replay(steps: int):
            """The deterministic run again from the start for ``steps`` steps, on the same batches."""
            state, left = self._fresh_state(), steps
            for order in orders():
                for rows, count, rows_per_step in pieces:
                    *state, history, _, _, final = self._call(loop, order[rows], min(count, left), count,
                                                              rows_per_step, state=state)
                    left -= min(count, left)
                    if not left:
                        return (*state, history, None, None, final)
            raise AssertionError("unreachable: orders() never ends")

        def rows_of(step: int) -> np.ndarray:
            """The rows of the data that step ``step`` (counted from 0) read."""
            epoch, index = divmod(step, full + bool(short))
            order = next(itertools.islice(orders(), epoch, None))
            return order[index * size:(index + 1) * size]
        self.rows_of = rows_of

        calls, looks = [], []
        for epoch, order in zip(range(epochs), orders()):
            for (rows, count, rows_per_step), first_batch in zip(pieces, first_batches):
                self.params, self.slots, self.shared, history, done, self.stopped, _ = self._call(
                    loop, order[rows], count, count, rows_per_step)
                calls.append((history, done, count, epoch, first_batch))
            looks.append((self.stopped, history))
            if (epoch + 1) % CHECK_EVERY == 0 and _should_stop(*looks[epoch + 1 - CHECK_EVERY]):
                break
        return self._collect(calls, epochs, replay)

    def _fresh_state(self) -> list:
        """Parameters from the host copies; optimizer slots made on the device (nothing to send)."""
        slots = self.compiled.optimizer.slots
        per_parameter = self.placement.full([(np.shape(v), slot.initial) for v in self.start for slot in slots
                                             if not slot.shared], self.compiled.dtype)
        shared = [self.placement.put(self.compiled.optimizer.shared_value(slot.initial, self.compiled.dtype))
                  for slot in slots if slot.shared]
        return [[self.placement.put(v) for v in self.start], per_parameter, shared]

    def _collect(self, calls: list, epochs: int, replay, final=None) -> str:
        """Histories of the queued calls up to the one that stopped (converged) or diverged (raised after a
        replay to the step of lowest cost: a run is deterministic).  Every history comes back in one transfer."""
        self.check_data()
        fetched = self.placement.fetch([(history, done) for history, done, *_ in calls] + [final], copy=False)
        final = fetched.pop()
        for (history, done), (_, _, count, epoch, first_batch) in zip(fetched, calls):
            done = int(done)
            costs = np.asarray(history, dtype=float)[:done + (done < count)]
            self.history.append(costs)
            first = first_non_finite(costs)
            if first is not None:
                raise self.divergence(np.concatenate(self.history)[:self.steps + first[0] + 1], replay)
            self.steps += done
            if done < count:
                self.final_cost, self.epochs = float(costs[done]), epoch
                self.history[-1] = costs[:done]
                self.converged = True
                if first_batch is not None:
                    return tested_on_a_batch(self.tol, self.steps, epoch, first_batch + done)
                return f"converged: every |gradient| <= {self.tol} after {counted(self.steps, 'step')}"
        self.epochs, self.final_cost = epochs, None if final is None else float(final)
        if final is not None and not math.isfinite(self.final_cost):  # the last step left no cost: its divergence
            raise self.divergence(np.concatenate(self.history + [[self.final_cost]]), replay)  # (review11 R11-11)
        if final is not None:
            return f"stopped after {counted(self.steps, 'step')}"
        return f"stopped after {counted(self.steps, 'step')} ({counted(epochs, 'epoch')})"

    def divergence(self, history: np.ndarray, replay) -> DivergenceError:
        """The :class:`~symopt.errors.DivergenceError` of costs ``history`` (the last not finite), holding the
        parameters of the lowest cost before it (the run replayed to that step: it is deterministic)."""
        step = len(history) - 1
        self.failure = (step, replay)
        candidates = np.where(np.isfinite(history[:step]), history[:step], np.inf)
        best = int(np.argmin(candidates)) if step and np.isfinite(candidates.min()) else 0
        params, *_ = replay(best)
        self.diverged_from = params  # where gradient_error looks for a gradient that is not finite
        value = float(history[best]) if step else math.nan
        partial = self.make_result(self.user_params(params), value, history, step, f"diverged at step {step}",
                                   False, backend="jax", devices=self.placement.names())
        lr = self.compiled.optimizer.hyperparameters.get("lr")
        momentum = self.compiled.optimizer.hyperparameters.get("momentum", 0.0)
        return DivergenceError(divergence_message(step, history, lr, " on the JAX backend", momentum), partial)

    def user_params(self, params) -> dict:
        return {p: user_value(p, v) for p, v in zip(self.compiled.parameters, params)}

    def result(self, message: str, success: bool | None = None):
        """The run's :class:`~symopt.Result`; ``success`` (default :func:`~symopt.result.run_verdict`): False for a
        run whose test held where it is no minimum."""
        history = np.concatenate(self.history) if self.history else np.zeros(0)
        value = self.final_cost if self.final_cost is not None else (float(history[-1]) if len(history) else math.nan)
        per_parameter = [s.name for s in self.compiled.optimizer.slots if not s.shared]
        names = python_names(self.compiled.parameters) if per_parameter else {}
        params, slots, shared = self.placement.fetch((self.params, self.slots, self.shared))  # one transfer
        owners = [(f"{s}_{names[p]}", p) for p in self.compiled.parameters for s in per_parameter]
        state = {name: user_value(p, slot) for (name, p), slot in zip(owners, slots)}  # the parameter's declared shape
        shared_slots = [s for s in self.compiled.optimizer.slots if s.shared]
        state.update((s.name, self.compiled.optimizer.shared_value(np.asarray(v)[()], self.compiled.dtype))
                     for s, v in zip(shared_slots, shared))  # scalars as the NumPy backend's (the step count an int)
        if success is None:  # to the returned point's cost: a cost grown by orders without overflow (P64-9)
            costs = np.append(history, value) if np.isfinite(value) else history
            same_rows = same_rows_cost(self, [*params, *slots, *shared])  # a fixed order's first batch (P97-1)
            message, success = run_verdict(self.tol, self.converged, message, costs, same_rows)
        return self.make_result(self.user_params(params), value, history, self.steps, message, success, state,
                                backend="jax", devices=self.placement.names(), batched=self.batched)


def _should_stop(stopped, history) -> bool:
    """Has ``tol`` stopped the run, or the cost become non-finite?  (Read for an epoch queued
    :data:`CHECK_EVERY` epochs earlier, which the device has finished: the queue does not drain.)"""
    return bool(stopped) or not np.isfinite(np.asarray(history)).all()


def user_value(symbol, value):
    """A device array as a NumPy array of the user's shape (rank-1 parameters are columns inside)."""
    array = np.asarray(value)
    return declared_value(symbol, array) if array.ndim else array[()]
