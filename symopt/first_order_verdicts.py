r"""The verdicts a first-order run gets at its end from its cost, the same on the NumPy and the JAX backend: a
``tol`` test that held at the start where the Hessian curves down (a maximum or a saddle: no success) or where the
cost's scale is below its float type's range; a ``tol`` test that held after any step at a point the cost shows is no
minimum (a saddle, an inflection, a cost still falling toward a minimizer at infinity: probe66 P66-2), read as the
end point of a ``method=`` run is (:func:`~symopt.end_point_checks.newton_check`); and a divergence explained by a
learning-rate schedule whose rate is NaN (no smaller rate helps) or, on a quadratic cost, by the step size
(:math:`\eta < 2/\lambda_{\max}`: :mod:`symopt.step_size`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .cache import CACHE
from .errors import DivergenceError, SymoptError
from .float_errors import ignoring_float_errors
from .compiler import infer_dtype
from .end_point_checks import newton_check
from .cost_probes import (STATIONARY_DISTANCE, flat_directions, inflection_along, inflection_reason,
                          lower_near_critical_point)
from .method_checks import CURVATURE_CHECK_SIZE, few_eigenvalues, negative_curvature, not_a_minimum
from .schedule_base import Schedule as LearningRateSchedule
from .second_order import Problem
from .step_size import add_step_size_advice
from .underflow_check import underflow_reason

__all__ = ["STATIONARY_GRADIENT", "STATIONARY_DISTANCE", "tol_stop_verdict", "stationary_start_verdict",
           "end_point_reason", "near_a_maximum", "stalled_verdict", "explained_divergence", "rate_not_finite"]


#: A start is stationary, and its Hessian read, only where its largest |gradient| is at most this times
#: :math:`\max(1, |J|)`: 0 by symmetry, or by rounding (probe45 P45-2).  A looser ``tol`` that holds at a start with a
#: real slope (a warm restart of a network: 1.9e-3) is the user's precision, not a critical point (final41b F41b-7).
STATIONARY_GRADIENT = 1e-8


def tol_stop_verdict(cost, parameters: list, initial: Mapping, end: Mapping, feed: Mapping | None, tol, steps: int,
                     message: str) -> str | None:
    """The message of no success for a full-batch run whose ``tol`` test held after ``steps`` steps at ``end``
    (``{parameter: value}``; ``initial`` the start's, ``message`` the run's own), else None: at the start
    :func:`stationary_start_verdict`, then at any step :func:`end_point_reason`.  Nothing is checked past
    :data:`CURVATURE_CHECK_SIZE` entries."""
    if sum(np.size(end[p]) for p in parameters) > CURVATURE_CHECK_SIZE:  # an input's batch too (F44e-7)
        return None
    if steps == 0:
        refused = stationary_start_verdict(cost, parameters, initial, feed, tol)
        if refused is not None:
            return refused
    reason = end_point_reason(cost, parameters, initial, end, feed)
    return None if reason is None else f"{message}; but {reason}"


def end_point_reason(cost, parameters: list, initial: Mapping, end: Mapping, feed: Mapping | None) -> str | None:
    """Why ``end``, where a first-order run's ``tol`` test held, is no minimum, else None: the cost's scale below the
    parameters' float type's range (:func:`~symopt.underflow_check.underflow_reason`), or the Hessian's evidence that
    a ``method=`` run's end point gets (:func:`~symopt.end_point_checks.newton_check` under a user's ``tol``: a saddle
    near its critical point, an inflection, a cost still falling 100 Newton steps out), each confirmed by evaluating
    the cost.  What it costs, as for ``method=``: the float64 cost, gradient and Hessian-vector product compiled once
    per cost (with data too: :func:`~symopt.hessian.hvp`'s cache), and up to
    :data:`~symopt.end_point_checks.DENSE_CHECK_SIZE` Hessian-vector products (a bounded search of 20 past that, redone
    densely with ``n`` more where its Newton step predicts a decrease above
    :data:`~symopt.end_point_checks.DENSE_FALLBACK` of :math:`|J|`, as a loose ``tol`` often leaves), plus at most a
    few dozen evaluations of the cost."""
    try:
        with ignoring_float_errors():
            problem = _float64_problem(cost, parameters, initial, feed)
            x, start = (np.concatenate([np.ravel(np.asarray(point[p], dtype=float)) for p in parameters])
                        for point in (end, initial))
            value, gradient = problem.value_and_grad(x)
            start_value = problem.value_and_grad(start)[0]
            underflow = underflow_reason(problem, x, value, start_value, infer_dtype(parameters))
            if underflow is not None:
                return underflow
            unfinished = newton_check(problem, x, value, gradient, start_value, threshold=None,
                                      near_critical_only=True)
    except (SymoptError, ArithmeticError, ValueError):  # a check that cannot be made is no evidence: the run's verdict
        return None  # stands (a point where the cost's float64 program raises, a Hessian NumPy cannot decompose)
    return None if unfinished is None else unfinished.reason


def _float64_problem(cost, parameters: list, initial: Mapping, feed: Mapping | None) -> Problem:
    """The cost over a float64 vector of the parameters, with the data ``feed``; without data one per cost and
    parameters (kept in :data:`~symopt.cache.CACHE` with the Hessian it builds: a refit loop pays once)."""
    if feed:
        return Problem.build(cost, initial, feed)[0]
    return CACHE.get_or_build(("float64 problem", cost, tuple(parameters)),
                              lambda: Problem.build(cost, initial, None)[0])


def stationary_start_verdict(cost, parameters: list, initial: Mapping, feed: Mapping | None, tol) -> str | None:
    """The message of no success for a full-batch run whose ``tol`` test held at its start ``initial``
    (``{parameter: value}``, with the data ``feed``), else None: where the cost's scale there is below the
    parameters' float type's range (:func:`~symopt.underflow_check.underflow_reason`: the test passes anywhere,
    probe60 P60-3), or where the start is stationary (:data:`STATIONARY_GRADIENT`), or near the critical point along
    the Hessian's most negative direction with a lower cost past it (:data:`STATIONARY_DISTANCE`), and the Hessian
    has a negative eigenvalue (a maximum or a saddle). Not checked past :data:`CURVATURE_CHECK_SIZE` entries, or
    where symopt cannot form the Hessian. What it costs: one evaluation of the compiled float64 cost and gradient,
    and at a stationary start the Hessian, built once per cost (its symbolic form and its compiled function are
    cached)."""
    if sum(np.size(initial[p]) for p in parameters) > CURVATURE_CHECK_SIZE:  # an input's batch too (F44e-7)
        return None
    try:
        with ignoring_float_errors():  # a Hessian with no value at the start (abs(w)**1.5 at 0) is not checked
            problem, x = Problem.build(cost, dict(initial), feed)
            value, gradient = problem.value_and_grad(x)
            underflow = underflow_reason(problem, x, value, value, infer_dtype(parameters))  # float32's range too
            if underflow is not None:
                return f"every |gradient| <= {tol} at the start, but {underflow}"
            stationary = np.max(np.abs(gradient), initial=0.0) <= STATIONARY_GRADIENT * max(1.0, abs(value))
            matrix = problem.hess(x)
            if not np.all(np.isfinite(matrix)):
                return None
            eigenvalues, vectors = np.linalg.eigh((matrix + matrix.T) / 2)
            if negative_curvature(eigenvalues) and (stationary or near_a_maximum(problem, x, value, gradient,
                                                                                 eigenvalues[0], vectors[:, 0])):
                return f"every |gradient| <= {tol} at the start, {not_a_minimum(eigenvalues)}"
            if not stationary:
                return None
            largest = float(np.max(np.abs(eigenvalues), initial=0.0))
            lower = inflection_along(problem, x, value, abs(value), gradient, flat_directions(eigenvalues, vectors),
                                     largest)  # x**3 at 0: an inflection (probe64 P64-4)
            if lower is not None:
                reason = inflection_reason(gradient, value, lower, few_eigenvalues(eigenvalues))
                return f"every |gradient| <= {tol} at the start, but {reason}"
    except SymoptError:
        return None
    return None


def near_a_maximum(problem, x: np.ndarray, value: float, gradient: np.ndarray, curvature: float,
                   direction: np.ndarray) -> bool:
    r"""Whether the critical point along ``direction`` (unit length, ``curvature`` < 0 its eigenvalue) lies within
    :data:`STATIONARY_DISTANCE` of :math:`\max(1, \|x\|_\infty)` and the cost a few step lengths from it along
    ``direction`` is materially below ``value``, the start's
    (:func:`~symopt.cost_probes.lower_near_critical_point`): one to ten evaluations of the cost."""
    return lower_near_critical_point(problem, x, value, abs(value), gradient, direction, curvature) is not None


def stalled_verdict(cost, parameters: list, initial: Mapping, result, feed: Mapping | None) -> str | None:
    r"""The message of no success for a full-batch run that never moved: every cost in ``result.history`` equal and
    every parameter still its start's value (``initial``), while the largest float64 |gradient| at the start squares
    past the parameters' float type, :math:`|g| > \sqrt{\max}` (1.8e19 in float32); else None (probe78 P78-1:
    Adagrad whose accumulator :math:`\sum g^2` overflowed steps by :math:`\eta g / \sqrt{\infty} = 0`, and
    reported "stopped after 200 steps").  Only that cause is named: a start at its float32 minimum, updates below the
    parameters' rounding or an oscillation w -> -w keep their verdict (45a-2, 45a-3).  An ordinary run costs one
    comparison of its costs; a frozen one, one float64 gradient evaluation."""
    costs = np.asarray(result.history, dtype=float)
    if costs.size < 2 or costs[-1] != costs[0] or not np.all(costs == costs[0]):  # the ends first: O(1) usually
        return None
    ends = [np.ravel(np.asarray(result.params[p])) for p in parameters]
    if not all(np.array_equal(end, np.ravel(np.asarray(initial[p], dtype=end.dtype)))
               for p, end in zip(parameters, ends)):
        return None
    try:
        with ignoring_float_errors():
            problem = _float64_problem(cost, parameters, initial, feed)
            start = np.concatenate([np.ravel(np.asarray(initial[p], dtype=float)) for p in parameters])
            _, gradient = problem.value_and_grad(start)
    except (SymoptError, ArithmeticError, ValueError):
        return None
    largest = float(np.max(np.abs(gradient), initial=0.0))
    floats = [end.dtype for end in ends if np.issubdtype(end.dtype, np.floating)]
    if not floats or not largest > min(np.sqrt(np.finfo(dtype).max) for dtype in floats):
        return None  # g² fits the float type: no accumulator overflowed (a minimum, a step below rounding)
    return (f"{result.message}; but no parameter moved in {result.steps} steps although the largest |gradient| at the "
            f"start is {largest:.3g}: every update was 0. An optimizer that divides by the root of an accumulated g² "
            "(Adagrad, Adadelta, Adam) steps by lr·g/sqrt(inf) = 0 once g² overflows the float type (|g| past 1.8e19 "
            "in float32, 1.3e154 in float64). Scale the data (standardize the columns) or the cost, or pass "
            "clip_norm=1.0")


def explained_divergence(error: DivergenceError, cost, optimizer, initial: Mapping, feed: Mapping | None,
                         where: str = "", note: str | None = None, scope: str = "full batch",
                         batches=None) -> DivergenceError:
    """The error to raise for ``error``, a divergence the data, the domain and the gradient did not explain:
    :func:`rate_not_finite` where the schedule's rate was NaN, else ``error`` with the step-size sentence of a
    quadratic cost appended (:func:`~symopt.step_size.add_step_size_advice` at the start ``initial``, ``feed`` read
    as ``scope`` says: :data:`~symopt.step_size.DATA_SCOPES`; ``batches``, ``() ->`` every mini-batch or None, asked
    for only where the sentence reads them); ``note`` (a 0*log(0) the NaN came from,
    :func:`symopt.zero_log_products.zero_log_note`) follows, beside the advice."""
    explained = rate_not_finite(error, optimizer, where)
    if explained is None:
        explained = error
        with ignoring_float_errors():
            add_step_size_advice(error, cost, optimizer, initial, feed or {}, scope, batches)
    if note:
        explained.args = (f"{explained} {note}",) + explained.args[1:]
    return explained


def rate_not_finite(error: DivergenceError, optimizer, where: str = "") -> DivergenceError | None:
    """A divergence caused by a learning-rate schedule whose rate is NaN at the step that diverged (a
    CosineDecayRestarts with t_mul < 1 past its last restart): no smaller rate helps, so the error says so and names
    the first step without a rate; None where the rate was a number.  ``where`` follows the step
    (``" on the JAX backend"``)."""
    rate = optimizer.hyperparameters.get("lr")
    steps = getattr(error.result, "steps", None)
    if not isinstance(rate, LearningRateSchedule) or not steps:
        return None
    with np.errstate(all="ignore"):
        if np.isfinite(rate(steps - 1)):
            return None
        bad = rate.first_step(lambda number: not np.isfinite(number), steps - 1)  # the first step without a rate
        bad_rate = rate(bad)
    reason = rate.why_undefined()
    return DivergenceError(
        f"training diverged at step {steps}{where}: the learning rate {rate!r} is {bad_rate} from step {bad} on, so "
        f"the update of that step is NaN and no smaller rate helps" + (f": {reason}" if reason else "") +
        ". error.result holds the best parameters seen.", error.result)
