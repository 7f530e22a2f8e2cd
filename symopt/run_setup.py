r"""A first-order run's set-up, before its first step: the checked arguments (options, switches, data), the
compiled step in the weights' layouts (:mod:`symopt.layouts`), the starting values converted for it, the data source
and the schedule.  :func:`symopt.minimize.minimize` keeps a run's :class:`RunSetup` in :data:`SETUP` when it depends
on the arguments alone (:func:`plannable`: no data), so a repeated call (the lecture's) skips all of it but the
starting values.

A Variable declared ``trainable=False`` is not trained, even when ``wrt`` lists it (TF1's rule): the cost reads it
at its own value unless ``data`` gives one (:func:`frozen_values`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .binding import as_value, batch_axes, resolve_feed
from .cache import BoundedCache
from .checkpoint import check_writable
from .compiler import free_inputs, infer_dtype
from .data_sources import DataSource, as_stream, data_source, is_out_of_core, schedule_for
from .disk_cache import chosen_directory
from .emit import scalar_type as backend_scalar_type
from .errors import CheckpointError, ConfigurationError, FeedError
from .label_ranges import label_ranges_of
from .fused import CompiledStep, clips_by_norm, compile_step
from .layouts import chosen_weights
from .missing_data import check_complete, refuse_ambiguous_names
from .resume import Schedule
from .run_arguments import (check_count, check_data_mapping, check_flag, check_seed, clip_limit, plain_count, run_length,
                            tolerance)
from .schedule_base import Schedule as LearningRateSchedule
from .symbols import is_batched

__all__ = ["SETUP", "RunArguments", "RunSetup", "inputs_of", "trainable", "plannable", "typed_options",
           "checked_arguments", "numpy_setup", "starting_values", "check_switches", "frozen_values",
           "refuse_trained_in_data", "refuse_vanishing_rate", "check_batch_size"]

#: Set-up that depends only on the expressions (a cost's inputs, the parameters ``wrt`` names) or, for a run
#: without data (:func:`plannable`), on the arguments alone (its checked options and compiled step), so a repeated
#: call of minimize skips it; bounded like the compile cache.
SETUP = BoundedCache()


def inputs_of(cost) -> tuple:
    """:func:`~symopt.compiler.free_inputs` of ``cost``, cached."""
    return SETUP.get_or_build(("inputs", cost), lambda: tuple(free_inputs([cost])))


def trainable(symbol) -> bool:
    """False for a Variable declared ``trainable=False``: :func:`minimize` keeps it at its value (TF1)."""
    return getattr(symbol, "trainable", True) is not False


@dataclass(frozen=True)
class RunArguments:
    """A run's checked arguments: its data (a stream's first batch standing in for the stream), length and limits."""

    stream: Any
    data_symbols: list
    feed: dict
    length: int
    tol: float
    clip_value: float | None
    clip_norm: float | None
    step_limit: int | None = None  # a stream's steps=: at most that many steps in all


@dataclass(frozen=True)
class RunSetup:
    """What a NumPy run starts from, its arguments checked: the compiled step, the data and the schedule."""

    parameters: list
    arguments: RunArguments
    dtype: str
    compiled: CompiledStep
    scalar_type: Any
    source: DataSource
    schedule: Schedule


def plannable(cost, parameters: list, data, backend: str, callback, switches: dict, cache_dir, devices=None,
              batch_size=None) -> bool:
    """A run whose set-up depends on its arguments alone, so :data:`SETUP` keeps it for a repeated call (the
    lecture's): a cost of the parameters only and no data, nothing reported per step, nothing read or written
    (a checkpoint, the disk cache); on JAX, one default device and a full batch."""
    on_backend = backend == "numpy" or backend == "jax" and devices is None and batch_size is None
    return on_backend and (data is None or isinstance(data, Mapping) and not data) and callback is None \
        and switches["trace"] is False and (switches["progress"] is None or switches["progress"] is False) \
        and switches["checkpoint"] is None and switches["checkpoint_every"] is None \
        and switches["resume_from"] is None and chosen_directory(cache_dir) is None \
        and set(inputs_of(cost)).issubset(parameters)


def typed_options(options: dict) -> tuple:
    """``options`` as a key, each value with its type: ``steps=True`` is refused where ``steps=1`` is not."""
    return tuple((name, type(value), value) for name, value in options.items())


def checked_arguments(cost, parameters: list, data, backend: str, options: dict, switches: dict) -> RunArguments:
    """Check the options, the switches and the data, each with its own message, before any work."""
    steps, epochs, batch_size = options["steps"], options["epochs"], options["batch_size"]
    stream = as_stream(data, steps=steps, epochs=epochs, batch_size=batch_size, resume_from=switches["resume_from"],
                       backend=backend, checkpoint=switches["checkpoint"])  # None unless a stream of mini-batches
    check_data_mapping(data if stream is None else stream.first)
    length = run_length(steps, epochs, batch_size) if stream is None else epochs or 1
    tol = tolerance(options["tol"])
    clip_value = clip_limit("clip_value", options["clip_value"])
    clip_norm = clip_limit("clip_norm", options["clip_norm"])
    check_switches(parameters, options["seed"], options["shuffle"], switches["trace"], switches["progress"],
                   switches["checkpoint"], switches["checkpoint_every"], switches["resume_from"])
    data_symbols, feed = _data_feed(cost, parameters, data if stream is None else stream.first)
    if backend == "jax" and any(is_out_of_core(v) and is_batched(s) for s, v in feed.items()):  # else read whole
        raise ConfigurationError("backend='jax' needs data in memory; train out-of-core data with the NumPy backend")
    return RunArguments(stream, data_symbols, feed, length, tol, clip_value, clip_norm,
                        None if stream is None else plain_count(steps))


def numpy_setup(cost, parameters: list, initial: dict, optimizer, arguments: RunArguments, options: dict,
                 cache_dir) -> tuple[RunSetup, list]:
    """Compile the step (the weights' layouts chosen for the data's shapes), convert the ``initial`` values (checked
    before the data, the first mistake a call makes) and schedule the run over the data: ``(set-up, values)``."""
    data_symbols, feed, stream = arguments.data_symbols, arguments.feed, arguments.stream
    batch_size = options["batch_size"]
    dtype = infer_dtype(parameters + data_symbols, options["dtype"])
    compiled = compile_step(cost, parameters, optimizer, data_symbols, dtype=dtype, tol=arguments.tol,
                            clip_value=arguments.clip_value, clip_norm=arguments.clip_norm, cache_dir=cache_dir,
                            column_major=_column_major(parameters, data_symbols, feed, batch_size, dtype, stream,
                                                       arguments.clip_norm))
    scalar_type = backend_scalar_type(compiled.module, dtype)
    params = [as_value(p, initial[p], dtype, scalar_type) for p in parameters]
    source = data_source(data_symbols, feed, dtype, scalar_type, batch_size, stream,
                         label_ranges=label_ranges_of(cost, data_symbols))
    schedule = _schedule(source, arguments.length, options["shuffle"], arguments.step_limit)
    refuse_vanishing_rate(optimizer, schedule.total_steps)
    return RunSetup(list(parameters), arguments, dtype, compiled, scalar_type, source, schedule), params


def starting_values(setup: RunSetup, initial: dict) -> list:
    """The ``initial`` values converted for the set-up's step (a repeated call's own starts)."""
    return [as_value(p, initial[p], setup.dtype, setup.scalar_type) for p in setup.parameters]


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


def refuse_vanishing_rate(optimizer, steps: int, flushes_subnormals: bool = False) -> None:
    """Refuse, before the first step, a run of an optimizer that divides by the rate (Ftrl) whose schedule decays
    to 0 in float32 by the run's last evaluation, at step ``steps`` (an exponential decay run long enough to
    underflow; a schedule that is 0 by its settings was refused by the optimizer, :meth:`Schedule.why_zero`).
    ``flushes_subnormals``: the run's arithmetic makes a rate below float32's smallest normal number 0 (XLA on the
    CPU: from step 123 of ``ExponentialDecay(0.1, 1, 0.5)``, where NumPy's rate is 0 from step 147; review11 R11-12)."""
    rate = optimizer.hyperparameters.get("lr")
    if not optimizer.divides_by_rate or not isinstance(rate, LearningRateSchedule):
        return
    smallest = float(np.finfo(np.float32).tiny) if flushes_subnormals else 0.0

    def vanished(number) -> bool:
        return number == 0 or abs(number) < smallest
    if not vanished(rate(steps)):
        return
    zero = rate.first_step(vanished, steps)  # the decays that underflow are monotone
    where = (f"below float32's smallest normal number ({smallest:.4g}), which this backend computes as 0,"
             if flushes_subnormals else "to 0 in float32")
    if zero > 1:
        advice = f"Train at most {zero - 1} steps with it, or decay more slowly (a larger decay_steps or decay_rate)"
    else:
        advice = "No run can use it: start from a larger rate" + (
            ", or run on the NumPy backend, whose float32 keeps subnormal rates" if flushes_subnormals else "")
    raise ConfigurationError(
        f"{type(optimizer).__name__} divides by the learning rate, and {rate!r} decays {where} from step "
        f"{zero} on, before this run of {steps} steps ends (TF1's ApplyFtrl refuses a rate of 0: 'lr is not a "
        f"positive scalar'). {advice}")


def check_switches(parameters, seed, shuffle, trace, progress, checkpoint, checkpoint_every,
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


def frozen_values(data_symbols) -> dict:
    """The Variables among ``data_symbols`` declared ``trainable=False``, at their own values."""
    return {s: s.init for s in data_symbols if not trainable(s) and hasattr(s, "init")}


def refuse_trained_in_data(parameters: list, data, data_symbols: list) -> None:
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
    refuse_trained_in_data(parameters, data, data_symbols)
    feed = {**frozen_values(data_symbols), **resolve_feed(data, data_symbols, trained=parameters)}
    check_complete(parameters, data_symbols, feed)
    return data_symbols, feed


def _schedule(source: DataSource, length: int, shuffle: bool, step_limit: int | None = None) -> Schedule:
    """The run's length and batching, once the data are checked and their examples counted."""
    if source.stream is None:
        check_batch_size(source.batch_size, source.examples)
    return schedule_for(source, length, shuffle, step_limit)


def check_batch_size(batch_size: int | None, examples: int | None) -> None:
    """A ``batch_size`` needs data with a batch dimension, of at least that many examples (either backend)."""
    if batch_size is not None and examples is None:
        raise ConfigurationError("batch_size needs data with a batch dimension (a Placeholder shape with None)")
    if batch_size is not None and batch_size > examples:
        raise ConfigurationError(f"batch_size {batch_size} is larger than the {examples} examples given; "
                                 f"use at most {examples}")
