r"""The training loop: :func:`minimize` and its :class:`Result`.

Full-batch runs loop inside generated code (one Python call for all steps, or
one per checkpoint interval); mini-batch runs call the fused step once per batch.
:class:`_Run` is the only place that holds mutable state: parameter values,
optimizer slots, the history and the position in the schedule.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np

from .binding import as_value, batch_size as common_batch_size, resolve_feed
from .calculus import _flatten
from .checkpoint import Checkpoint, load_checkpoint, save_checkpoint
from .codegen import python_names
from .display.result import result_html
from .compiler import _scalar_type, free_inputs, infer_dtype
from .fused import compile_step
from .errors import ConfigurationError, DivergenceError, FeedError, NoGradientError
from .optimizers import get_optimizer
from .symbols import BATCH, is_matrix, shape_of
from .progress import progress_bar
from .schedules import Schedule
from .second_order import minimize_with_method
from .trace import Trace
from .wrt import resolve_wrt, scalar_cost

__all__ = ["minimize", "Result"]


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

    def __getitem__(self, symbol):
        return self.params[symbol]

    def _repr_html_(self) -> str:
        return result_html(self)


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


def _check_count(name: str, value) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1):
        raise ConfigurationError(f"{name}: expected a positive integer; given {value!r}")


def _check_clip(name: str, value) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0):
        raise ConfigurationError(f"{name}: expected a positive number; given {value!r}")


def _check_data(symbol, value: np.ndarray) -> None:
    array = np.asarray(value)
    if array.size == 0:
        raise FeedError(f"data for {symbol} is empty (shape {array.shape}); expected at least one example")
    if not np.all(np.isfinite(array)):
        where = np.argwhere(~np.isfinite(np.atleast_1d(array)))[0].tolist()
        raise FeedError(f"data for {symbol} contains NaN or infinity (first at index {where}); "
                        "clean or impute the data before training")


def minimize(cost, wrt, *, data: Mapping | None = None, optimizer=None, steps: int = 1000, tol: float | None = None,
             callback: Callable | None = None, batch_size: int | None = None, epochs: int | None = None,
             shuffle: bool = True, seed: int | None = None, dtype=None, clip_value: float | None = None,
             clip_norm: float | None = None, checkpoint=None, checkpoint_every: int | None = None,
             resume_from=None, trace: bool = False, progress: bool | None = None, method: str | None = None,
             bounds: Mapping | None = None) -> Result:
    r"""Minimize a scalar cost :math:`J(\theta; \text{data})` over ``wrt``.

    ``wrt``: a symbol, a list, or a dict ``{symbol: initial value}``.  ``data`` binds every other
    free symbol (by symbol or name).  ``optimizer``: an instance or a name (default gradient
    descent, lr 0.01).  Full batch: ``steps`` steps.  Mini-batch: ``batch_size`` and ``epochs``,
    shuffled with ``seed``.  ``tol`` stops once every gradient entry has :math:`|g| \le` tol.
    ``callback(step, cost, params)`` runs after each step; returning ``True`` stops.
    ``clip_value`` / ``clip_norm`` clip gradients by value / by global norm.  ``checkpoint`` (a
    path) is written every ``checkpoint_every`` steps (full batch) or epochs (mini-batch) and at
    the end; ``resume_from`` continues a checkpointed run on the same trajectory.
    ``trace=True`` records parameters, gradients and optimizer state at every step
    (``result.trace``); ``progress`` shows a progress bar (default: only when interactive).
    ``method`` (``"newton"``, ``"lbfgs"``, ``"bfgs"``, ``"newton-cg"``, ``"trust-ncg"``) runs a second-order or
    quasi-Newton method instead (:mod:`symopt.second_order`; ``bounds={w: (low, high)}`` for ``"lbfgs"``).
    """
    cost = scalar_cost(cost)
    initial = _initial_values(resolve_wrt(cost, wrt)[0])
    parameters = list(initial)
    if method is not None:
        first_order = dict(optimizer=optimizer, batch_size=batch_size, epochs=epochs, clip_value=clip_value,
                           clip_norm=clip_norm, checkpoint=checkpoint, resume_from=resume_from)
        return minimize_with_method(method, cost, initial, data=data, steps=steps, tol=tol, callback=callback,
                                    bounds=bounds, dtype=dtype, trace=trace, options=first_order, make_result=Result)
    optimizer = get_optimizer(optimizer)
    data_symbols = [s for s in free_inputs([cost]) if s not in parameters]
    feed = resolve_feed(data, data_symbols)
    missing = [str(s) for s in data_symbols if s not in feed]
    if missing:
        raise FeedError(f"missing data for {missing}: the cost reads them; pass data={{name: value}}")
    for name, value in (("steps", steps), ("epochs", epochs), ("batch_size", batch_size),
                        ("checkpoint_every", checkpoint_every)):
        _check_count(name, value)
    _check_clip("clip_value", clip_value)
    _check_clip("clip_norm", clip_norm)
    if checkpoint_every is not None and checkpoint is None:
        raise ConfigurationError("checkpoint_every needs checkpoint=PATH, the file to write")
    dtype = infer_dtype(parameters + data_symbols, dtype)
    compiled = compile_step(cost, parameters, optimizer, data_symbols, dtype=dtype, tol=tol,
                            clip_value=clip_value, clip_norm=clip_norm)
    scalar_type = _scalar_type(compiled.module, dtype)
    params = [as_value(p, initial[p], dtype, scalar_type) for p in parameters]
    values = [as_value(s, feed[s], dtype, scalar_type) for s in data_symbols]
    for symbol, value in zip(data_symbols, values):
        _check_data(symbol, value)
    examples = common_batch_size(data_symbols, values)
    if batch_size is not None and examples is None:
        raise ConfigurationError("batch_size needs data with a batch dimension (a Placeholder shape with None)")
    if batch_size is not None and batch_size > examples:
        raise ConfigurationError(f"batch_size {batch_size} is larger than the {examples} examples given; "
                                 f"use at most {examples}")
    run = _Run(compiled, parameters, data_symbols, values, params, optimizer, checkpoint, checkpoint_every)
    if resume_from is not None:
        run.restore(load_checkpoint(resume_from))
    if trace:
        run.start_trace()
    total = steps if batch_size is None else (epochs or 1) * -(-examples // batch_size)
    run.progress = progress_bar(total, progress)
    with np.errstate(over="ignore", invalid="ignore"), run.progress:  # divergence: DivergenceError
        if batch_size is None and callback is None and not trace and progress is not True:
            message = run.full_batch(steps, tol)
        else:
            rng = np.random.default_rng(seed) if shuffle and batch_size is not None else None
            if rng is not None and run.rng_state is not None:
                rng.bit_generator.state = run.rng_state
            rounds = (epochs or 1) if batch_size is not None else steps
            message = run.per_step(rounds, batch_size, examples, rng, tol, callback)
    if checkpoint is not None:
        run.save()
    return run.result(message)


class _Run:
    """The mutable state of one training run and the loops that advance it."""

    def __init__(self, compiled, parameters, data_symbols, values, params, optimizer, checkpoint, every):
        self.compiled, self.parameters, self.data_symbols, self.values = compiled, parameters, data_symbols, values
        self.optimizer, self.checkpoint, self.every = optimizer, checkpoint, every
        slots, shared = compiled.initial_slots(params)
        self.params, self.slots, self.shared = list(params), list(slots), list(shared)
        self.hyper = compiled.hyper_arguments()
        self.history = array("d")  # 8 bytes a step: the only thing that grows with the run
        self.step = self.epoch = 0
        self.rng_state = None
        self.best = (np.inf, self.params)
        self._start = (0, self.flat())
        self.trace = None
        self.progress = None
        names = python_names(parameters)
        self.names = [names[p] for p in parameters]
        self.slot_names = [f"{s.name}_{n}" for n in self.names for s in optimizer.slots if not s.shared]
        self.shared_names = [s.name for s in optimizer.slots if s.shared]

    def flat(self) -> list:
        return self.params + self.slots + self.shared

    def _update(self, params, slots, shared) -> None:
        self.params, self.slots, self.shared = list(params), list(slots), list(shared)

    # -- loops
    def full_batch(self, steps: int, tol) -> str:
        """Run the generated ``train`` loop up to ``steps`` steps in all (chunked by checkpoint interval)."""
        while self.step < steps:
            chunk = steps - self.step if self.every is None else min(self.every, steps - self.step)
            buffer = [0.0] * chunk
            done, *packed = self.compiled.train(chunk, buffer, tol, *self.flat(), *self.hyper, *self.values)
            self.history.extend(buffer[:done])
            if done < chunk and not np.isfinite(buffer[done]):
                self.history.append(buffer[done])
                self._update(*packed)
                self._diverged(self.step + done, replay=True)
            self._update(*packed)
            self.step += done
            if done < chunk:
                return f"converged: every |gradient| <= {tol} after {self.step} steps"
            if self.every is not None:
                self.save()
        return f"stopped after {self.step} steps"

    def per_step(self, rounds: int, batch_size, examples, rng, tol, callback) -> str:
        """One fused step per batch; ``rounds`` epochs (mini-batch) or steps (full batch with a callback)."""
        while self.epoch < rounds:
            for index in _batches(examples or 0, batch_size, rng):
                batch = [_slice(s, v, index) for s, v in zip(self.data_symbols, self.values)]
                value, *packed, gradients = self.compiled.step(*self.flat(), *self.hyper, *batch)
                self.history.append(float(value))
                if not np.isfinite(value):
                    self._diverged(self.step, replay=False)
                if value < self.best[0]:
                    self.best = (float(value), self.params)
                if self.trace is not None:
                    self._record(float(value), gradients)
                self.progress.update(self.step + 1, float(value))
                if tol is not None and all(np.max(np.abs(g)) <= tol for g in gradients):
                    return f"converged: every |gradient| <= {tol} after {self.step + 1} steps"
                self._update(*packed)
                self.step += 1
                if callback is not None and callback(self.step, float(value), dict(zip(self.parameters, self.params))):
                    return "stopped by callback"
            self.epoch += 1
            self.rng_state = rng.bit_generator.state if rng is not None else None
            if self.every is not None and batch_size is not None and self.epoch % self.every == 0:
                self.save()
        epochs = f" ({self.epoch} epochs)" if batch_size is not None else ""
        return f"stopped after {self.step} steps{epochs}"

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
            lr = float(lr(self.shared[self.shared_names.index("global_step")]) if isinstance(lr, Schedule)
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
    def save(self) -> None:
        save_checkpoint(self.checkpoint, Checkpoint(
            dict(zip(self.names, self.params)), dict(zip(self.slot_names, self.slots)),
            dict(zip(self.shared_names, self.shared)), np.asarray(self.history), self.step, self.epoch,
            self.rng_state, repr(self.optimizer)))

    def restore(self, stored: Checkpoint) -> None:
        if sorted(stored.params) != sorted(self.names) or stored.optimizer != repr(self.optimizer):
            raise ConfigurationError(
                f"checkpoint holds parameters {sorted(stored.params)} for {stored.optimizer}; this run has "
                f"{sorted(self.names)} with {self.optimizer!r}. Resume with the same cost and optimizer.")
        dtype = np.dtype(self.compiled.dtype)
        convert = float if self.compiled.module == "math" else dtype.type

        def value(v):
            return np.asarray(v, dtype=dtype) if np.ndim(v) else convert(v)
        self.params = [value(stored.params[n]) for n in self.names]
        self.slots = [value(stored.slots[n]) for n in self.slot_names]
        self.shared = [np.float32(stored.shared[n]) for n in self.shared_names]
        self.history = array("d", (float(v) for v in stored.history))
        self.step, self.epoch, self.rng_state = stored.step, stored.epoch, stored.rng_state
        self._start = (self.step, self.flat())

    # -- result
    def _user_params(self, params) -> dict:
        return {p: _user_value(p, v) for p, v in zip(self.parameters, params)}

    def result(self, message: str) -> Result:
        history = np.asarray(self.history, dtype=float)
        value = float("nan")
        if len(history):
            final, *_ = self.compiled.step(*self.flat(), *self.hyper, *self.values)
            value = float(final)
        slots = dict(zip(self.slot_names, self.slots))
        slots.update(zip(self.shared_names, self.shared))
        return Result(self._user_params(self.params), value, history, self.step, message, True, slots, self.trace)


def _batches(size: int, batch: int | None, rng) -> list:
    if batch is None:
        return [slice(None)]
    order = rng.permutation(size) if rng is not None else np.arange(size)
    return [order[start:start + batch] for start in range(0, size, batch)]


def _slice(symbol, value, index):
    if isinstance(index, slice) or not is_matrix(symbol):
        return value
    axis = list(symbol.shape).index(BATCH) if BATCH in symbol.shape else None
    return value if axis is None else np.take(value, index, axis=axis)


def _user_value(symbol, value):
    shape = shape_of(symbol)
    return np.asarray(value).reshape(shape) if is_matrix(symbol) and len(shape) == 1 else value
