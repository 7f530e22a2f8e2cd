r"""Training: :func:`minimize` checks its arguments, compiles the fused step and hands the run to
:class:`~symopt.training_run.TrainingRun`, the only place that holds mutable state (parameter values,
optimizer slots, the history and the position in the schedule); its outcome is a :class:`Result`.

A Variable declared ``trainable=False`` is not trained, even when ``wrt`` lists it (TF1's rule): the
cost reads it at its own value unless ``data`` gives one.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .binding import as_value, batch_axes, resolve_feed
from .checkpoint import as_path, check_writable, load_checkpoint
from .compiler import BoundedCache, free_inputs, infer_dtype
from .data_sources import DataSource, as_stream, data_source, is_out_of_core, schedule_for
from .depth import depth_limited
from .disk_cache import chosen_directory
from .emit import scalar_type as backend_scalar_type
from .float_errors import ignoring_float_errors
from .fused import CompiledStep, clips_by_norm, compile_step
from .errors import CheckpointError, ConfigurationError, DivergenceError, FeedError
from .jax_printer import check_backend
from .keyword_advice import refusing_unknown_keywords
from .layouts import chosen_weights
from .missing_data import check_complete, refuse_ambiguous_names
from .optimizers import get_optimizer
from .printers import printer_for
from .run_arguments import (check_callback, check_count, check_data_mapping, check_flag, check_seed, clip_limit,
                            first_non_finite, run_length, tolerance)
from .resume import Schedule
from .schedules import Schedule as LearningRateSchedule
from .second_order import minimize_with_method
from .step_size import add_step_size_advice
from .result import Result
from .training_run import FIRST_CALL, TrainingRun
from .wrt import flatten, resolve_wrt, scalar_cost

__all__ = ["minimize", "Result", "FIRST_CALL", "SETUP", "inputs_of", "parameters_of", "trainable"]

#: Set-up that depends only on the expressions (a cost's inputs, the parameters ``wrt`` names) or, for a run
#: without data (:func:`_plannable`), on the arguments alone (its checked options and compiled step), so a repeated
#: call of minimize skips it; bounded like the compile cache.
SETUP = BoundedCache()


def inputs_of(cost) -> tuple:
    """:func:`~symopt.compiler.free_inputs` of ``cost``, cached."""
    return SETUP.get_or_build(("inputs", cost), lambda: tuple(free_inputs([cost])))


def trainable(symbol) -> bool:
    """False for a Variable declared ``trainable=False``: :func:`minimize` keeps it at its value (TF1)."""
    return getattr(symbol, "trainable", True) is not False


def parameters_of(cost, wrt) -> list:
    """The parameters ``wrt`` names (:func:`~symopt.wrt.resolve_wrt`), cached on the cost and the entries of ``wrt``
    (a dict's keys): a repeated call skips resolving names and the walk over the cost."""
    key = ("wrt", cost, type(wrt), tuple(flatten(wrt)))
    return list(SETUP.get_or_build(key, lambda: tuple(resolve_wrt(cost, wrt)[1])))


def _check_starts(initial: dict) -> None:
    """A starting value that is NaN or infinite is refused (it was reported as a divergence at step 0)."""
    for symbol, value in initial.items():
        if _real_scalar(value) and math.isfinite(value):
            continue
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError, OverflowError):
            continue  # not numbers (or beyond float): as_value refuses it with its own message
        if first_non_finite(array) is not None:
            example = "0.0" if array.ndim == 0 else f"numpy.zeros({array.shape})"  # a value of the parameter's shape
            shown = repr(value) if array.size <= 4 else f"an array of shape {array.shape}"
            raise ConfigurationError(f"the starting value of {symbol} is not finite ({shown} has NaN or infinity): "
                                     "start from finite numbers, e.g. wrt={" + f"{symbol}: {example}" + "}")


