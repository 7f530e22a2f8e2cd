r"""How a training run is run again: the generated ``math`` loop with the NumPy program taking each step where
Python's float arithmetic raised, and deterministic replays to a given step (the parameters of the lowest cost, or
the state where a cost stopped being finite), so the steps themselves copy nothing.

:class:`Replays` is a mixin of :class:`~symopt.training_run.TrainingRun`: it reads the run's compiled step,
hyperparameters, data source, schedule, and :attr:`_start` / :attr:`failure`.
"""

from __future__ import annotations

import copy
import math
from array import array

import numpy as np

from .emit import scalar_type as backend_scalar_type

__all__ = ["Replays", "NEVER", "all_finite", "tol_met"]

#: ``tol`` for a loop that never stops early.
NEVER = -1.0


class Replays:
    """The replays of a :class:`~symopt.training_run.TrainingRun` (see the module)."""

    def _grouped(self, state: list) -> tuple[list, list, list]:
        """A flat state as ``(params, slots, shared)``."""
        params, slots = len(self.params), len(self.params) + len(self.slots)
        return state[:params], state[params:slots], state[slots:]

    def _train(self, count: int, costs: memoryview, tol, state: list, values: list) -> tuple[int, list]:
        """``compiled.train`` for ``count`` steps from ``state``, the costs written into ``costs``: ``(steps taken,
        state)``.  The generated ``math`` loop stops at a step where Python's float arithmetic raised
        (``OverflowError``, ``ZeroDivisionError``, ``ValueError``); the NumPy version of the program takes that
        step (``inf`` or ``nan`` as NumPy computes them) and the loop goes on after it unless its cost is not finite.
        Where the optimizer's update raised (the loop cannot say at which step), the steps are taken again one call
        each from the state given, so the step that raised is found and NumPy's takes it (probe36 P36-2, P36-8)."""
        done, one_by_one = 0, False
        while True:
            with costs[done:] as rest:
                try:
                    taken, *packed = self.compiled.train(1 if one_by_one else count - done, rest, tol, *state,
                                                         *self.hyper, *values)
                except (ZeroDivisionError, ValueError):  # the update raised (Adam's 1/(1 - beta1^t) at 0, sqrt of < 0)
                    if self.numpy_version is None:
                        raise
                    taken, packed = None, ()
            if taken is None and not one_by_one:  # the state given is unchanged (Python floats): again step by step
                one_by_one = True
                continue
            if taken is not None:
                state, done = [value for group in packed for value in group], done + taken
                if one_by_one and taken == 1 and done < count:
                    continue
                if done == count or math.isfinite(costs[done]) or self.numpy_version is None:
                    return done, state  # all taken, tol met, or a divergence of NumPy's own arithmetic
            costs[done], after, gradients = self._numpy_step(state, values)  # NumPy's inf or NaN where Python raised
            if not math.isfinite(costs[done]) or tol_met(tol, gradients):
                return done, state
            state, done, one_by_one = after, done + 1, False

    def _numpy_step(self, state: list, values: list) -> tuple[float, list, list]:
        """``(cost, state after, gradients)`` of one step of the NumPy version of the program from ``state`` (for a
        step where the ``math`` program raised), the state back in the run's scalar types."""
        step = self.numpy_version()
        convert = backend_scalar_type(step.module, step.dtype)

        def as_numpy(values):
            return [v if isinstance(v, np.generic) else convert(v) for v in values]
        cost, *packed, gradients = step.step(*as_numpy(state), *step.hyper_arguments(), *as_numpy(values))
        after = [type(old)(new) for old, new in zip(state, (v for group in packed for v in group))]
        return float(cost), after, list(gradients)

    def _stepped(self, state: list, values: list) -> tuple:
        """``compiled.step``'s ``(cost, params, slots, shared, gradients)`` from ``state``; where the ``math``
        program's update raised (``ZeroDivisionError``, ``ValueError``), the NumPy version's step, with its inf or
        NaN (probe36 P36-2, P36-8): a divergence, as on the array path."""
        try:
            return self.compiled.step(*state, *self.hyper, *values)
        except (ZeroDivisionError, ValueError):
            if self.numpy_version is None:
                raise
        cost, after, gradients = self._numpy_step(state, values)
        return (cost, *self._grouped(after), gradients)

    def _failure_point(self) -> tuple[list, list, int]:
        """``(state, data, offset)`` at the step whose cost was not finite, ``offset`` steps after the recorded
        state (replays at most the steps of one call of the generated loop)."""
        state, offset, batch = self.failure
        if offset:
            state = self._replayed(offset, state, batch)
        return state, batch, offset

    def _replayed(self, steps: int, state: list, values: list) -> list:
        """The state after ``steps`` steps of the generated loop from ``state`` on ``values`` (a deterministic
        replay: the steps the NumPy version took are taken again)."""
        with memoryview(array("d", bytes(8 * steps))) as costs:
            return self._train(steps, costs, NEVER, state, values)[1]

    def _first_nonfinite_step(self) -> int:
        """The first step after which a full-batch run's parameters are not all finite (the run's last step where
        it cannot be replayed: a mini-batch run)."""
        start_step, state, position = self._start or (None, None, None)
        if state is None or position is not None or len(state) != len(self.flat()):
            return self.step
        for step in range(start_step + 1, self.step + 1):
            state = self._replayed(1, state, self.values)
            if not all_finite(state[:len(self.params)]):
                return step
        return self.step

    def _replayed_best(self, history: np.ndarray):
        """``(lowest cost, its parameters)`` since :attr:`_start`: the deterministic run replayed to that step."""
        start_step, start_state, position = self._start
        if len(start_state) == len(self.params):  # the parameters alone: the slots started at their initial values
            slots, shared = self.compiled.initial_slots(start_state)
            start_state = [*start_state, *slots, *shared]
        candidates = np.where(np.isfinite(history[start_step:]), history[start_step:], np.inf)
        if not candidates.size or not np.isfinite(candidates.min()):
            return float("nan"), start_state[:len(self.params)]
        best = int(np.argmin(candidates))
        if position is None or self.schedule.batch_size is None:  # full batch: the generated loop
            return float(candidates[best]), self._replayed(best, start_state, self.values)[:len(self.params)]
        return float(candidates[best]), self._replayed_mini_batches(best, start_state, *position)

    def _replayed_mini_batches(self, steps: int, state: list, epoch: int, batch: int, rng) -> list:
        """The parameters after ``steps`` functional steps from ``state``, on the batches the run drew from
        epoch ``epoch``, batch ``batch`` on (``rng``: a copy of the shuffling generator as it was there)."""
        rng, left = copy.deepcopy(rng), steps
        while left:
            for values, _ in self.source.epoch(epoch, rng, skip=batch):
                if not left:
                    break
                _, params, slots, shared, _ = self._stepped(state, values)
                state, left = [*params, *slots, *shared], left - 1
            epoch, batch = epoch + 1, 0
        return list(state[:len(self.params)])


def all_finite(values) -> bool:
    """Whether every parameter value (a number or an array) is finite; a number is tested without NumPy's
    reduction machinery (the check ends every full-batch run)."""
    return all(math.isfinite(v) if isinstance(v, (float, int)) else bool(np.isfinite(v).all()) for v in values)


def tol_met(tol, gradients) -> bool:
    r"""Every gradient entry has :math:`|g| \le` ``tol`` (never for ``tol`` None or :data:`NEVER`)."""
    return tol is not None and all(np.max(np.abs(g)) <= tol for g in gradients)
