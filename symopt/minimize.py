r"""Training: :func:`minimize` checks its arguments and sets the run up (:mod:`symopt.run_setup`: the compiled step,
the data, the schedule; kept for a repeated call without data), then hands the run to
:class:`~symopt.training_run.TrainingRun`, the only place that holds mutable state (parameter values,
optimizer slots, the history and the position in the schedule); its outcome is a :class:`Result`.

A Variable declared ``trainable=False`` is not trained, even when ``wrt`` lists it (TF1's rule): the
cost reads it at its own value unless ``data`` gives one.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping

import numpy as np

from .checkpoint import as_path, load_checkpoint, user_path
from .depth import depth_limited
from .float_errors import ignoring_float_errors
from .fused import compile_step
from .errors import CheckpointError, ConfigurationError, DivergenceError
from .foreign_arrays import host_array, is_library_array
from .jax_printer import check_backend
from .keyword_advice import refusing_unknown_keywords
from .optimizers import get_optimizer
from .parameter_labels import labelling_parameters
from .value_checks import holds_none, not_real_numbers
from .printers import printer_for
from .run_arguments import check_callback, first_non_finite, plain_count, tolerance
from .run_setup import (SETUP, RunSetup, check_switches, checked_arguments, frozen_values, inputs_of, numpy_setup,
                        plannable, refuse_trained_in_data, starting_values, trainable, typed_options)
from .first_order_verdicts import explained_divergence, stalled_verdict, tol_stop_verdict
from .second_order import minimize_with_method
from .step_size import ADVICE_BATCHES
from .symbols import shape_of
from .result import Result
from .run_identity import run_identity
from .run_checkpoints import add_note
from .training_run import FIRST_CALL, TrainingRun
from .wrt import flatten, resolve_wrt, scalar_cost
from .wrt_messages import missing_start_error

__all__ = ["minimize", "Result", "FIRST_CALL", "SETUP", "inputs_of", "parameters_of", "trainable"]


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
        if holds_none(value):
            example = "0.0" if value is None else f"numpy.zeros({shape_of(symbol)})"  # NumPy: None is NaN
            raise ConfigurationError(f"the starting value of {symbol}: expected numbers; given "
                                     f"{not_real_numbers(value, parameter=True) or 'a list holding None.'} "
                                     f"Write wrt={{{symbol}: {example}}}")
        try:
            array = np.asarray(host_array(value) if is_library_array(value) else value, dtype=float)
        except (TypeError, ValueError, OverflowError, RuntimeError):
            continue  # not numbers (or beyond float, or a tensor on a GPU): as_value refuses it with its own message
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
            raise missing_start_error(symbol, parameters)
        values[symbol] = symbol.init
    return values


def _refuse_tol_beside_a_penalty(optimizer, tol) -> None:
    r"""``tol=`` tests :math:`|\nabla J| \le` tol; an optimizer whose update adds a penalty (an L1 shrinkage, a
    decoupled weight decay: :attr:`~symopt.optimizers.Optimizer.outside_cost`) minimizes another objective, whose
    minimum that test does not find (probe50 P50-6): refused, saying what to use."""
    given = {name: optimizer.hyperparameters[name] for name in optimizer.outside_cost
             if float(optimizer.hyperparameters[name]) > 0}
    if tol is None or not given:
        return
    settings = ", ".join(f"{name}={float(value):g}" for name, value in given.items())
    zero = ", ".join(f"{name}=0" for name in given)
    raise ConfigurationError(
        f"tol= with {type(optimizer).__name__}({settings}): tol= stops once every |gradient of the cost| <= tol, but "
        f"this optimizer's update adds a penalty the cost does not hold ({settings}), so it minimizes the cost plus "
        "that penalty, where the cost's gradient is not 0 (under an L1 penalty it is ±l1 on every nonzero entry). "
        "The test would stop a start at the unpenalized fit at once, and never pass at the penalized one. "
        f"{type(optimizer).__name__}(..., {zero}) keeps tol= (no penalty: {settings} may be a default); or drop tol= "
        "and give steps= (compare the fit of two step counts); or write the penalty into the cost and train it with "
        "an optimizer that adds none (an L2 penalty: + lam * ops.l2_penalty(w) with symopt.Adam; an L1 penalty: "
        "method='lbfgs' on w = p - q with bounds={p: (0, None), q: (0, None)} and lam * (ops.sum(p) + ops.sum(q)))")


@refusing_unknown_keywords
@depth_limited("minimize")
@labelling_parameters
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
    (``result.trace``; with clipping the gradient columns are the clipped ones the update used,
    ``clip(dJ/dw)``); ``progress=True`` shows a progress bar (default ``None``: when interactive and after a
    second, for a mini-batch or ``method=`` run; a full-batch first-order run is one generated loop, with a bar
    only when asked for).
    ``method`` (``"newton"``, ``"lbfgs"``, ``"bfgs"``, ``"newton-cg"``, ``"trust-ncg"``) runs a second-order or
    quasi-Newton method instead (:mod:`symopt.second_order`; ``bounds={w: (low, high)}`` for ``"lbfgs"``).
    ``backend="jax"`` runs the step under ``jax.jit`` (float32 unless ``dtype="float64"``, or, with 64-bit JAX on,
    the Variables' declared dtype), data-parallel over
    ``devices`` (a count or a list of JAX devices): :mod:`symopt.jax_run`.  ``data`` may be out of core or a
    stream of mini-batches (:mod:`symopt.data_sources`); ``cache_dir`` (or ``$SYMOPT_CACHE_DIR``) keeps the
    generated step on disk for later processes (:mod:`symopt.disk_cache`).
    """
    check_backend(backend, devices, method)
    steps, epochs, batch_size, checkpoint_every = map(plain_count, (steps, epochs, batch_size, checkpoint_every))
    if checkpoint is not None or resume_from is not None:  # "~/runs/a.npz" as in a shell
        checkpoint, resume_from = user_path(checkpoint), user_path(resume_from, "resume_from")
    resume_from = resume_or_start(checkpoint, resume_from)
    if callback is not None:
        check_callback(callback)
    cost = scalar_cost(cost)  # checked once per cost (cached)
    initial = _initial_values(wrt, parameters_of(cost, wrt))
    _check_starts(initial)
    parameters = list(initial)
    if method is not None:
        tol = tolerance(tol)  # checked as on the first-order path: SciPy took nan for a tolerance met at the start
        check_switches(parameters, seed, shuffle, trace, progress, checkpoint, checkpoint_every, resume_from)
        refuse_trained_in_data(parameters, data, [s for s in inputs_of(cost) if s not in set(parameters)])
        first_order = dict(optimizer=optimizer, batch_size=batch_size, epochs=epochs, clip_value=clip_value,
                           clip_norm=clip_norm, seed=seed,
                           shuffle=None if isinstance(shuffle, (bool, np.bool_)) and shuffle else shuffle)
        return minimize_with_method(method, cost, initial, data=_with_frozen(cost, parameters, data),
                                    steps=1000 if steps is None else steps, tol=tol, callback=callback,
                                    bounds=bounds, dtype=dtype, trace=trace, progress=progress, options=first_order,
                                    checkpoint=checkpoint, checkpoint_every=checkpoint_every,
                                    resume_from=resume_from, make_result=Result)
    if bounds is not None:
        raise ConfigurationError("bounds= needs method='lbfgs' (L-BFGS-B, which keeps every step inside the box); "
                                 "the first-order optimizers do not project onto bounds, so a run without method= "
                                 "would leave them. Pass method='lbfgs', or drop bounds=")
    optimizer = get_optimizer(optimizer)
    _refuse_tol_beside_a_penalty(optimizer, tol)
    options = dict(steps=steps, epochs=epochs, batch_size=batch_size, tol=tol, clip_value=clip_value,
                   clip_norm=clip_norm, shuffle=shuffle, seed=seed, dtype=dtype)
    switches = dict(trace=trace, progress=progress, checkpoint=checkpoint, checkpoint_every=checkpoint_every,
                    resume_from=resume_from)
    if plannable(cost, parameters, data, backend, callback, switches, cache_dir, devices, batch_size):
        # the key leaves out the starting values (converted per call) and the trainable flags (parameters_of
        # resolves them; a frozen Variable in the cost makes the run not plannable)
        declared = tuple(getattr(p, "dtype", None) for p in parameters)  # an attribute a user may reassign
        key = (backend, cost, type(wrt), tuple(flatten(wrt)), declared, optimizer.key(), typed_options(options))
        arguments = functools.partial(checked_arguments, cost, parameters, data, backend, options, switches)
        if backend == "jax":
            from .jax_run import planned_run
            return planned_run(key, cost, parameters, initial, optimizer, dtype, arguments, make_result=Result)
        setup = SETUP.get_or_build(key, lambda: numpy_setup(cost, parameters, initial, optimizer, arguments(),
                                                            options, cache_dir)[0])
        params = starting_values(setup, initial)
    else:
        arguments = checked_arguments(cost, parameters, data, backend, options, switches)
        if backend == "jax":
            from .jax_run import minimize_jax
            return minimize_jax(cost, parameters, initial, arguments.feed, arguments.data_symbols, optimizer,
                                length=arguments.length, batch_size=batch_size, shuffle=shuffle, seed=seed,
                                dtype=dtype, tol=arguments.tol, clip_value=arguments.clip_value,
                                clip_norm=arguments.clip_norm, devices=devices, make_result=Result,
                                cache_dir=cache_dir, others=dict(callback=callback, **switches))
        setup, params = numpy_setup(cost, parameters, initial, optimizer, arguments, options, cache_dir)
    return _train(cost, initial, params, optimizer, setup, seed, callback, switches, cache_dir)


