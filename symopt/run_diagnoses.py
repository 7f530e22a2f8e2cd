r"""What a training run says once its cost stopped being finite: the data entry that makes it so whatever the
parameters (:func:`symopt.data_faults.data_error`), a subexpression with no real value at the parameters reached
(a :class:`~symopt.errors.DomainError`), or a gradient that is not finite where the cost is.

:class:`Diagnoses` is a mixin of :class:`~symopt.training_run.TrainingRun`: it reads the run's compiled step,
hyperparameters, data, history and :attr:`failure`; nothing here runs per step.
"""

from __future__ import annotations

import copy
import math

import numpy as np

from .data_faults import data_error
from .divergence_advice import KEPT, gradient_fault, gradient_fault_advice
from .domain import PINNED_ADVICE, left_the_domain, numpy_culprit, pinned_culprit, point_words
from .errors import DivergenceError, DomainError
from .float_errors import ignoring_float_errors
from .fused import compile_step
from .overflow_diagnoses import float32_range_error, squared_gradient_overflow
from .symbols import is_batched
from .zero_log_products import zero_log_note

__all__ = ["Diagnoses", "gradient_fault_error"]


class Diagnoses:
    """The after-divergence diagnoses of a :class:`~symopt.training_run.TrainingRun` (see the module)."""

    def data_error(self, cost, result) -> DivergenceError | DomainError | None:
        """After a divergence: the error naming the data entry that makes the cost non-finite whatever the parameters
        (:func:`symopt.data_faults.data_error`: log(x) at an observation x <= 0), else ``None``.  The data of the
        step that diverged is searched; an entry of a mini-batch of arrays (in memory or out of core, shuffled or
        not) is named by its row in the user's data (:meth:`rows_in_the_data`); a stream's, by its row in that batch."""
        if self.failure is None:
            return None
        batch = dict(zip(self.data_symbols, self.failure[2]))
        step = self.step + self.failure[1]
        reached = f"at step {step}" if step else "at the starting point"
        if self.schedule.batch_size is None:
            return data_error(cost, batch, self.history[-1], reached, result)
        if self.source.stream is not None:
            reached += (f" (mini-batch {self.batch + 1} of epoch {self.epoch + 1} of the stream; its rows are "
                        "numbered in that batch)")
            return data_error(cost, batch, self.history[-1], reached, result)
        rows = self.rows_in_the_data()
        return data_error(cost, batch, self.history[-1], reached, result,
                          {symbol: rows for symbol in self.data_symbols if is_batched(symbol)})

    def rows_in_the_data(self) -> np.ndarray:
        """The rows of the user's arrays that mini-batch :attr:`batch` of epoch :attr:`epoch` holds, in its order:
        that epoch's order drawn again from :attr:`rng_state` (the shuffling generator's state before the epoch's
        permutation) by :meth:`~symopt.data_sources.DataSource.order`, as its ``epoch`` draws it."""
        size, examples = self.schedule.batch_size, self.source.examples
        rng = None
        if self.rng is not None:
            rng = copy.deepcopy(self.rng)
            rng.bit_generator.state = self.rng_state
        order = self.source.order(rng)
        if self.source.out_of_core:
            block = int(order[self.batch])
            return np.arange(block * size, min(block * size + size, examples))
        return order[self.batch * size:(self.batch + 1) * size]

    def domain_error(self, cost, result) -> DomainError | None:
        """After a divergence: a :class:`DomainError` if the cost became NaN at finite parameters where a
        subexpression of ``cost`` has no real value (:func:`symopt.domain.left_the_domain`), else ``None``;
        ``result`` (the divergence's partial result) becomes its ``result``.
        Replays at most the steps of one call of the generated loop to reach that point."""
        if self.failure is None or not math.isnan(self.history[-1]):  # (a callback may raise DivergenceError)
            return None
        state, batch, offset = self._failure_point()
        point = self._user_params(state[:len(self.parameters)])
        return left_the_domain(cost, self.compiled.step, point, dict(zip(self.data_symbols, batch)),
                               [*state, *self.hyper, *batch], number=self.step + offset, history=self.history,
                               lr=self.optimizer.hyperparameters.get("lr"), result=result)

    def zero_log_note(self, cost, result) -> str | None:
        """After a NaN divergence: the sentence naming a 0*log(0) the cost met after a descent step
        (:func:`symopt.zero_log_products.zero_log_note`), else ``None``.  Full-batch runs only, where a batch of
        every example (in memory) is one, read on the data in the user's order (final46e 46e-8): a smaller
        mini-batch's cost is not comparable with the last finite cost, another batch's."""
        if self.failure is None or not math.isnan(self.history[-1]):
            return None
        state, batch, _ = self._failure_point()
        if self.schedule.batch_size is not None:
            if self.source.stream is not None or self.source.out_of_core or \
                    self.schedule.batch_size < self.source.examples:
                return None
            batch = self.source.values
        values = {**self._user_params(state[:len(self.parameters)]), **dict(zip(self.data_symbols, batch))}
        return zero_log_note(cost, values, self.compiled.dtype, self.history)

    def gradient_error(self, cost, error: DivergenceError) -> DivergenceError | None:
        """After a divergence: a :class:`DivergenceError` saying so when the gradient is not finite (and the cost is)
        at the parameters of the lowest cost seen, such as ``sqrt`` of a sum of squares at 0: the first update
        leaves the real numbers whatever the learning rate, so the advice to lower it would be wrong; also a finite
        gradient whose square overflows the optimizer's slot, and a float32 cost never finite that float64 computes
        (:mod:`symopt.overflow_diagnoses`); else ``None``."""
        if self.failure is None or self.diverged_from is None:
            return None
        params, batch = self.diverged_from, self.failure[2]
        compiled, hyper = self.compiled, self.hyper
        if compiled.dtype == "float32" and not np.isfinite(self.history).any():  # float32's range? float64 says
            compiled = compile_step(cost, self.parameters, self.optimizer, self.data_symbols, dtype="float64",
                                    module="numpy")
            params, batch, hyper = [np.asarray(v, dtype=np.float64) for v in params], \
                [np.asarray(v, dtype=np.float64) for v in batch], compiled.hyper_arguments()
        slots, shared = compiled.initial_slots(params)
        state = [*params, *slots, *shared]
        step = compiled.step if self.numpy_version is None else self.numpy_version().step
        if self.numpy_version is not None:
            state, batch = [np.float64(v) for v in state], [np.float64(v) for v in batch]
        at = self._user_params(params)
        return gradient_fault_error(step, [*state, *hyper, *batch], self.names, point_words(at), error.result,
                                    pinned=pinned_culprit(cost, at), optimizer=self.optimizer,
                                    dtype=self.compiled.dtype)