def _real_scalar(value) -> bool:
    """A Python float, a NumPy floating scalar or a 0-d floating array (a Variable's ``init``): ``math.isfinite``
    reads it as it is."""
    return isinstance(value, (float, np.floating)) or isinstance(value, np.ndarray) and value.shape == () and \
        value.dtype.kind == "f"


def _initial_values(wrt, parameters: list) -> dict:
    """``{parameter: initial value}`` of the trainable parameters (``wrt`` as given, ``parameters`` resolved).
    A Variable declared ``trainable=False`` listed beside trainable ones is refused: it would not be trained."""
    frozen = [str(p) for p in parameters if not trainable(p)]
    if frozen:  # beside trainable ones, or alone (the message said "e.g. wrt=w" to a user who wrote wrt=w)
        raise ConfigurationError(
            f"wrt lists {', '.join(frozen)}, declared trainable=False: minimize keeps such a Variable at its value "
            "(the cost reads it as data), so it would not be trained. Drop it from wrt, or declare it trainable "
            "(symopt.Variable(name, value)) to train it.")
    if isinstance(wrt, Mapping):
        return {p: value for p, value in zip(parameters, wrt.values()) if trainable(p)}
    values = {}
    for symbol in parameters:
        if not trainable(symbol):
            continue
        if not hasattr(symbol, "init"):
            raise ConfigurationError(f"no initial value for {symbol}: pass wrt={{{symbol}: value}} "
                                     "or use symopt.Variable(name, init)")
        values[symbol] = symbol.init
    return values


@refusing_unknown_keywords
@depth_limited("minimize")
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
    resume_from = resume_or_start(checkpoint, resume_from)
    if callback is not None:
        check_callback(callback)
    cost = scalar_cost(cost)  # checked once per cost (cached)
    initial = _initial_values(wrt, parameters_of(cost, wrt))
    _check_starts(initial)
    parameters = list(initial)
    if method is not None:
        tol = tolerance(tol)  # checked as on the first-order path: SciPy took nan for a tolerance met at the start
        _check_switches(parameters, seed, shuffle, trace, progress, checkpoint, checkpoint_every, resume_from)
        _refuse_trained_in_data(parameters, data, [s for s in inputs_of(cost) if s not in set(parameters)])
        first_order = dict(optimizer=optimizer, batch_size=batch_size, epochs=epochs, clip_value=clip_value,
                           clip_norm=clip_norm)
        return minimize_with_method(method, cost, initial, data=_with_frozen(cost, parameters, data),
                                    steps=1000 if steps is None else steps, tol=tol, callback=callback,
                                    bounds=bounds, dtype=dtype, trace=trace, options=first_order,
                                    checkpoint=checkpoint, checkpoint_every=checkpoint_every,
                                    resume_from=resume_from, make_result=Result)
    if bounds is not None:
        raise ConfigurationError("bounds= needs method='lbfgs' (L-BFGS-B, which keeps every step inside the box); "
                                 "the first-order optimizers do not project onto bounds, so a run without method= "
                                 "would leave them. Pass method='lbfgs', or drop bounds=")
    optimizer = get_optimizer(optimizer)
    options = dict(steps=steps, epochs=epochs, batch_size=batch_size, tol=tol, clip_value=clip_value,
                   clip_norm=clip_norm, shuffle=shuffle, seed=seed, dtype=dtype)
    switches = dict(trace=trace, progress=progress, checkpoint=checkpoint, checkpoint_every=checkpoint_every,
                    resume_from=resume_from)
    if _plannable(cost, parameters, data, backend, callback, switches, cache_dir):
        setup = SETUP.get_or_build(("run", cost, type(wrt), tuple(flatten(wrt)), optimizer.key(), _typed(options)),
                                   lambda: _numpy_setup(cost, parameters, initial, optimizer, _checked_arguments(
                                       cost, parameters, data, backend, options, switches), options, cache_dir)[0])
        params = _starting_values(setup, initial)
    else:
        arguments = _checked_arguments(cost, parameters, data, backend, options, switches)
        if backend == "jax":
            from .jax_run import minimize_jax
            return minimize_jax(cost, parameters, initial, arguments.feed, arguments.data_symbols, optimizer,
                                length=arguments.length, batch_size=batch_size, shuffle=shuffle, seed=seed,
                                dtype=dtype, tol=arguments.tol, clip_value=arguments.clip_value,
                                clip_norm=arguments.clip_norm, devices=devices, make_result=Result,
                                cache_dir=cache_dir, others=dict(callback=callback, **switches))
        setup, params = _numpy_setup(cost, parameters, initial, optimizer, arguments, options, cache_dir)
    return _train(cost, initial, params, optimizer, setup, seed, callback, switches, cache_dir)