def _train(cost, initial: dict, params: list, optimizer, setup: RunSetup, seed, callback, switches: dict,
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
    if checkpoint is not None or switches["resume_from"] is not None:
        run.identity = run_identity(cost, parameters, arguments.data_symbols, seed, setup.schedule.shuffled,
                                    arguments.clip_value, arguments.clip_norm)
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
                run.gradient_error(cost, error)
            if domain_error is not None:
                raise domain_error from None
            scope = "full batch" if setup.schedule.batch_size is None or setup.schedule.batches == 1 else \
                "stream" if arguments.stream is not None else "mini-batches"  # whose Hessian the feed gives
            batches = lambda: setup.source.fixed_batches(setup.schedule.shuffled, ADVICE_BATCHES)  # noqa: E731
            explained = explained_divergence(error, cost, optimizer, initial, arguments.feed,
                                             note=run.zero_log_note(cost, error.result), scope=scope, batches=batches)
            if explained is not error:
                raise explained from None
            raise
        except KeyboardInterrupt as interrupt:  # Ctrl-C, a notebook's kernel interrupt: keep the steps completed
            if checkpoint is not None:
                add_note(interrupt, run.interrupted_note())
            raise
        if checkpoint is not None:
            run.save()
        result = run.result(message)
        if run.stopped_by_test and result.success and setup.schedule.batch_size is None and \
                message.startswith("converged"):  # the tol test's stop, not a callback's: is the point a minimum?
            refused = tol_stop_verdict(cost, parameters, initial, result.params, arguments.feed, arguments.tol,
                                       run.step, message)
            if refused is not None:
                return run.result(refused, success=False)
        stalled = stalled_verdict(cost, parameters, initial, result, arguments.feed) \
            if setup.schedule.batch_size is None else None  # probe78 P78-1: an accumulator overflowed
        return result if stalled is None else run.result(stalled, success=False)


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
    try:
        return None if path.resolve() == written.resolve() and not path.exists() else resume_from
    except OSError as error:  # a directory on the way this process cannot search (47f-4)
        raise CheckpointError(f"resume_from {str(resume_from)!r} cannot be looked up: {error.strerror} "
                              f"({error.filename}); make it or a directory above it searchable by this process "
                              "(chmod a+x on the directory), or resume from a readable copy") from error


def _with_frozen(cost, parameters, data):
    """``data`` plus the values of frozen Variables it does not give (by symbol or name)."""
    chosen = set(parameters)
    frozen = frozen_values([s for s in inputs_of(cost) if s not in chosen])
    if not frozen:
        return data
    given = dict(data or {})
    return {**{s: v for s, v in frozen.items() if s not in given and str(s) not in given}, **given}