def gradient_fault_error(step, arguments: list, names: list, point: str, result, where: str = "",
                         pinned: str | None = None, optimizer=None, dtype: str | None = None) -> DivergenceError | None:
    """The :class:`DivergenceError` of a run whose generated NumPy ``step`` (cost, ..., gradients), called on
    ``arguments`` (the point ``point`` with the diverged step's data), gives a finite cost and a gradient that is not
    finite; else ``None``.  ``names``: the parameters' names in the step; ``where``: ``" on the JAX backend"``;
    ``result``: the divergence's partial result (its ``steps``: the step that diverged); ``pinned``:
    :func:`~symopt.domain.pinned_culprit` at the point, which the message names instead of a generated line.
    With the run's ``optimizer`` and ``dtype``, also a float32 run whose cost is not finite at the start and is
    in float64 (``step`` is then float64's: :func:`~symopt.overflow_diagnoses.float32_range_error`), and finite
    gradients whose square overflows ``dtype`` (:func:`~symopt.overflow_diagnoses.squared_gradient_overflow`)."""
    with ignoring_float_errors():  # the NumPy warnings of a point already diagnosed
        value, *_, gradients = step(*arguments)
    history = result.history
    if dtype == "float32" and np.isfinite(value) and not np.isfinite(history).any():
        return float32_range_error(history[-1], value, point, result, where)
    if not np.isfinite(value):
        return None
    if all(np.all(np.isfinite(g)) for g in gradients):
        return None if optimizer is None else squared_gradient_overflow(
            result.steps, history, gradients, names, point, optimizer, dtype, result, where)
    faulty = [f"dJ/d{name}" for name, g in zip(names, gradients) if not np.all(np.isfinite(g))]
    culprit = None if pinned else numpy_culprit(step, arguments, ("invalid value", "divide by zero"))
    return DivergenceError(
        f"training diverged at step {result.steps}{where}: {gradient_fault(point, value, faulty, culprit, pinned)}. "
        f"The learning rate is not the cause: {PINNED_ADVICE if pinned else gradient_fault_advice(culprit)}. {KEPT}",
        result)
