r"""What a ``minimize(..., method=...)`` run records: the cost at each iterate, the best point, the user's callback,
and the points where the cost was not finite.

A non-finite cost at an iterate raises at once: :class:`~symopt.errors.DomainError` where a subexpression has no
real value there (``log`` of a negative number), else :class:`~symopt.errors.DivergenceError`.  A line search may
also try points outside the domain without taking them: SciPy's L-BFGS-B then often stops where it started and
calls that convergence.  :meth:`Recorder.trial` remembers the first such point, and :meth:`Recorder.check_end`
refuses an end whose (projected) gradient is still far from zero after one, with the same errors, so a run that
did not move never reports ``success=True``.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .codegen import python_names
from .divergence_advice import KEPT, gradient_fault, gradient_fault_advice
from .domain import PINNED_ADVICE, REWRITE, left_the_domain, numpy_culprit, pinned_culprit, point_words
from .data_faults import data_error
from .errors import DivergenceError
from .result import counted
from .method_checks import UNFINISHED_GRADIENT, projected_gradient
from .run_arguments import stop_asked
from .run_callback import called_read_only
from .trace import Trace
from .zero_log_products import zero_log_point_note

__all__ = ["Recorder", "DOMAIN_ADVICE", "UNFINISHED_GRADIENT"]

#: A method's step left the cost's real domain: what to do (there is no learning rate to lower).
DOMAIN_ADVICE = ("Start further from that boundary, run method='lbfgs' with bounds= that keep the parameters inside "
                 "the domain, or " + REWRITE)

#: A trial point where the cost overflowed: what to do (the step was long because the data's scales differ).
OVERFLOW_ADVICE = ("A first step that long comes from data on very different scales (a covariate in dollars beside "
                   "one in years: the gradient's entries differ by orders of magnitude). Rescale or standardize the "
                   "data (subtract each column's mean, divide by its standard deviation) so that the parameters have "
                   "similar sizes, or run method='newton' or 'trust-ncg', whose steps follow the curvature.")

#: Said of a point the method tried (a line search's or a trust region's trial) but did not take.
TRIED = "The method tried that point without taking it; then {ended}. "


class Recorder:
    """Costs per iterate, the best point, the first non-finite trial point, the progress bar, and the user's callback
    (``True`` stops).  ``problem`` is the run's :class:`symopt.second_order.Problem`."""

    def __init__(self, problem, callback: Callable | None, make_result, trace: bool = False, bounds: list | None = None,
                 bar=None):
        self.problem, self.callback, self.make_result = problem, callback, make_result
        self.bar = bar  # a progress bar's update(iteration, cost) (symopt.progress), or None
        self.history: list[float] = []
        self.best = (np.inf, None)
        self.stopped = False
        self.trace = None
        self.first_trial = None  # (x, value): the first point tried where the cost was not finite
        self.bounds = bounds  # SciPy's per-entry (low, high) pairs of the run, if bounds= was given
        self.trial_after = 0  # iterations taken when that point was tried
        if trace:
            names = python_names(problem.parameters)
            self.trace = Trace(["step", "cost"] + [c for p in problem.parameters for c in (names[p], f"dJ/d{names[p]}")],
                               parameters={p: names[p] for p in problem.parameters})

    def _record_trace(self, x: np.ndarray, value: float) -> None:
        _, gradient = self.problem.value_and_grad(x)
        row = [len(self.history) - 1, value]
        for parameter, g in zip(self.problem.params(x).values(), self.problem.unpack(gradient)):
            row += [parameter, g]
        self.trace.record(row)

    def trial(self, x: np.ndarray, value: float) -> None:
        """Note a point the method evaluated (an iterate or a line-search trial)."""
        if self.first_trial is None and not np.isfinite(value) and np.all(np.isfinite(x)):
            self.first_trial, self.trial_after = (np.array(x), value), len(self.history) - 1

    def check_gradient(self, x: np.ndarray, value: float, gradient: np.ndarray, bounds: list | None = None) -> None:
        r"""Raise :class:`DivergenceError` where the cost at ``x`` is finite and its ``gradient`` is not (``sqrt`` at
        0): no method can take a step from there (SciPy's would stop with a cryptic reason or a bare ValueError,
        Newton's would blame the Hessian).  ``error.result``: the best point seen, else ``x``.  With ``bounds``
        (SciPy's ``(low, high)`` per entry) an infinite entry at its bound pointing into the box (:math:`+\infty`
        at a low bound: the cost rises inward, as :math:`\sqrt{w}` at :math:`w \ge 0`) is L-BFGS-B's optimality
        at that bound, not a fault (final34 F34-1)."""
        if not np.isfinite(value) or np.all(np.isfinite(gradient)):
            return
        if bounds is not None and all(_rises_inward(x[i], gradient[i], bounds[i])
                                      for i in np.flatnonzero(~np.isfinite(gradient))):
            return
        problem = self.problem
        names = [f"dJ/d{name}" for name, g in zip(problem.entry_names(), gradient) if not np.isfinite(g)]
        pinned = pinned_culprit(problem.cost, problem.params(x))
        culprit = None if pinned else numpy_culprit(problem.function, problem.arguments(x),
                                                    ("invalid value", "divide by zero"))
        iterations = max(len(self.history) - 1, 0)
        where = point_words(problem.params(x))
        where = (f"the starting point {where}" if not self.history else
                 f"{where} (a point the method evaluated after {counted(iterations, 'iteration')})")
        partial = self.kept_result(x, value, "the gradient is not finite")
        raise DivergenceError(
            f"{gradient_fault(where, value, names, culprit, pinned)}. No method can step from a "
            f"point without a finite gradient: {PINNED_ADVICE if pinned else gradient_fault_advice(culprit)}. {KEPT}",
            partial)

    def kept_result(self, x: np.ndarray, value: float, why: str):
        """The run so far, for ``error.result``: the best point seen (else ``x`` with its ``value``), the history, and
        the message "stopped at iteration k: ``why``"."""
        iterations = max(len(self.history) - 1, 0)
        best_value, best_x = self.best if self.best[1] is not None else (value, x)
        return self.make_result(self.problem.params(best_x), best_value, np.asarray(self.history, dtype=float),
                                iterations, f"stopped at iteration {iterations}: {why}", success=False,
                                trace=self.trace)

    def check_hessian(self, x: np.ndarray, value: float, matrix: np.ndarray, step: int) -> None:
        """Raise :class:`DivergenceError` where Newton's Hessian ``matrix`` at ``x`` (cost and gradient finite) is
        not: its step :math:`H^{-1}\\nabla J` is not defined there, and its eigenvalues say nothing."""
        if np.all(np.isfinite(matrix)):
            return
        problem = self.problem
        names = problem.entry_names()
        entries = [f"{names[i]}, {names[j]}" for i, j in np.argwhere(~np.isfinite(matrix)) if i <= j]
        partial = self.make_result(problem.params(x), value, np.asarray(self.history, dtype=float), step,
                                   f"stopped at iteration {step}: the Hessian is not finite", success=False,
                                   trace=self.trace)
        raise DivergenceError(
            f"the Hessian is not finite at {point_words(problem.params(x))} (iteration {step}), where the cost is "
            f"{float(value):.6g} and its gradient is finite (entries [{'], ['.join(entries)}]: a subexpression has no "
            "second derivative there, such as abs(w)**1.5 at 0): Newton's step H⁻¹∇J is not defined. Use "
            "method='lbfgs' (it needs only the gradient), start elsewhere, or write the cost so that it is twice "
            f"differentiable where it is trained. {KEPT}", partial)

    def record(self, x: np.ndarray, value: float) -> bool:
        """Record an iterate (and show it on the progress bar); ``True`` when the callback asks to stop."""
        self.history.append(value)
        if self.bar is not None:
            self.bar.update(len(self.history) - 1, value)
        if self.trace is not None:  # a non-finite iterate's row too: the trace shows how the run diverged
            self._record_trace(x, value)
        if not np.isfinite(value):
            self._refuse(x, value, len(self.history) - 1)
        if value < self.best[0]:
            self.best = (value, np.array(x))
        if len(self.history) > 1 and self.callback is not None and \
                stop_asked(called_read_only(self.callback, len(self.history) - 1, value, self.problem.params(x))):
            self.stopped = True
        return self.stopped

    def check_end(self, x: np.ndarray) -> None:
        """After a run that tried a point where the cost was not finite: refuse an end where the largest entry of
        the gradient (projected onto :attr:`bounds`: an entry pushing out of its bound counts 0) exceeds
        :data:`UNFINISHED_GRADIENT` :math:`\\cdot \\max(1, |J|)`."""
        if self.first_trial is None or self.stopped:
            return
        value, gradient = self.problem.value_and_grad(x)
        if np.isfinite(value) and np.all(np.isfinite(gradient)):
            gradient = projected_gradient(x, gradient, self.bounds)
            if np.max(np.abs(gradient), initial=0.0) <= UNFINISHED_GRADIENT * max(1.0, abs(value)):
                return
        trial_x, trial_value = self.first_trial
        ended = point_words(self.problem.params(x))
        self._refuse(trial_x, trial_value, len(self.history) - 1, tried_after=self.trial_after,
                     tried=f"it stopped at {ended}, where the largest gradient entry is "
                           f"{np.max(np.abs(gradient)):.3g}: no minimum")

    def _domain_advice(self, x: np.ndarray) -> str:
        """:data:`DOMAIN_ADVICE`, or, where ``x`` lies on a bound of :attr:`bounds` (the box let the method reach the
        edge of the domain: ``bounds={lam: (0, None)}`` for ``log(lam)``), advice to move that bound inside."""
        names = self.problem.entry_names()
        for index, (low, high) in enumerate(self.bounds or []):
            for side, bound in (("lower", low), ("upper", high)):
                if bound is not None and x[index] == bound:
                    inside = bound + 1e-9 * max(1.0, abs(bound)) * (1 if side == "lower" else -1)
                    return (f"bounds= let it reach {names[index]} = {bound:g}, its {side} bound, where the cost has no "
                            f"finite value: move that bound inside the domain ({inside:.10g} instead of {bound:g}), "
                            "or " + REWRITE)
        return DOMAIN_ADVICE

    def _zero_log_error(self, x: np.ndarray, value: float, where: str, number: int, tried: str, partial):
        """A NaN cost at ``x`` that is :math:`0\\cdot\\log 0` where the cost's limit is finite
        (:func:`~symopt.zero_log_products.zero_log_point_note`): a :class:`DivergenceError` naming the product and the
        stable form, not a domain's boundary (the cost is real there: probe88 P88-2); else ``None``."""
        if not np.isnan(value):
            return None
        note = zero_log_point_note(self.problem.cost, {**self.problem.params(x), **self.problem.data},
                                   self.problem.dtype)
        if note is None:
            return None
        gradient = self.problem.value_and_grad(x)[1]
        stuck = " Its gradient there is not finite either, so the method could not step back from that point." \
            if tried and not np.all(np.isfinite(gradient)) else ""
        said = f"the cost is nan at {where}, a point the method tried without taking; then {tried}" if tried else \
            f"the cost became nan at iteration {number}, at {where}: not a number there (an indeterminate form)"
        return DivergenceError(f"{said}. {note}{stuck} {KEPT}", partial)

    def _refuse(self, x: np.ndarray, value: float, number: int, tried: str = "", tried_after: int = 0):
        """Raise for a non-finite cost at ``x`` (the last entry of ``history``): a :class:`DomainError` naming the
        subexpression with no real value there, else a :class:`DivergenceError`; ``error.result``: the best point.
        ``tried``: ``x`` was a trial point the method did not take, and where it stopped instead."""
        if not np.all(np.isfinite(x)) and self.first_trial is not None:
            x, value = self.first_trial  # the iterate itself is not finite: name the first point that was
        best_value, best_x = self.best
        partial = self.make_result(self.problem.params(best_x) if best_x is not None else {}, best_value,
                                   np.asarray(self.history), number, f"diverged at iteration {number}",
                                   success=False, trace=self.trace)
        faulty = data_error(self.problem.cost, self.problem.data, value,
                            f"at iteration {number}" if number else "at the starting point", partial)
        if faulty is not None:  # the data, not the point: no start or bound helps
            raise faulty
        point = self.problem.params(x)
        where = point_words(point)
        zero_log = self._zero_log_error(x, value, where, number, tried, partial)
        if zero_log is not None:
            raise zero_log
        domain_advice = self._domain_advice(x)
        advice = (TRIED.format(ended=tried) if tried else "") + domain_advice
        seen = np.append(self.history, value) if tried else np.asarray(self.history)  # a trial is no iterate
        domain = left_the_domain(self.problem.cost, self.problem.function, point, self.problem.data,
                                 self.problem.arguments(x), number=tried_after if tried else number, history=seen,
                                 lr=None, result=partial, advice=advice, trial=bool(tried))
        if domain is not None:
            raise domain
        overflow = numpy_culprit(self.problem.function, self.problem.arguments(x), kinds=("overflow",)) \
            if tried and value > 0 else None  # +inf: a -inf trial is a cost unbounded below (final40a F40a-5)
        if overflow is not None:  # exp of a finite, large argument: no edge of the domain (probe50 P50-3)
            advice = OVERFLOW_ADVICE if self.problem.data else (
                "A first step that long is too long for the cost's curvature: start nearer the minimum, or run "
                "method='newton' or 'trust-ncg', whose steps follow the curvature.")
            raise DivergenceError(
                f"the cost is {value} at {where}, a point the method tried without taking: {overflow}, an overflow "
                f"of a finite argument, not an edge of the cost's domain; then {tried.removesuffix(': no minimum')}, "
                f"not a minimum. {advice} error.result holds the best parameters seen.", partial)
        if tried and value == -np.inf:  # (w - 1)**2 - exp(w): falls without bound, no edge of a domain
            raise DivergenceError(f"the cost is -inf at {where}, a point the method tried without taking; then "
                                  f"{tried.removesuffix(': no minimum')}: the cost is unbounded below in the direction "
                                  "taken, so it has no minimum there. Check the cost (is it bounded below?), or bound "
                                  "the parameters (method='lbfgs' with bounds=). error.result holds the best "
                                  "parameters seen.", partial)
        if tried:
            raise DivergenceError(f"the cost is {value} at {where}. {TRIED.format(ended=tried)}{domain_advice} "
                                  "error.result holds the best parameters seen.", partial)
        if not number:  # the start itself: no direction was taken yet
            raise DivergenceError(f"the cost is {value} at the starting point {where}: no step was taken. Start "
                                  "where the cost is finite.", partial)
        if np.isnan(value) and _fell_without_bound(self.history[:-1]):  # x**2 - y**2 overflowing: inf - inf
            shown = ", ".join(f"{cost:.3g}" for cost in self.history[-4:-1])
            raise DivergenceError(f"the cost became nan at iteration {number}, at {where}, after falling without bound "
                                  f"(last finite costs {shown}): its terms overflowed to inf, and inf - inf is nan. "
                                  "The cost has no minimum along the steps taken (it is unbounded below), so no method "
                                  "helps. Check the cost: is it bounded below? A log-likelihood is maximized, so "
                                  "minimize its negative; else add regularization, or keep the parameters in a box "
                                  "(method='lbfgs', bounds=). error.result holds the best parameters seen.", partial)
        if np.isnan(value):  # no real value and no pole: an indeterminate form (0·log 0, inf - inf)
            raise DivergenceError(f"the cost became nan at iteration {number}, at {where}: not a number there (an "
                                  "indeterminate form such as 0·log(0) or inf - inf). Keep the parameters away from "
                                  "that point (method='lbfgs' with bounds=), or write the cost with its limit there. "
                                  "error.result holds the best parameters seen.", partial)
        raise DivergenceError(f"the cost became {value} at iteration {number}: the model has no minimum in the "
                              "direction taken. Check the cost (is it bounded below?), add regularization or bounds=. "
                              "error.result holds the best parameters seen.", partial)


#: A cost below this, still falling, has left every scale a model's minimum lives on: what follows is overflow.
_UNBOUNDED_BELOW = -1e150


def _fell_without_bound(history: list) -> bool:
    """Whether the iterates' finite costs ``history`` were falling without bound when they stopped: the last three
    strictly decreasing and the last below :data:`_UNBOUNDED_BELOW` (``x**2 - y**2`` reaches -6e305 before its
    terms overflow and their difference is NaN)."""
    last = np.asarray(history[-3:], dtype=float)
    return last.size == 3 and bool(np.all(np.isfinite(last)) and np.all(np.diff(last) < 0)
                                   and last[-1] < _UNBOUNDED_BELOW)


def _rises_inward(entry: float, slope: float, bound: tuple) -> bool:
    r"""An infinite ``slope`` at ``entry`` sitting on its ``bound`` = ``(low, high)`` (``None``: none) whose cost rises
    into the box: :math:`+\infty` at the low bound, :math:`-\infty` at the high one."""
    low, high = bound
    return (slope == np.inf and low is not None and entry == low) or \
        (slope == -np.inf and high is not None and entry == high)
