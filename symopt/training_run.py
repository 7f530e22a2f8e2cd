r"""One training run's mutable state and the loops that advance it (:class:`TrainingRun`); its outcome is a
:class:`~symopt.result.Result`.

Full-batch runs loop inside generated code (a few Python calls: :data:`FIRST_CALL` steps, then as
many as were taken so far, cut at checkpoint intervals); mini-batch runs, and runs with a callback,
a trace or a progress bar, call the fused step once per step.  The state's names (parameters, slots,
shared slots) are those of the compiled step's :class:`~symopt.program.Update`.
"""

from __future__ import annotations

import copy
import math
from array import array

import numpy as np

from .compiler import scalar_of
from .data_sources import DataSource
from .divergence_advice import divergence_message
from .errors import DivergenceError, FeedError, ShapeError
from .fused import CompiledStep
from .layouts import in_layout
from .optimizers import STEP_SLOT
from .progress import progress_bar
from .run_arguments import stop_asked
from .run_callback import stored_params
from .run_checkpoints import Checkpoints
from .run_diagnoses import Diagnoses
from .run_replay import NEVER, Replays, all_finite, tol_met
from .resume import Schedule
from .schedule_base import Schedule as LearningRateSchedule
from .symbols import declared_value
from .result import Result, counted, run_verdict, tested_on_a_batch
from .trace import Trace

__all__ = ["TrainingRun", "FIRST_CALL"]

_ZERO = array("d", [0.0])
#: Steps of the first call of the generated full-batch loop; later calls run as many steps as were taken.
FIRST_CALL = 1024