@dataclass(frozen=True)
class _Arguments:
    """A run's checked arguments: its data (a stream's first batch standing in for the stream), length and limits."""

    stream: Any
    data_symbols: list
    feed: dict
    length: int
    tol: float
    clip_value: float | None
    clip_norm: float | None


@dataclass(frozen=True)
class _Setup:
    """What a NumPy run starts from, its arguments checked: the compiled step, the data and the schedule."""

    parameters: list
    arguments: _Arguments
    dtype: str
    compiled: CompiledStep
    scalar_type: Any
    source: DataSource
    schedule: Schedule


def _plannable(cost, parameters: list, data, backend: str, callback, switches: dict, cache_dir) -> bool:
    """A run whose set-up depends on its arguments alone, so :data:`SETUP` keeps it for a repeated call (the
    lecture's): NumPy, a cost of the parameters only and no data, nothing reported per step, nothing read or written
    (a checkpoint, the disk cache)."""
    return backend == "numpy" and (data is None or isinstance(data, Mapping) and not data) and callback is None \
        and switches["trace"] is False and (switches["progress"] is None or switches["progress"] is False) \
        and switches["checkpoint"] is None and switches["checkpoint_every"] is None \
        and switches["resume_from"] is None and chosen_directory(cache_dir) is None \
        and set(inputs_of(cost)).issubset(parameters)


def _typed(options: dict) -> tuple:
    """``options`` as a key, each value with its type: ``steps=True`` is refused where ``steps=1`` is not."""
    return tuple((name, type(value), value) for name, value in options.items())


def _checked_arguments(cost, parameters: list, data, backend: str, options: dict, switches: dict) -> _Arguments:
    """Check the options, the switches and the data, each with its own message, before any work."""
    steps, epochs, batch_size = options["steps"], options["epochs"], options["batch_size"]
    stream = as_stream(data, steps=steps, epochs=epochs, batch_size=batch_size, resume_from=switches["resume_from"],
                       backend=backend, checkpoint=switches["checkpoint"])  # None unless a stream of mini-batches
    check_data_mapping(data if stream is None else stream.first)
    length = run_length(steps, epochs, batch_size) if stream is None else epochs or 1
    tol = tolerance(options["tol"])
    clip_value, clip_norm = clip_limit("clip_value", options["clip_value"]), clip_limit("clip_norm", options["clip_norm"])
    _check_switches(parameters, options["seed"], options["shuffle"], switches["trace"], switches["progress"],
                    switches["checkpoint"], switches["checkpoint_every"], switches["resume_from"])
    data_symbols, feed = _data_feed(cost, parameters, data if stream is None else stream.first)
    if backend == "jax" and any(is_out_of_core(v) for v in feed.values()):
        raise ConfigurationError("backend='jax' needs data in memory; train out-of-core data with the NumPy backend")
    return _Arguments(stream, data_symbols, feed, length, tol, clip_value, clip_norm)


