r"""The training loop: :func:`minimize` and its :class:`Result`.

Full-batch runs loop inside generated code (one Python call for all steps);
mini-batch runs call the fused step once per batch.  The loop is the only
place that holds mutable state: parameter values and optimizer slots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np

from .binding import as_value, batch_size as common_batch_size, resolve_feed
from .calculus import _flatten
from .compiler import _scalar_cost, _scalar_type, compile_step, free_inputs, infer_dtype
from .errors import ConfigurationError, DivergenceError, FeedError, NoGradientError
from .optimizers import get_optimizer
from .symbols import BATCH, is_matrix, shape_of

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

    def __getitem__(self, symbol):
        return self.params[symbol]


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


def _check_depends(cost, parameters) -> None:
    present = free_inputs([cost])
    absent = [p for p in parameters if p not in present]
    if absent:
        raise NoGradientError(
            f"the cost does not depend on {', '.join(map(str, absent))}: its gradient is identically zero, "
            "so no optimizer can change it. Check that the cost is written in terms of this symbol "
            "(a different symbol with the same name is a different symbol), or drop it from wrt.")


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


def minimize(cost, wrt, *, data: Mapping | None = None, optimizer=None, steps: int = 1000, tol: float | None = None,
             callback: Callable | None = None, batch_size: int | None = None, epochs: int | None = None,
             shuffle: bool = True, seed: int | None = None, dtype=None) -> Result:
    r"""Minimize a scalar cost :math:`J(\theta; \text{data})` over ``wrt``.

    ``wrt``: a symbol, a list, or a dict ``{symbol: initial value}``.  ``data`` binds
    every other free symbol (by symbol or name).  ``optimizer``: an instance or a
    name (default gradient descent, lr 0.01).  Full batch: ``steps`` steps.  Mini-batch:
    ``batch_size`` and ``epochs``, shuffled with ``seed``.  ``tol`` stops once every
    gradient entry satisfies :math:`|g| \le` tol.  ``callback(step, cost, params)``
    runs after each step; returning ``True`` stops.
    """
    cost = _scalar_cost(cost)
    initial = _initial_values(wrt)
    parameters = list(initial)
    _check_depends(cost, parameters)
    optimizer = get_optimizer(optimizer)
    data_symbols = [s for s in free_inputs([cost]) if s not in parameters]
    feed = resolve_feed(data, data_symbols)
    missing = [str(s) for s in data_symbols if s not in feed]
    if missing:
        raise FeedError(f"missing data for {missing}: the cost reads them; pass data={{name: value}}")
    for name, value in (("steps", steps), ("epochs", epochs), ("batch_size", batch_size)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1):
            raise ConfigurationError(f"{name}: expected a positive integer; given {value!r}")
    dtype = infer_dtype(parameters + data_symbols, dtype)
    compiled = compile_step(cost, parameters, optimizer, data_symbols, dtype=dtype, tol=tol)
    scalar_type = _scalar_type(compiled.module, dtype)
    params = [as_value(p, initial[p], dtype, scalar_type) for p in parameters]
    values = [as_value(s, feed[s], dtype, scalar_type) for s in data_symbols]
    examples = common_batch_size(data_symbols, values)
    if batch_size is not None and examples is None:
        raise ConfigurationError("batch_size needs data with a batch dimension (a Placeholder shape with None)")
    if batch_size is not None and batch_size > examples:
        raise ConfigurationError(f"batch_size {batch_size} is larger than the {examples} examples given")
    slots, shared = compiled.initial_slots(params)
    hyper = compiled.hyper_arguments()
    state = _State(params, slots, shared)
    if batch_size is None and callback is None:
        history = [0.0] * steps
        done, *packed = compiled.train(steps, history, tol, *state.flat(), *hyper, *values)
        state.update(*packed)
        history = np.asarray(history[:done + (done < steps and not np.isfinite(history[done]))], dtype=float)
        if done < steps and not np.isfinite(history[-1]):
            _diverged(done, history, state, parameters, optimizer)
        message = f"converged: every |gradient| <= {tol} after {done} steps" if done < steps else \
            f"stopped after {done} steps"
        return _result(parameters, state, history, done, message, cost, compiled, values, hyper)
    epochs = epochs if epochs is not None else (1 if batch_size is not None else None)
    rng = np.random.default_rng(seed) if shuffle and batch_size is not None else None
    history, step = [], 0
    rounds = epochs if batch_size is not None else steps
    for _ in range(rounds):
        for index in _batches(examples or 0, batch_size, rng):
            batch = [_slice(s, v, index) for s, v in zip(data_symbols, values)]
            value, *packed, gradients = compiled.step(*state.flat(), *hyper, *batch)
            history.append(float(value))
            if not np.isfinite(value):
                _diverged(step, np.asarray(history), state, parameters, optimizer)
            if tol is not None and all(np.max(np.abs(g)) <= tol for g in gradients):
                return _result(parameters, state, np.asarray(history), step + 1,
                               f"converged: every |gradient| <= {tol} after {step + 1} steps", cost, compiled,
                               values, hyper)
            state.update(*packed)
            step += 1
            if callback is not None and callback(step, float(value), dict(zip(parameters, state.params))):
                return _result(parameters, state, np.asarray(history), step, "stopped by callback", cost,
                               compiled, values, hyper)
    return _result(parameters, state, np.asarray(history), step, f"stopped after {step} steps", cost, compiled,
                   values, hyper)


class _State:
    """Parameter values and optimizer slots: the loop's mutable state."""

    def __init__(self, params, slots, shared):
        self.params, self.slots, self.shared = list(params), list(slots), list(shared)

    def flat(self) -> list:
        return self.params + self.slots + self.shared

    def update(self, params, slots, shared) -> None:
        self.params, self.slots, self.shared = list(params), list(slots), list(shared)


def _user_value(symbol, value):
    shape = shape_of(symbol)
    return np.asarray(value).reshape(shape) if is_matrix(symbol) and len(shape) == 1 else value


def _diverged(step: int, history: np.ndarray, state: _State, parameters, optimizer) -> None:
    finite = history[np.isfinite(history)]
    last = f"{finite[-1]:.6g}" if finite.size else "none"
    partial = Result({p: _user_value(p, v) for p, v in zip(parameters, state.params)},
                     float(finite[-1]) if finite.size else float("nan"), history, step,
                     f"diverged at step {step}", success=False)
    raise DivergenceError(
        f"training diverged at step {step}: the cost became {history[-1]} (last finite cost: {last}). "
        f"Try a smaller learning rate than {optimizer.hyperparameters.get('lr')}, or normalize the data.", partial)


def _result(parameters, state: _State, history, steps, message, cost, compiled, values, hyper) -> Result:
    params = {p: _user_value(p, v) for p, v in zip(parameters, state.params)}
    value = float(history[-1]) if len(history) else float("nan")
    if len(history):
        batch = values
        final, *_ = compiled.step(*state.flat(), *hyper, *batch)
        value = float(final)
    slots = dict(zip([f"{s.name}_{p}" for p in parameters for s in compiled.optimizer.slots if not s.shared],
                     state.slots))
    slots.update(zip([s.name for s in compiled.optimizer.slots if s.shared], state.shared))
    return Result(params, value, history, steps, message, True, slots)