class TrainingRun(Replays, Diagnoses, Checkpoints):
    """The mutable state of one training run and the loops that advance it.

    Position: ``step`` (updates applied), ``epoch`` (mini-batch epochs finished), ``batch`` (mini-batches
    of the current epoch done) and ``rng_state``, the shuffling generator's state before the current
    epoch's permutation was drawn: together they let a resumed run continue exactly where this one stopped.
    """

    def __init__(self, compiled: CompiledStep, parameters: list, source: DataSource, params: list, checkpoint,
                 every, schedule: Schedule, rng, numpy_version=None):
        self.compiled, self.parameters, self.source, self.values = compiled, parameters, source, source.values
        #: ``() -> CompiledStep``, the NumPy version of a ``math`` program: it takes a step where Python raised
        self.numpy_version = numpy_version
        self.data_symbols, self.optimizer = compiled.data, compiled.optimizer
        self.checkpoint, self.every = checkpoint, every
        self.schedule, self.rng = schedule, rng
        slots, shared = compiled.initial_slots(params)  # in the step's layouts (a column-major weight's: too)
        self.params, self.slots, self.shared = list(params), list(slots), list(shared)
        self.hyper = compiled.hyper_arguments()
        self.history = array("d")  # 8 bytes a step: the only thing that grows with the run
        self.step = self.epoch = self.batch = 0
        self.rng_state = rng.bit_generator.state if rng is not None else None
        self.final_cost = None  # the cost at the final parameters, when the run computed it (convergence)
        self.best = (np.inf, self.params)  # (lowest cost seen, the parameters it was computed at)
        self._start = None  # (step, state, position): where a deterministic run replays from (_replayed_best)
        self.in_place = False  # the state is the run's own and guarded_advance updates it in place
        self.trace = None
        self.progress = None
        self.failure = None  # (state, steps from it, data) of the step whose cost was not finite
        self.diverged_from = None  # the parameters of the lowest cost seen, once the run diverged
        self.tol = None  # the loop's gradient tolerance
        self.counts_batches = schedule.batch_size is not None  # a step also moves the position in the epoch
        self.stopped_by_test = False  # every |g| <= tol held, or the callback asked to stop
        update = compiled.update  # the state's names, as the generated step's arguments
        self.names, self.slot_names, self.shared_names = list(update.parameters), list(update.slots), list(update.shared)

    def flat(self) -> list:
        return self.params + self.slots + self.shared

    def _commit(self, params, slots, shared, steps: int) -> None:
        """Take the state after ``steps`` more steps, in one assignment with the step count (and, in a mini-batch
        run, the batch position): a KeyboardInterrupt lands before it or after it, so the run's state always
        belongs to its ``step`` (what :meth:`~symopt.run_checkpoints.Checkpoints.save_interrupted` writes)."""
        self.params, self.slots, self.shared, self.step, self.batch = \
            list(params), list(slots), list(shared), self.step + steps, self.batch + steps * self.counts_batches

    # -- loops
    def loop(self, tol, callback, generated: bool, progress) -> str:
        """Run to the end of the schedule: in the generated ``train`` loop (full batch, nothing to report per
        step), else one fused step per Python call; return the stopping message."""
        self.progress = progress_bar(self.schedule.total_steps, False if generated else progress)
        self.tol = tol
        with self.progress:  # minimize ignores NumPy's floating-point errors: a non-finite cost is reported
            if generated:
                self._start = (self.step, self.flat(), None)
                message = self.full_batch(tol)
            else:
                if callback is None and self.trace is None and self.checkpoint is None and \
                        self.compiled.guarded_advance is not None:  # in place: an interrupt may split a step
                    self._own_state()
                else:  # functional steps: each makes new arrays, in the layouts of the ones it is given
                    self.params = self.compiled.arranged(self.params)
                if self.schedule.batch_size is not None:
                    return self.mini_batches(tol, callback)
                message = self.full_batch_steps(tol, callback)
        self._check_final_cost()
        return message

    def _check_final_cost(self) -> None:
        """A full-batch run's cost at the parameters it returns (``result.value``), computed here; where the last
        step left it NaN or infinite, that is the run's divergence, diagnosed as one more step's would be (it
        returned value nan with success=True: review11 R11-11)."""
        if self.final_cost is not None or not len(self.history):
            return
        self.final_cost = final = self._cost_on(self.values)
        if not math.isfinite(final):
            self.history.append(float(final))
            self.failure = (self.flat(), 0, self.values)
            self._diverged(self.step)
        if not all_finite(self.flat()[:len(self.params)]):  # a cost finite at NaN
            # parameters (a Piecewise whose conditions all fail there takes its default): the divergence is
            # where they became NaN (probe73 P73-1: w = nan, cost 1, success=True)
            step = self._first_nonfinite_step()
            del self.history[step:]
            self.history.append(float("nan"))
            self.failure = (self.flat(), 0, self.values)
            self._diverged(step)

    def _cost_on(self, values: list) -> float:
        """The cost at the run's parameters on the data ``values``."""
        cost, *_ = self._stepped(self.flat(), values)
        if self.numpy_version is not None and not math.isfinite(cost):  # the math program raised
            cost, _, _ = self._numpy_step(self.flat(), values)
        return cost

    def full_batch(self, tol) -> str:
        """Run the generated ``train`` loop to ``length`` steps in all: in calls of at most ``every`` steps
        (ending at its multiples) and of at most :data:`FIRST_CALL` steps or the steps taken so far, so a
        divergence (found by one scan of each call's costs) wastes at most that many steps."""
        steps = self.schedule.length
        while self.step < steps:
            chunk = min(steps - self.step, max(FIRST_CALL, self.step - self._start[0]))
            if self.checkpoint is not None:  # an interrupt loses at most the call under way
                chunk = min(chunk, FIRST_CALL)
            if self.every is not None:
                chunk = min(chunk, self.every - self.step % self.every)
            start = len(self.history)
            self.history.extend(_ZERO * chunk)  # the generated loop writes its costs here, in place
            try:
                with memoryview(self.history)[start:] as costs:
                    done, state = self._train(chunk, costs, tol, self.flat(), self.values)
                    finite = np.isfinite(np.frombuffer(costs, count=min(done + 1, chunk)))
            except BaseException:
                del self.history[start:]
                raise
            if not finite.all():
                first = int(np.argmin(finite))
                del self.history[start + first + 1:]
                self.failure = (self.flat(), first, self.values)
                self._diverged(self.step + first)
            if done < chunk:
                self.final_cost = self.history[start + done]
                del self.history[start + done:]
            self._commit(*self._grouped(state), done)
            if done < chunk:
                return self._converged(tol)
            if self.every is not None and self.step % self.every == 0:
                self.save()
        return f"stopped after {counted(self.step, 'step')}"

    def full_batch_steps(self, tol, callback) -> str:
        """One fused step per Python call (for a callback, a trace or a progress bar)."""
        while self.step < self.schedule.length:
            if self._advance(self.values, tol):
                return self._converged(tol)
            if self.every is not None and self.step % self.every == 0:
                self.save()
            if self._stop_requested(callback):
                return "stopped by callback"
        return f"stopped after {counted(self.step, 'step')}"

    def mini_batches(self, tol, callback) -> str:
        """``epochs`` passes over shuffled mini-batches, continuing mid-epoch after a resume.  A batch the data source
        refuses mid-run (NaN in a file's rows, a stream's malformed batch: a FeedError, or a ShapeError for a batch of
        the wrong shape) holds the run so far in ``error.result``, with the checkpoint written first where one is
        asked for; so does an exception the stream or an out-of-core file itself raised (:meth:`keep_run_in`)."""
        try:
            return self._mini_batches(tol, callback)
        except (FeedError, ShapeError) as error:
            if getattr(error, "result", None) is None and self.step:
                self.keep_refused_run(error)
            raise
        except Exception as error:  # the stream's or the file's own (P97-4, 48g-3), or any other: raised unchanged
            if error is self.source.read_failure() and self.step:
                self.keep_run_in(error)
            raise

    def _mini_batches(self, tol, callback) -> str:
        limit = getattr(self.schedule, "step_limit", None)  # a stream's steps=: at most that many in all
        while self.epoch < self.schedule.length:
            read = 0
            if (limited := self._past_limit(limit)) is not None:
                return limited
            for batch, last in self.source.epoch(self.epoch, self.rng, skip=self.batch):
                read += 1
                if self._advance(batch, tol):
                    return self._converged(tol)
                if last:
                    self._end_epoch()
                if self._stop_requested(callback):
                    return "stopped by callback"
                if (limited := self._past_limit(limit)) is not None:
                    return limited
            if self.source.stream is not None and (read or self.batch):  # a stream's epoch ends when it runs out
                self._end_epoch()
            elif not read:  # a stream's later epoch gave nothing: the loop would wait for ever
                error = FeedError(
                    f"epoch {self.epoch + 1} of {self.schedule.length} gave no mini-batch: the data stream ran out. A "
                    "function given as data must return a fresh iterable at each call (a generator made once is "
                    "empty after the first epoch); or pass epochs=1. error.result holds the run so far.")
                error.result = self.result(f"stopped after {counted(self.step, 'step')}: epoch {self.epoch + 1} gave no data",
                                           success=False)
                raise error
        return f"stopped after {counted(self.step, 'step')} ({counted(self.epoch, 'epoch')})"

    def _past_limit(self, limit: int | None) -> str | None:
        """Why the run stops once a stream's ``steps=`` bound is reached, else None."""
        if limit is None or self.step < limit:
            return None
        return f"stopped after {counted(self.step, 'step')} (steps={limit})"

    def _end_epoch(self) -> None:
        """Count the epoch done (the next starts at its first batch) and save where every ``every`` epochs asks."""
        self.epoch, self.batch, self.rng_state = self.epoch + 1, 0, (
            self.rng.bit_generator.state if self.rng is not None else None)
        if self.every is not None and self.epoch % self.every == 0:
            self.save()

    def _own_state(self) -> None:
        """Make the array parameters the run's own copies (the caller's arrays stay as given), to be updated in
        place by ``guarded_advance``: no new arrays per step.  Arrays or a full batch: the run is deterministic, so
        a divergence replays it from here to the step of lowest cost (:meth:`_replayed_best`) and the steps copy
        nothing; a stream of batches (read once) keeps the parameters of each new lowest cost in buffers of their
        own (:meth:`_keep_best`).  Runs with a callback or a trace step functionally: they hand out the parameters
        of every step.  The copies are made in the step's layouts (:meth:`~symopt.fused.CompiledStep.orders`)."""
        def own(values):
            return [v.copy(order="K") if isinstance(v, np.ndarray) else v for v in values]  # layouts kept
        self.params = [np.array(v, order=order) if isinstance(v, np.ndarray) else v
                       for v, order in zip(self.params, self.compiled.orders())]
        if self.source.stream is None:  # at step 0 the slots are their initial values: rebuilt, not copied
            kept = own(self.params if self.step == 0 else self.flat())
            self._start = (self.step, kept, (self.epoch, self.batch, copy.deepcopy(self.rng)))
        else:
            self.best = (np.inf, own(self.params))
        self.in_place = True

    def _keep_best(self, cost, *params) -> None:
        """``guarded_advance``'s ``keep``: copy the parameters of a new lowest cost (before its update) into the
        buffers of :attr:`best`."""
        kept = self.best[1]
        for index, value in enumerate(params):
            if isinstance(value, np.ndarray):
                np.copyto(kept[index], value)
            else:
                kept[index] = value
        self.best = (float(cost), kept)

    def _advance(self, batch: list, tol) -> bool:
        """Evaluate one fused step on ``batch``; apply it, or return True when every :math:`|g| \\le` tol."""
        if self.in_place:
            value, *packed, gradients = self.compiled.guarded_advance(
                NEVER if tol is None else tol, -math.inf if self._start else self.best[0], self._keep_best,
                *self.flat(), *self.hyper, *batch)
        else:
            value, *packed, gradients = self._stepped(self.flat(), batch)
        taken_by_numpy = self.numpy_version is not None and not math.isfinite(value)  # the math program raised
        if taken_by_numpy:
            value, state, gradients = self._numpy_step(self.flat(), batch)
            packed = self._grouped(state)
        cost = float(value)
        if not math.isfinite(cost):
            self.history.append(cost)
            if self.trace is not None:  # the row of the step that diverged ends error.result.trace
                self._record(cost, gradients)
            self.failure = (self.flat(), 0, batch)
            self._diverged(self.step)
        if self.in_place and not taken_by_numpy:
            converged = packed[0] is None  # guarded_advance refused the update: every |g| <= tol
        else:
            converged = tol_met(tol, gradients)
        if converged:
            self.final_cost = cost
            return True
        self.history.append(cost)
        if not self.in_place and cost < self.best[0]:
            self.best = (cost, self.params)
        if self.trace is not None:
            self._record(cost, gradients)
        self._commit(*packed, 1)
        self.progress.update(self.step, cost)
        return False

    def _stop_requested(self, callback) -> bool:
        """Call the callback (after a step); a value it stored into ``params`` becomes the parameter's (P45-3)."""
        if callback is None:
            return False
        given = self._user_params(self.params)
        handed = dict(given)
        stop = stop_asked(callback(self.step, self.history[-1], given))
        self.params = stored_params(self.parameters, handed, given, self.params)
        self.stopped_by_test = self.stopped_by_test or stop
        return stop

    def _converged(self, tol) -> str:
        self.stopped_by_test = True
        if self.schedule.batches == 1:  # a full batch, or one mini-batch of every example: the whole data's test
            return f"converged: every |gradient| <= {tol} after {counted(self.step, 'step')}"
        return tested_on_a_batch(tol, self.step, self.epoch, self.batch)

    # -- trace
    def start_trace(self) -> None:
        columns = ["step", "cost"]
        clipped = self.compiled.update is not None and self.compiled.update.clipping  # the step's gradients are
        for name in self.names:  # clipped ones: not dJ/dw (probe36 P36-11)
            columns += [name, f"clip(dJ/d{name})" if clipped else f"dJ/d{name}"]
        self.trace = Trace(columns + self.slot_names + self.shared_names + list(self.optimizer.traced_names),
                           parameters=dict(zip(self.parameters, self.names)))

    def _record(self, value: float, gradients) -> None:
        """Row for the step about to be applied: parameters and slots before it, its cost and gradient."""
        row = [self.step, value]
        for parameter, gradient in zip(self.params, gradients):
            row += [parameter, gradient]
        row += self.slots + self.shared
        if self.optimizer.traced_names:
            shared = dict(zip(self.shared_names, self.shared))
            lr = self.optimizer.hyperparameters.get("lr")
            lr = float(lr(shared[STEP_SLOT]) if isinstance(lr, LearningRateSchedule)
                       else self.compiled.hyper.get("lr", math.nan))  # a schedule's rate at this step
            row += self.optimizer.traced_values(lr, shared)
        self.trace.record(row)

    # -- divergence
    def _diverged(self, step: int) -> None:
        history = np.asarray(self.history, dtype=float)
        best_value, best_params = self._replayed_best(history) if self._start else self.best
        self.diverged_from = list(best_params)  # where gradient_error looks for a gradient that is not finite
        partial = Result(self._result_params(best_params), best_value, history, step, f"diverged at step {step}",
                         success=False, trace=self.trace)
        hyper = self.optimizer.hyperparameters
        raise DivergenceError(divergence_message(step, history, hyper.get("lr"), momentum=hyper.get("momentum", 0.0)),
                              partial)

    # -- result
    def _user_params(self, params) -> dict:
        """``{parameter: value}`` in the declared shapes: the run's own arrays (a callback's view of them)."""
        return {p: declared_value(p, v) for p, v in zip(self.parameters, params)}

    def _result_params(self, params) -> dict:
        """As :meth:`_user_params`, each array row-major (C order) as NumPy makes arrays: a weight the run kept
        column-major (:mod:`symopt.layouts`) is copied once, so ``result[W]`` reads as a buffer in row order."""
        return {p: scalar_of(in_layout(v, "C")) for p, v in self._user_params(params).items()}  # Ftrl's 0-d: a scalar

    def _user_slots(self) -> dict:
        """``{slot name: value}``, each parameter's slots in its declared shape (a rank-1 parameter's Adam ``m_th``
        is (n,) like ``result[th]``, not the (n, 1) column the step computes with)."""
        return {name: in_layout(declared_value(self.parameters[owner], value), "C")  # Adam's m_W in W's shape
                for name, value, owner in zip(self.slot_names, self.slots, self.compiled.slot_owners)}

    def _first_batch_cost(self):
        """``() -> float``, the cost of the run's first batch at its parameters (rows 0..B-1 in file order, a stream's
        first batch), for a mini-batch run over batches in a fixed order (:func:`~symopt.result.run_verdict` compares
        it with ``history[0]``, P97-1: NaN where the batch cannot be read again, which keeps the costs' verdict); None
        where each step reads all rows or random ones."""
        if self.source.stream is None and (self.schedule.batch_size is None or self.schedule.shuffled or
                                           self.schedule.batches == 1):
            return None
        return lambda: math.nan if (batch := self.source.first_batch()) is None else self._cost_on(batch)

    def result(self, message: str, success: bool | None = None) -> Result:
        """``value``: the cost at the returned parameters when it costs no pass over the data beyond one step
        (a full batch, or a run ``tol`` stopped); for a mini-batch run, the last step's (mini-batch) cost.
        ``success`` (default :func:`~symopt.result.run_verdict`): False for a run cut short by an error."""
        history = np.asarray(self.history, dtype=float)
        value = float("nan")
        if self.final_cost is not None:  # a full batch's (_check_final_cost), or the batch tol stopped at
            value = float(self.final_cost)
        elif len(history) and self.schedule.batch_size is not None:
            value = float(history[-1])
        slots = self._user_slots()
        slots.update(zip(self.shared_names, self.shared))
        if success is None:  # to the returned point's cost: a cost grown by orders without overflow (P64-9)
            costs = np.append(history, value) if np.isfinite(value) else history
            message, success = run_verdict(self.tol, self.stopped_by_test, message, costs, self._first_batch_cost())
        return Result(self._result_params(self.params), value, history, self.step, message, success, slots, self.trace,
                      batched=self.schedule.batch_size is not None)