def _numpy_setup(cost, parameters: list, initial: dict, optimizer, arguments: _Arguments, options: dict,
                 cache_dir) -> tuple[_Setup, list]:
    """Compile the step (the weights' layouts chosen for the data's shapes), convert the ``initial`` values (checked
    before the data, the first mistake a call makes) and schedule the run over the data: ``(set-up, values)``."""
    data_symbols, feed, stream, batch_size = arguments.data_symbols, arguments.feed, arguments.stream, options["batch_size"]
    dtype = infer_dtype(parameters + data_symbols, options["dtype"])
    compiled = compile_step(cost, parameters, optimizer, data_symbols, dtype=dtype, tol=arguments.tol,
                            clip_value=arguments.clip_value, clip_norm=arguments.clip_norm, cache_dir=cache_dir,
                            column_major=_column_major(parameters, data_symbols, feed, batch_size, dtype, stream,
                                                       arguments.clip_norm))
    scalar_type = backend_scalar_type(compiled.module, dtype)
    params = [as_value(p, initial[p], dtype, scalar_type) for p in parameters]
    source = data_source(data_symbols, feed, dtype, scalar_type, batch_size, stream)
    schedule = _schedule(source, arguments.length, options["shuffle"])
    _refuse_vanishing_rate(optimizer, schedule.total_steps)
    return _Setup(list(parameters), arguments, dtype, compiled, scalar_type, source, schedule), params


def _starting_values(setup: _Setup, initial: dict) -> list:
    """The ``initial`` values converted for the set-up's step (a repeated call's own starts)."""
    return [as_value(p, initial[p], setup.dtype, setup.scalar_type) for p in setup.parameters]


def _train(cost, initial: dict, params: list, optimizer, setup: _Setup, seed, callback, switches: dict,
           cache_dir) -> Result:
    """Run the compiled step from ``params`` (the ``initial`` values converted) to the end of the schedule, or a
    stop, and report it."""
    parameters, arguments, compiled, dtype = setup.parameters, setup.arguments, setup.compiled, setup.dtype
    numpy_version = None
    if printer_for(compiled.module).raises_on_overflow:  # Python floats raise where NumPy gives inf or nan
        numpy_version = functools.partial(compile_step, cost, parameters, optimizer, arguments.data_symbols,
                                          dtype=dtype, tol=arguments.tol, clip_value=arguments.clip_value,
                                          clip_norm=arguments.clip_norm, cache_dir=cache_dir, module="numpy")
    checkpoint, trace, progress = switches["checkpoint"], switches["trace"], switches["progress"]
    run = TrainingRun(compiled, parameters, setup.source, params, checkpoint, switches["checkpoint_every"],
                      setup.schedule, np.random.default_rng(seed) if setup.schedule.shuffled else None, numpy_version)
    if switches["resume_from"] is not None:
        run.restore(load_checkpoint(switches["resume_from"]), str(switches["resume_from"]))
    if trace:
        run.start_trace()
    with ignoring_float_errors():  # a non-finite cost is a DivergenceError or a DomainError, whatever the host set
        try:
            message = run.loop(arguments.tol, callback, progress=progress, generated=setup.schedule.batch_size is None
                               and callback is None and not trace and progress is not True)
        except DivergenceError as error:  # a domain NaN is a DomainError; else quote 2/λ_max for a quadratic cost
            domain_error = run.data_error(cost, error.result) or run.domain_error(cost, error.result) or \
                run.gradient_error(error)
            if domain_error is not None:
                raise domain_error from None
            schedule_error = _rate_not_finite(error, optimizer)
            if schedule_error is not None:
                raise schedule_error from None
            add_step_size_advice(error, cost, optimizer, initial, arguments.feed)
            raise
        if checkpoint is not None:
            run.save()
        return run.result(message)


def _column_major(parameters, symbols, feed: Mapping, batch_size, dtype, stream, clip_norm) -> tuple:
    """The weights the step keeps column-major (:func:`symopt.layouts.chosen_weights`): none for a stream (its
    batches' shapes are not known ahead) or a step clipping by global norm (a column-major gradient's squares would be
    summed in another order)."""
    if stream is not None or clips_by_norm(clip_norm):
        return ()
    rows = _batch_rows(symbols, feed, batch_size)
    return chosen_weights(parameters, rows, dtype) if rows else ()


