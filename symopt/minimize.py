r"""The training loop: :func:`minimize` and its :class:`Result`.

Full-batch runs loop inside generated code (a few Python calls: :data:`FIRST_CALL` steps, then as
many as were taken so far, cut at checkpoint intervals); mini-batch runs, and runs with a callback,
a trace or a progress bar, call the fused step once per step.
:class:`_Run` is the only place that holds mutable state: parameter values,
optimizer slots, the history and the position in the schedule.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field
from collections.abc import Callable, Mapping

import numpy as np

from .binding import as_value, resolve_feed
from .calculus import _flatten
from .checkpoint import Checkpoint, check_writable, load_checkpoint, save_checkpoint
from .codegen import python_names
from .compiler import BoundedCache, _scalar_type, free_inputs, infer_dtype
from .data_sources import as_stream, data_source, is_out_of_core, schedule_for
from .display.result import result_html
from .fused import compile_step
from .jax_printer import check_backend
from .errors import CheckpointError, ConfigurationError, DivergenceError, FeedError
from .optimizers import get_optimizer
from .symbols import is_matrix, shape_of
from .progress import progress_bar
from .run_arguments import (check_count, check_data_mapping, check_flag, check_seed, clip_limit,
                            run_length, tolerance)
from .resume import Schedule, check_resumable
from .schedules import Schedule as LearningRateSchedule
from .second_order import minimize_with_method
from .step_size import add_step_size_advice
from .trace import Trace
from .wrt import resolve_wrt, scalar_cost

__all__ = ["minimize", "Result", "FIRST_CALL", "SETUP", "inputs_of", "names_of"]

_ZERO = array("d", [0.0])
#: Steps of the first call of the generated full-batch loop; later calls run as many steps as were taken.
FIRST_CALL = 1024


@dataclass
class Result:
    """Outcome of :func:`minimize`: ``params`` ({symbol: value}), ``value``, ``history``, ``steps``, ``message``."""

    params: dict
    value: float
    history: np.ndarray
    steps: int
    message: str
    success: bool = True
    optimizer_state: dict = field(default_factory=dict, repr=False)
    trace: Trace | None = field(default=None, repr=False)
    backend: str = "numpy"
    devices: tuple = ("cpu",)

    def __getitem__(self, symbol):
        return self.params[symbol]

    def _repr_html_(self) -> str:
        return result_html(self)


#: Set-up that depends only on the expressions (a cost's inputs, the parameters' Python names), so a
#: repeated call of minimize skips it; bounded like the compile cache.
SETUP = BoundedCache()


def inputs_of(cost) -> tuple:
    """:func:`~symopt.compiler.free_inputs` of ``cost``, cached."""
    return SETUP.get_or_build(("inputs", cost), lambda: tuple(free_inputs([cost])))


def names_of(parameters: tuple) -> tuple[str, ...]:
    """The Python names generated code gives ``parameters``, cached."""
    def build():
        names = python_names(parameters)
        return tuple(names[p] for p in parameters)
    return SETUP.get_or_build(("names", parameters), build)


def _initial_values(wrt) -> dict:
    if isinstance(wrt, Mapping):
        return dict(wrt)
    values = {}
    for symbol in _flatten(wrt):
        if not hasattr(symbol, "init"):
            raise ConfigurationError(f"no initial value for {symbol}: pass wrt={{{symbol}: value}} "
                                     "or use symopt.Variable(name, init)")
        values[symbol] = symbol.init
    return values


def minimize(cost, wrt, *, data: Mapping | None = None, optimizer=None, steps: int | None = None,
             tol: float | None = None, callback: Callable | None = None, batch_size: int | None = None,
             epochs: int | None = None, shuffle: bool = True, seed: int | None = None, dtype=None,
             clip_value: float | None = None, clip_norm: float | None = None, checkpoint=None,
             checkpoint_every: int | None = None, resume_from=None, trace: bool = False,
             progress: bool | None = None, method: str | None = None, bounds: Mapping | None = None,
             backend: str = "numpy", devices=None, cache_dir=None) -> Result:
    r"""Minimize a scalar cost :math:`J(\theta; \text{data})` over ``wrt``.

    ``wrt``: a symbol, a list, or a dict ``{symbol: initial value}``.  ``data`` binds every other
    free symbol (by symbol or name).  ``optimizer``: an instance or a name (default gradient
    descent, lr 0.01).  Full batch: ``steps`` steps in all (default 1000; ``epochs=E`` is the same as
    ``steps=E``, one step per epoch).  Mini-batch: ``batch_size`` and ``epochs`` (default 1) in all,
    shuffled with ``seed``.  ``tol`` stops once every gradient entry has :math:`|g| \le` tol (that
    evaluation is not a step: no update is applied).
    ``callback(step, cost, params)`` runs after each step; returning ``True`` stops.
    ``clip_value`` / ``clip_norm`` clip gradients by value / by global norm (``inf``: no clipping).
    ``checkpoint`` (a path, checked writable before the first step) is written every
    ``checkpoint_every`` steps (full batch) or epochs (mini-batch) and at the end; ``resume_from``
    continues a checkpointed or interrupted run on exactly the trajectory of an uninterrupted one.
    ``trace=True`` records parameters, gradients and optimizer state at every step
    (``result.trace``); ``progress`` shows a progress bar (default: only when interactive).
    ``method`` (``"newton"``, ``"lbfgs"``, ``"bfgs"``, ``"newton-cg"``, ``"trust-ncg"``) runs a second-order or
    quasi-Newton method instead (:mod:`symopt.second_order`; ``bounds={w: (low, high)}`` for ``"lbfgs"``).
    ``backend="jax"`` runs the step under ``jax.jit`` (float32 unless ``dtype="float64"``), data-parallel over
    ``devices`` (a count or a list of JAX devices): :mod:`symopt.jax_run`.  ``data`` may be out of core or a
    stream of mini-batches (:mod:`symopt.data_sources`); ``cache_dir`` (or ``$SYMOPT_CACHE_DIR``) keeps the
    generated step on disk for later processes (:mod:`symopt.disk_cache`).
    """
    check_backend(backend, devices, method)
    cost = scalar_cost(cost)
    initial = _initial_values(resolve_wrt(cost, wrt)[0])
    parameters = list(initial)
    if method is not None:
        first_order = dict(optimizer=optimizer, batch_size=batch_size, epochs=epochs, clip_value=clip_value,
                           clip_norm=clip_norm)
        return minimize_with_method(method, cost, initial, data=data, steps=1000 if steps is None else steps,
                                    tol=tol, callback=callback, bounds=bounds, dtype=dtype, trace=trace,
                                    options=first_order, checkpoint=checkpoint, checkpoint_every=checkpoint_every,
                                    resume_from=resume_from, make_result=Result)
    optimizer = get_optimizer(optimizer)
    stream = as_stream(data, steps=steps, epochs=epochs, batch_size=batch_size, resume_from=resume_from,
                       backend=backend)  # None unless data is an iterable (or function) of mini-batches
    check_data_mapping(data if stream is None else stream.first)
    length = run_length(steps, epochs, batch_size) if stream is None else epochs or 1
    check_count("checkpoint_every", checkpoint_every)
    tol = tolerance(tol)
    clip_value, clip_norm = clip_limit("clip_value", clip_value), clip_limit("clip_norm", clip_norm)
    check_seed(seed)
    check_flag("shuffle", shuffle)
    check_flag("trace", trace)
    check_flag("progress", progress, none_allowed=True)
    if not parameters:
        raise ConfigurationError("wrt is empty: name the parameters to optimize, e.g. wrt=w, wrt=[W, b] or "
                                 "wrt={w: 0.0}")
    if callback is not None and not callable(callback):
        raise ConfigurationError(f"callback: expected a function callback(step, cost, params); given {callback!r}")
    if checkpoint_every is not None and checkpoint is None:
        raise ConfigurationError("checkpoint_every needs checkpoint=PATH, the file to write")
    if checkpoint is not None:
        check_writable(checkpoint)
    data_symbols = [s for s in inputs_of(cost) if s not in parameters]
    feed = resolve_feed(data if stream is None else stream.first, data_symbols)
    missing = [str(s) for s in data_symbols if s not in feed]
    if missing:
        raise FeedError(f"missing data for {missing}: the cost reads them; pass data={{name: value}}")
    if backend == "jax" and any(is_out_of_core(v) for v in feed.values()):
        raise ConfigurationError("backend='jax' needs data in memory; train out-of-core data with the NumPy backend")
    if backend == "jax":
        from .jax_run import minimize_jax
        return minimize_jax(cost, parameters, initial, feed, data_symbols, optimizer, length=length,
                            batch_size=batch_size, shuffle=shuffle, seed=seed, dtype=dtype, tol=tol,
                            clip_value=clip_value, clip_norm=clip_norm, devices=devices, make_result=Result,
                            others=dict(callback=callback, trace=trace, checkpoint=checkpoint, progress=progress,
                                        checkpoint_every=checkpoint_every, resume_from=resume_from))
    dtype = infer_dtype(parameters + data_symbols, dtype)
    compiled = compile_step(cost, parameters, optimizer, data_symbols, dtype=dtype, tol=tol,
                            clip_value=clip_value, clip_norm=clip_norm, cache_dir=cache_dir)
    scalar_type = _scalar_type(compiled.module, dtype)
    params = [as_value(p, initial[p], dtype, scalar_type) for p in parameters]
    source = data_source(data_symbols, feed, dtype, scalar_type, batch_size, stream)
    values, examples, batch_size = source.values, source.examples, source.batch_size
    if stream is None and batch_size is not None and examples is None:
        raise ConfigurationError("batch_size needs data with a batch dimension (a Placeholder shape with None)")
    if stream is None and batch_size is not None and batch_size > examples:
        raise ConfigurationError(f"batch_size {batch_size} is larger than the {examples} examples given; "
                                 f"use at most {examples}")
    schedule = schedule_for(source, length, shuffle)
    run = _Run(compiled, parameters, data_symbols, values, params, optimizer, checkpoint, checkpoint_every,
               schedule, np.random.default_rng(seed) if schedule.shuffled else None)
    run.source = source
    if resume_from is not None:
        run.restore(load_checkpoint(resume_from), str(resume_from))
    if trace:
        run.start_trace()
    generated_loop = batch_size is None and callback is None and not trace and progress is not True
    run.progress = progress_bar(schedule.total_steps, False if generated_loop else progress)
    try:
        with np.errstate(over="ignore", invalid="ignore"), run.progress:  # divergence: DivergenceError
            if generated_loop:
                message = run.full_batch(tol)
            elif batch_size is None:
                message = run.full_batch_steps(tol, callback)
            else:
                message = run.mini_batches(tol, callback)
    except DivergenceError as error:  # quote 2/λ_max when the cost is quadratic
        add_step_size_advice(error, cost, optimizer, initial, feed)
        raise
    if checkpoint is not None:
        run.save()
    return run.result(message)


class _Run:
    """The mutable state of one training run and the loops that advance it.

    Position: ``step`` (updates applied), ``epoch`` (mini-batch epochs finished), ``batch`` (mini-batches
    of the current epoch done) and ``rng_state``, the shuffling generator's state before the current
    epoch's permutation was drawn: together they let a resumed run continue exactly where this one stopped.
    """

    def __init__(self, compiled, parameters, data_symbols, values, params, optimizer, checkpoint, every,
                 schedule: Schedule, rng):
        self.compiled, self.parameters, self.data_symbols, self.values = compiled, parameters, data_symbols, values
        self.optimizer, self.checkpoint, self.every = optimizer, checkpoint, every
        self.schedule, self.rng = schedule, rng
        slots, shared = compiled.initial_slots(params)
        self.params, self.slots, self.shared = list(params), list(slots), list(shared)
        self.hyper = compiled.hyper_arguments()
        self.history = array("d")  # 8 bytes a step: the only thing that grows with the run
        self.step = self.epoch = self.batch = 0
        self.rng_state = rng.bit_generator.state if rng is not None else None
        self.final_cost = None  # the cost at the final parameters, when the run computed it (convergence)
        self.best = (np.inf, self.params)
        self._start = (0, self.flat())
        self.trace = None
        self.progress = None
        self.names = names_of(tuple(parameters))
        self.slot_names = [f"{s.name}_{n}" for n in self.names for s in optimizer.slots if not s.shared]
        self.shared_names = [s.name for s in optimizer.slots if s.shared]

    def flat(self) -> list:
        return self.params + self.slots + self.shared

    def _update(self, params, slots, shared) -> None:
        self.params, self.slots, self.shared = list(params), list(slots), list(shared)

    # -- loops
    def full_batch(self, tol) -> str:
        """Run the generated ``train`` loop to ``length`` steps in all: in calls of at most ``every`` steps
        (ending at its multiples) and of at most :data:`FIRST_CALL` steps or the steps taken so far, so a
        divergence (found by one scan of each call's costs) wastes at most that many steps."""
        steps = self.schedule.length
        while self.step < steps:
            chunk = min(steps - self.step, max(FIRST_CALL, self.step - self._start[0]))
            if self.every is not None:
                chunk = min(chunk, self.every - self.step % self.every)
            start = len(self.history)
            self.history.extend(_ZERO * chunk)  # the generated loop writes its costs here, in place
            try:
                with memoryview(self.history)[start:] as costs:
                    done, *packed = self.compiled.train(chunk, costs, tol, *self.flat(), *self.hyper, *self.values)
                    finite = np.isfinite(np.frombuffer(costs, count=min(done + 1, chunk)))
            except BaseException:
                del self.history[start:]
                raise
            if not finite.all():
                first = int(np.argmin(finite))
                del self.history[start + first + 1:]
                self._diverged(self.step + first, replay=True)
            if done < chunk:
                self.final_cost = self.history[start + done]
                del self.history[start + done:]
            self._update(*packed)
            self.step += done
            if done < chunk:
                return self._converged(tol)
            if self.every is not None and self.step % self.every == 0:
                self.save()
        return f"stopped after {self.step} steps"

    def full_batch_steps(self, tol, callback) -> str:
        """One fused step per Python call (for a callback, a trace or a progress bar)."""
        while self.step < self.schedule.length:
            if self._advance(self.values, tol):
                return self._converged(tol)
            if self.every is not None and self.step % self.every == 0:
                self.save()
            if self._stop_requested(callback):
                return "stopped by callback"
        return f"stopped after {self.step} steps"

    def mini_batches(self, tol, callback) -> str:
        """``epochs`` passes over shuffled mini-batches, continuing mid-epoch after a resume."""
        while self.epoch < self.schedule.length:
            for batch, last in self.source.epoch(self.epoch, self.rng, skip=self.batch):
                if self._advance(batch, tol):
                    return self._converged(tol)
                self.batch += 1
                if last:
                    self.epoch, self.batch = self.epoch + 1, 0
                    self.rng_state = self.rng.bit_generator.state if self.rng is not None else None
                    if self.every is not None and self.epoch % self.every == 0:
                        self.save()
                if self._stop_requested(callback):
                    return "stopped by callback"
        return f"stopped after {self.step} steps ({self.epoch} epochs)"

    def _advance(self, batch: list, tol) -> bool:
        """Evaluate one fused step on ``batch``; apply it, or return True when every :math:`|g| \\le` tol."""
        value, *packed, gradients = self.compiled.step(*self.flat(), *self.hyper, *batch)
        cost = float(value)
        if not math.isfinite(cost):
            self.history.append(cost)
            self._diverged(self.step, replay=False)
        if tol is not None and all(np.max(np.abs(g)) <= tol for g in gradients):
            self.final_cost = cost
            return True
        self.history.append(cost)
        if cost < self.best[0]:
            self.best = (cost, self.params)
        if self.trace is not None:
            self._record(cost, gradients)
        self._update(*packed)
        self.step += 1
        self.progress.update(self.step, cost)
        return False

    def _stop_requested(self, callback) -> bool:
        return callback is not None and bool(callback(self.step, self.history[-1],
                                                      dict(zip(self.parameters, self.params))))

    def _converged(self, tol) -> str:
        return f"converged: every |gradient| <= {tol} after {self.step} steps"

    # -- trace
    def start_trace(self) -> None:
        columns = ["step", "cost"]
        for name in self.names:
            columns += [name, f"dJ/d{name}"]
        columns += self.slot_names + self.shared_names
        if "beta1_power" in self.shared_names:
            columns.append("lr_t")
        self.trace = Trace(columns)

    def _record(self, value: float, gradients) -> None:
        """Row for the step about to be applied: parameters and slots before it, its cost and gradient."""
        row = [self.step, value]
        for parameter, gradient in zip(self.params, gradients):
            row += [parameter, gradient]
        row += self.slots + self.shared
        if "beta1_power" in self.shared_names:
            lr = self.optimizer.hyperparameters["lr"]
            lr = float(lr(self.shared[self.shared_names.index("global_step")]) if isinstance(lr, LearningRateSchedule)
                       else self.compiled.hyper["lr"])  # a schedule's rate at this step
            b1, b2 = (float(self.shared[self.shared_names.index(n)]) for n in ("beta1_power", "beta2_power"))
            row.append(lr * np.sqrt(1 - b2) / (1 - b1))
        self.trace.record(row)

    # -- divergence
    def _diverged(self, step: int, replay: bool) -> None:
        history = np.asarray(self.history, dtype=float)
        finite = history[np.isfinite(history)]
        last = f"{finite[-1]:.6g}" if finite.size else "none"
        best_value, best_params = self._best_full_batch(history) if replay else self.best
        partial = Result(self._user_params(best_params), best_value, history, step, f"diverged at step {step}",
                         success=False)
        raise DivergenceError(
            f"training diverged at step {step}: the cost became {history[-1]} (last finite cost: {last}). "
            f"Try a smaller learning rate than {self.optimizer.hyperparameters.get('lr')}, clip the gradients "
            "(clip_norm=...), or normalize the data. error.result holds the best parameters seen.", partial)

    def _best_full_batch(self, history: np.ndarray):
        """Replay the deterministic full-batch run to the step with the lowest cost."""
        start_step, start_state = self._start
        candidates = np.where(np.isfinite(history[start_step:]), history[start_step:], np.inf)
        if not candidates.size or not np.isfinite(candidates.min()):
            return float("nan"), start_state[:len(self.params)]
        best = int(np.argmin(candidates))
        _, *packed = self.compiled.train(best, [0.0] * best, None, *start_state, *self.hyper, *self.values)
        return float(candidates[best]), list(packed[0])

    # -- checkpoints
    def snapshot(self) -> Checkpoint:
        return Checkpoint(
            dict(zip(self.names, self.params)), dict(zip(self.slot_names, self.slots)),
            dict(zip(self.shared_names, self.shared)), np.asarray(self.history), self.step, self.epoch,
            self.rng_state, repr(self.optimizer), self.batch, self.schedule.batch_size)

    def save(self) -> None:
        """Write the checkpoint; if that fails (disk full, directory gone), the run so far is kept in the error."""
        try:
            save_checkpoint(self.checkpoint, self.snapshot())
        except OSError as error:
            raise CheckpointError(
                f"checkpoint {str(self.checkpoint)!r} could not be written after step {self.step} "
                f"({type(error).__name__}: {error}); error.result holds the parameters trained so far.",
                self.result(f"stopped after {self.step} steps: the checkpoint could not be written")) from error

    def restore(self, stored: Checkpoint, path: str) -> None:
        """Continue from ``stored`` once :func:`~symopt.resume.check_resumable` has accepted it (nothing
        changes before)."""
        check_resumable(stored, path, self.snapshot(), self.schedule)
        dtype = np.dtype(self.compiled.dtype)
        convert = float if self.compiled.module == "math" else dtype.type

        def value(v):
            return np.array(v, dtype=dtype) if np.ndim(v) else convert(v)
        self.params = [value(stored.params[n]) for n in self.names]
        self.slots = [value(stored.slots[n]) for n in self.slot_names]
        self.shared = [np.float32(stored.shared[n]) for n in self.shared_names]
        self.history = array("d", (float(v) for v in stored.history))
        self.step, self.epoch, self.batch, self.rng_state = stored.step, stored.epoch, stored.batch, stored.rng_state
        if self.rng is not None:
            self.rng.bit_generator.state = stored.rng_state
        self.best = (np.inf, self.params)
        self._start = (self.step, self.flat())

    # -- result
    def _user_params(self, params) -> dict:
        return {p: _user_value(p, v) for p, v in zip(self.parameters, params)}

    def result(self, message: str) -> Result:
        """``value``: the cost at the returned parameters when it costs no pass over the data beyond one step
        (a full batch, or a run ``tol`` stopped); for a mini-batch run, the last step's (mini-batch) cost."""
        history = np.asarray(self.history, dtype=float)
        value = float("nan")
        if self.final_cost is not None:
            value = float(self.final_cost)
        elif len(history) and self.schedule.batch_size is not None:
            value = float(history[-1])
        elif len(history):
            final, *_ = self.compiled.step(*self.flat(), *self.hyper, *self.values)
            value = float(final)
        slots = dict(zip(self.slot_names, self.slots))
        slots.update(zip(self.shared_names, self.shared))
        return Result(self._user_params(self.params), value, history, self.step, message, True, slots, self.trace)


def _user_value(symbol, value):
    shape = shape_of(symbol)
    return np.asarray(value).reshape(shape) if is_matrix(symbol) and len(shape) == 1 else value
