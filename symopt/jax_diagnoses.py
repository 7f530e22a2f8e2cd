r"""What went wrong in a JAX run that diverged: the data, a subexpression's domain, the gradient, or XLA's rewriting of
a cost that is NaN on NumPy into a finite one (``log(exp(z))`` as ``z``).

After a :class:`~symopt.errors.DivergenceError` the run is replayed (it is deterministic) to the step that failed and
the NumPy backend's diagnoses look at that point, so both backends name the same culprit in the same words.
"""

from __future__ import annotations

import math

import numpy as np

from .codegen import python_names
from .data_faults import data_error
from .domain import left_the_domain, pinned_culprit, point_words
from .errors import DivergenceError, DomainError
from .float_errors import ignoring_float_errors
from .fused import compile_step
from .run_diagnoses import gradient_fault_error
from .symbols import declared_value, is_batched
from .zero_log_products import zero_log_note

__all__ = ["JaxDiagnoses"]


class JaxDiagnoses:
    """Diagnoses of a diverged :class:`~symopt.jax_run` run; ``failure`` is ``(step, replay)`` once it diverged,
    ``diverged_from`` the parameters of the lowest cost before it, ``rows_of`` a mini-batch step's rows (or ``None``),
    ``divergence(history, replay)`` the error of a run whose costs were ``history``.
    """

    def _failing_batch(self, step: int, values: list) -> tuple:
        """``(rows, values)`` of step ``step``: for mini-batches the rows it read and the data at them; else
        ``(None, values)``."""
        if self.rows_of is None:
            return None, values
        rows = self.rows_of(step)
        return rows, [v if axis is None else np.take(v, rows, axis=axis) for v, axis in zip(values, self.axes)]

    def data_error(self, cost, data_symbols: list, values: list, result) -> DivergenceError | DomainError | None:
        """After a divergence: the error naming the data entry that makes the cost non-finite whatever the parameters
        (:func:`symopt.data_faults.data_error`: log(x) at an observation x <= 0), as the NumPy backend names it (a
        mini-batch's entry by its row in the user's data), else ``None``; ``values`` are the data on the host."""
        if self.failure is None or not len(result.history):
            return None
        step = self.failure[0]
        rows, values = self._failing_batch(step, values)
        named = None if rows is None else {symbol: rows for symbol in data_symbols if is_batched(symbol)}
        reached = f"at step {step}" if step else "at the starting point"
        return data_error(cost, dict(zip(data_symbols, values)), result.history[-1], reached, result, named)

    def domain_error(self, cost, data_symbols: list, values: list, result) -> DomainError | None:
        """After a divergence: a :class:`DomainError` when the cost became NaN at finite parameters where a
        subexpression of ``cost`` has no real value (:func:`symopt.domain.left_the_domain`, which reruns the NumPy
        step at that point), else ``None``.  The run is replayed to the failing step (it is deterministic);
        ``values`` are the data on the host."""
        if self.failure is None or not len(result.history) or not math.isnan(result.history[-1]):
            return None
        step = self.failure[0]
        numpy_step, arguments, params, values = self._numpy_step_at(step, cost, data_symbols, values)
        point = {p: np.asarray(v) for p, v in zip(self.compiled.parameters, params)}
        return left_the_domain(cost, numpy_step.step, point, dict(zip(data_symbols, values)), arguments,
                               number=step, history=result.history,
                               lr=self.compiled.optimizer.hyperparameters.get("lr"), result=result)

    def zero_log_note(self, cost, data_symbols: list, values: list, result) -> str | None:
        """After a NaN divergence of a full-batch run (a batch of every example is one): the sentence naming a
        0*log(0) the cost met after a descent step, as on the NumPy backend
        (:func:`symopt.zero_log_products.zero_log_note`), else ``None``."""
        if self.failure is None or not len(result.history) or not math.isnan(result.history[-1]):
            return None
        step = self.failure[0]
        rows = None if self.rows_of is None else self.rows_of(step)
        if rows is not None and any(axis is not None and len(rows) < np.shape(value)[axis]
                                    for value, axis in zip(values, self.axes)):
            return None  # a mini-batch: its cost is not comparable with the last finite cost, another batch's
        params = self.placement.fetch(self.failure[1](step)[0])
        point = {p: declared_value(p, np.asarray(v)) for p, v in zip(self.compiled.parameters, params)}
        return zero_log_note(cost, {**point, **dict(zip(data_symbols, values))}, self.compiled.dtype, result.history)

    def _numpy_step_at(self, step: int, cost, data_symbols: list, values: list) -> tuple:
        """``(numpy_step, arguments, params, batch)``: the run replayed to step ``step``, the NumPy backend's step
        (:func:`~symopt.fused.compile_step` in the run's dtype) and its arguments there, on that step's data."""
        params, slots, shared, *_ = self.failure[1](step)
        params, slots, shared = self.placement.fetch((params, slots, shared))
        _, batch = self._failing_batch(step, values)
        compiled = self.compiled
        numpy_step = compile_step(cost, compiled.parameters, compiled.optimizer, data_symbols, dtype=compiled.dtype)
        return numpy_step, [*params, *slots, *shared, *numpy_step.hyper_arguments(), *batch], params, batch

    def simplified_by_xla(self, cost, data_symbols: list, values: list, result) -> DivergenceError | None:
        """After a divergence at step k >= 1: where the NumPy backend's cost is not finite (NaN, or an overflow to
        ±inf: final41b F41b-3) at step k - 1, whose JAX cost was finite, the error of a run diverged there (as the
        NumPy backend's), saying why: XLA's simplifier
        rewrote a part of the cost whose terms overflow (``log(exp(z))`` as ``z``, ``exp(z)*exp(-z)`` as 1), and the
        step from that point was NaN (probe54 P54-8); else ``None``.  ``values`` are the data on the host."""
        if self.failure is None or self.failure[0] == 0 or not math.isnan(result.history[-1]):
            return None  # a NaN step follows a NaN gradient; an overflow to inf is no rewrite's
        last = self.failure[0] - 1
        numpy_step, arguments, _, _ = self._numpy_step_at(last, cost, data_symbols, values)
        with ignoring_float_errors():
            numpy_cost = float(numpy_step.step(*arguments)[0])
        if math.isfinite(numpy_cost):
            return None
        error = self.divergence(np.append(result.history[:last], numpy_cost), self.failure[1])
        error.args = (f"{error} On the NumPy backend the cost at step {last} is {numpy_cost}, where XLA computed "
                      f"{result.history[last]:.6g}: its simplifier rewrites a part of the cost whose terms overflow "
                      "(log(exp(z)) as z, exp(z)*exp(-z) as 1), and the step from there was NaN. Write that part as "
                      "its simplified form (z for log(exp(z))), or keep its terms from overflowing.",) + error.args[1:]
        return error

    def gradient_error(self, cost, data_symbols: list, values: list, result) -> DivergenceError | None:
        """After a divergence: the NumPy backend's :class:`DivergenceError` when the gradient is not finite (and the
        cost is) at the parameters of the lowest cost seen (``sqrt`` at 0: no learning rate helps), computed by the
        NumPy step on the diverged step's data; else ``None``.  ``values`` are the data on the host."""
        if self.failure is None or self.diverged_from is None:
            return None
        params = [np.asarray(v, dtype=np.float64) for v in self.placement.fetch(list(self.diverged_from))]
        _, batch = self._failing_batch(self.failure[0], values)
        compiled = self.compiled
        numpy_step = compile_step(cost, compiled.parameters, compiled.optimizer, data_symbols, dtype="float64",
                                  module="numpy")
        slots, shared = numpy_step.initial_slots(params)
        arguments = [*params, *slots, *shared, *numpy_step.hyper_arguments(),
                     *(np.asarray(v, dtype=np.float64) for v in batch)]
        point = point_words(self.user_params(params))
        names = [python_names(compiled.parameters)[p] for p in compiled.parameters]
        return gradient_fault_error(numpy_step.step, arguments, names, point, result, " on the JAX backend",
                                    pinned_culprit(cost, self.user_params(params)), compiled.optimizer,
                                    compiled.dtype)