def _batch_rows(symbols, feed: Mapping, batch_size: int | None) -> tuple:
    """The row counts of a run's batches (``(m,)`` for a full batch; ``(B, m mod B)`` for mini-batches) when the
    examples are the data's rows, for the weights' layouts (:mod:`symopt.layouts`); ``()`` otherwise.  The data are
    checked later, with their own messages: an odd value here only gives ``()``."""
    axes = batch_axes(symbols)
    if not axes or any(axis != 0 for _, axis in axes):
        return ()
    value = feed[symbols[axes[0][0]]]
    try:
        shape = value.shape if hasattr(value, "shape") else np.shape(value)  # an out-of-core source is not read
    except (TypeError, ValueError):  # ragged lists: data_source refuses them
        return ()
    if not shape or not isinstance(shape[0], int) or shape[0] < 1:
        return ()
    rows = shape[0]
    if batch_size is None or batch_size >= rows:
        return (rows,)
    return (batch_size,) + ((rows % batch_size,) if rows % batch_size else ())


def _refuse_vanishing_rate(optimizer, steps: int) -> None:
    """Refuse, before the first step, a run of an optimizer that divides by the rate (Ftrl) whose schedule decays
    to 0 in float32 by the run's last evaluation, at step ``steps`` (an exponential decay run long enough to
    underflow; a schedule that is 0 by its settings was refused by the optimizer, :meth:`Schedule.why_zero`)."""
    rate = optimizer.hyperparameters.get("lr")
    if not optimizer.divides_by_rate or not isinstance(rate, LearningRateSchedule) or rate(steps) != 0:
        return
    zero = rate.first_step(lambda number: number == 0, steps)  # the decays that underflow are monotone
    raise ConfigurationError(
        f"{type(optimizer).__name__} divides by the learning rate, and {rate!r} decays to 0 in float32 from step "
        f"{zero} on, before this run of {steps} steps ends (TF1's ApplyFtrl refuses a rate of 0: 'lr is not a "
        f"positive scalar'). Train at most {zero - 1} steps with it, or decay more slowly (a larger decay_steps "
        f"or decay_rate)")


def _rate_not_finite(error: DivergenceError, optimizer) -> DivergenceError | None:
    """A divergence caused by a learning-rate schedule whose rate is NaN at the step that diverged (a
    CosineDecayRestarts with t_mul < 1 past its last restart): no smaller rate helps, so the error says so and names
    the first step without a rate; None where the rate was a number."""
    rate = optimizer.hyperparameters.get("lr")
    steps = getattr(error.result, "steps", None)
    if not isinstance(rate, LearningRateSchedule) or not steps:
        return None
    with np.errstate(all="ignore"):
        if np.isfinite(rate(steps - 1)):
            return None
        bad = rate.first_step(lambda number: not np.isfinite(number), steps - 1)  # the first step without a rate
    reason = rate.why_undefined()
    return DivergenceError(
        f"training diverged at step {steps}: the learning rate {rate!r} is {rate(bad)} from step {bad} on, so the "
        f"update of that step is NaN and no smaller rate helps" + (f": {reason}" if reason else "") +
        ". error.result holds the best parameters seen.", error.result)


def resume_or_start(checkpoint, resume_from):
    """``resume_from``, or ``None`` on the first run of the resume-or-start idiom ``checkpoint=p, resume_from=p``:
    the file both name does not exist yet, so the run starts fresh and writes it (Keras' ``BackupAndRestore``).
    A ``resume_from`` of its own that does not exist stays an error (a typo must not restart a long run)."""
    if checkpoint is None or resume_from is None:
        return resume_from
    try:
        path, written = as_path(resume_from, "resume_from"), as_path(checkpoint, "checkpoint")
    except CheckpointError:
        return resume_from  # refused with its message where it is read
    return None if path.resolve() == written.resolve() and not path.exists() else resume_from


