r"""The verdicts a first-order run gets at its end from its cost, the same on the NumPy and the JAX backend: a
``tol`` test that held at the start where the Hessian curves down (a maximum or a saddle: no success) or where the
cost's scale is below its float type's range, and a divergence explained by a learning-rate schedule whose rate is
NaN (no smaller rate helps) or, on a quadratic cost, by the step size (:math:`\eta < 2/\lambda_{\max}`: :mod:`symopt.step_size`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .errors import DivergenceError, SymoptError
from .float_errors import ignoring_float_errors
from .compiler import infer_dtype
from .cost_probes import flat_directions, inflection_along, inflection_reason, lower_along
from .method_checks import CURVATURE_CHECK_SIZE, few_eigenvalues, negative_curvature, not_a_minimum
from .schedule_base import Schedule as LearningRateSchedule
from .second_order import Problem
from .step_size import add_step_size_advice
from .symbols import shape_of
from .underflow_check import underflow_reason

__all__ = ["STATIONARY_GRADIENT", "STATIONARY_DISTANCE", "stationary_start_verdict", "near_a_maximum",
           "explained_divergence", "rate_not_finite"]


#: A start is stationary, and its Hessian read, only where its largest |gradient| is at most this times
#: :math:`\max(1, |J|)`: 0 by symmetry, or by rounding (probe45 P45-2).  A looser ``tol`` that holds at a start with a
#: real slope (a warm restart of a network: 1.9e-3) is the user's precision, not a critical point (final41b F41b-7).
STATIONARY_GRADIENT = 1e-8
#: A start with a slope is read as on its maximum or saddle where the critical point along the Hessian's most negative
#: direction :math:`v`, :math:`x_c = x - (\nabla J^\top v / \lambda_{\min})\,v`, is within this fraction of
#: :math:`\max(1, \|x\|_\infty)` and the cost a few step lengths from :math:`x_c` along :math:`v`
#: (:func:`~symopt.cost_probes.lower_along`) is materially below the start's: the evidence, not the distance alone, so
#: ``(w**2 - 1)**2 + 1e-3*w`` from 0, the maximum 2.5e-4 away, is refused as 1e-7*w is (final42f F42f-5, final42b
#: F42b-10); the refit of a network (0.25 from its critical point) or ``(w**2 - 1)**2`` from 0.1 (0.1 from it) is not.
STATIONARY_DISTANCE = 1e-2


def stationary_start_verdict(cost, parameters: list, initial: Mapping, feed: Mapping | None, tol) -> str | None:
    """The message of no success for a full-batch run whose ``tol`` test held at its start ``initial``
    (``{parameter: value}``, with the data ``feed``), else None: where the cost's scale there is below the parameters'
    float type's range (:func:`~symopt.underflow_check.underflow_reason`: the test passes anywhere, probe60 P60-3), or where
    the start is stationary (:data:`STATIONARY_GRADIENT`), or near the critical point along the Hessian's most negative
    direction with a lower cost past it (:data:`STATIONARY_DISTANCE`), and the Hessian has a negative eigenvalue (a maximum or a
    saddle).  Not checked past :data:`CURVATURE_CHECK_SIZE` entries, or where symopt cannot form the Hessian.  What it
    costs: one evaluation of the compiled float64 cost and gradient, and at a stationary start the Hessian, built once
    per cost (its symbolic form and its compiled function are cached)."""
    if sum(int(np.prod(shape_of(p), dtype=int)) for p in parameters) > CURVATURE_CHECK_SIZE:
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
    r"""Whether the critical point along ``direction`` (unit length, ``curvature`` < 0 its eigenvalue),
    :math:`x_c = x - (\nabla J^\top v / \lambda)\,v`, lies within :data:`STATIONARY_DISTANCE` of
    :math:`\max(1, \|x\|_\infty)` and the cost a few step lengths from it along ``direction`` is materially below
    ``value``, the start's: one to ten evaluations of the cost."""
    step = float(gradient @ direction) / curvature
    if abs(step) > STATIONARY_DISTANCE * max(1.0, float(np.max(np.abs(x)))):
        return False
    return lower_along(problem, x - step * direction, value, abs(value), direction) is not None


def explained_divergence(error: DivergenceError, cost, optimizer, initial: Mapping, feed: Mapping | None,
                         where: str = "") -> DivergenceError:
    """The error to raise for ``error``, a divergence the data, the domain and the gradient did not explain:
    :func:`rate_not_finite` where the schedule's rate was NaN, else ``error`` with the step-size sentence of a
    quadratic cost appended (:func:`~symopt.step_size.add_step_size_advice` at the start ``initial``)."""
    schedule_error = rate_not_finite(error, optimizer, where)
    if schedule_error is not None:
        return schedule_error
    with ignoring_float_errors():
        add_step_size_advice(error, cost, optimizer, initial, feed or {})
    return error


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