def _check_switches(parameters, seed, shuffle, trace, progress, checkpoint, checkpoint_every,
                    resume_from=None) -> None:
    """Refuse a run without parameters and malformed switches (a writable checkpoint path), before any work."""
    check_count("checkpoint_every", checkpoint_every)
    check_seed(seed)
    check_flag("shuffle", shuffle)
    check_flag("trace", trace)
    check_flag("progress", progress, none_allowed=True)
    if not parameters:
        raise ConfigurationError("wrt names no trainable parameter (a Variable with trainable=False is not "
                                 "trained): name the parameters to optimize, e.g. wrt=w, wrt=[W, b] or wrt={w: 0.0}")
    if checkpoint_every is not None and checkpoint is None:
        raise ConfigurationError("checkpoint_every needs checkpoint=PATH, the file to write")
    if checkpoint is not None:
        check_writable(checkpoint)
    if checkpoint is not None or resume_from is not None:
        names = [str(getattr(p, "name", p)) for p in parameters]
        shared = sorted({n for n in names if names.count(n) > 1})
        if shared:
            raise CheckpointError(f"parameters {shared} share a name, and a checkpoint stores each parameter under "
                                  "its name: a resumed run could swap their values and slots. Give the parameters "
                                  "distinct names to checkpoint or resume this run")


def _frozen(data_symbols) -> dict:
    """The Variables among ``data_symbols`` declared ``trainable=False``, at their own values."""
    return {s: s.init for s in data_symbols if not trainable(s) and hasattr(s, "init")}


def _with_frozen(cost, parameters, data):
    """``data`` plus the values of frozen Variables it does not give (by symbol or name)."""
    chosen = set(parameters)
    frozen = _frozen([s for s in inputs_of(cost) if s not in chosen])
    if not frozen:
        return data
    given = dict(data or {})
    return {**{s: v for s, v in frozen.items() if s not in given and str(s) not in given}, **given}


def _refuse_trained_in_data(parameters: list, data, data_symbols: list) -> None:
    """A parameter ``wrt`` trains, given again in ``data`` (by symbol or name), is a FeedError saying how to start it;
    a name both a parameter and data of the cost carry is ambiguous."""
    if not isinstance(data, Mapping):
        return
    chosen, names = set(parameters), {str(p) for p in parameters}
    given = [key for key in data if key in chosen or str(key) in names and isinstance(key, str)]
    refuse_ambiguous_names(parameters, data, data_symbols)  # a name meaning the trained w and another w the cost reads
    if given:
        raise FeedError(f"data gives {', '.join(map(str, given))}, which wrt trains (a parameter, not data): set its "
                        f"starting value with wrt={{{given[0]}: value}} (or symopt.Variable(name, value)), or drop "
                        "it from wrt to hold it fixed at the value in data")


def _data_feed(cost, parameters: list, data) -> tuple[list, dict]:
    """The cost's other inputs and ``{symbol: value}`` for each: from ``data`` (by symbol or name), a
    Variable with ``trainable=False`` that ``data`` does not give at its own value."""
    chosen = set(parameters)
    data_symbols = [s for s in inputs_of(cost) if s not in chosen]
    if not data_symbols and not data:
        return data_symbols, {}
    _refuse_trained_in_data(parameters, data, data_symbols)
    feed = {**_frozen(data_symbols), **resolve_feed(data, data_symbols)}
    check_complete(parameters, data_symbols, feed)
    return data_symbols, feed


def _schedule(source: DataSource, length: int, shuffle: bool) -> Schedule:
    """The run's length and batching, once the data are checked and their examples counted."""
    batch_size, examples = source.batch_size, source.examples
    if source.stream is None and batch_size is not None and examples is None:
        raise ConfigurationError("batch_size needs data with a batch dimension (a Placeholder shape with None)")
    if source.stream is None and batch_size is not None and batch_size > examples:
        raise ConfigurationError(f"batch_size {batch_size} is larger than the {examples} examples given; "
                                 f"use at most {examples}")
    return schedule_for(source, length, shuffle)
