r"""Damped Newton's loop of ``minimize(..., method="newton")`` (:func:`damped_newton`), with its own tolerances: the
gradient test :data:`NEWTON_TOL` and the predicted decrease :data:`NEWTON_DECREMENT` a passed test must still fall
below, and the end at the cost's rounding floor (:class:`~symopt.newton_rounding.RoundingFloor`)."""

from __future__ import annotations

import numpy as np

from .end_point_checks import newton_check
from .errors import IndefiniteHessianError, SingularHessianError
from .method_checks import few_eigenvalues, not_positive_definite
from .method_recorder import Recorder
from .newton_rounding import RoundingFloor
from .result import counted

__all__ = ["damped_newton", "NEWTON_TOL", "NEWTON_DECREMENT"]


#: The gradient tolerance of ``method="newton"`` without ``tol=``: its test of convergence.
NEWTON_TOL = 1e-10
#: Newton stops where the gradient test passes and its next step predicts a decrease below this fraction of the
#: cost's scale (:func:`~symopt.end_point_checks.newton_check`): one more step, at quadratic speed, costs little.
NEWTON_DECREMENT = 1e-16


def damped_newton(problem, x: np.ndarray, steps: int, tol: float, recorder: Recorder, start: int = 0,
            saver=None, own_tol: bool = False):
    r"""Damped Newton: check :math:`H \succ 0` (Cholesky), solve :math:`H d = \nabla J`, take :math:`x - \alpha d`
    with the largest :math:`\alpha \in \{1, 1/2, 1/4, ...\}` that lowers the cost (to rounding); steps at the
    cost's rounding floor end it as converged to rounding (:class:`~symopt.newton_rounding.RoundingFloor`, probe88
    P88-3).  From iteration ``start`` (a resumed run, whose start's cost is the restored history's first: the same
    trajectory, final40a F40a-10); ``saver`` writes checkpoints when due.  With Newton's ``own_tol`` (no tol= given)
    a passed gradient test goes on while the step predicts a decrease above :data:`NEWTON_DECREMENT` of the cost's
    scale; a user's tol= stops the run there (final40a F40a-4)."""
    value, gradient = problem.value_and_grad(x)
    recorder.check_gradient(x, value, gradient)
    start_value = recorder.history[0] if recorder.history else value
    floor = RoundingFloor()
    for step in range(start, steps):
        if saver is not None and saver.due(step, start):
            saver.save(x, recorder.history, step)
        if recorder.record(x, value):
            return x, step, "stopped by callback", True
        if np.max(np.abs(gradient)) <= tol:  # a stationary point: a minimum unless the Hessian curves down somewhere
            matrix = problem.hess(x)
            if not np.all(np.isfinite(matrix)):  # abs(w)**1.5 at 0: no curvature to judge the point by
                return x, step, (f"converged: every |gradient| <= {tol} after {counted(step, 'step')} (the Hessian is "
                                 "not finite there, so whether it is a minimum was not checked)"), True
            refusal = not_positive_definite(problem, matrix, step)
            if refusal is not None and not isinstance(refusal, SingularHessianError):  # flat is fine (w⁴ at 0)
                raise IndefiniteHessianError(
                    f"every |gradient| <= {tol} at iteration {step}, but the Hessian there has a negative eigenvalue "
                    f"({few_eigenvalues(np.linalg.eigvalsh(matrix))}): a maximum or a saddle point, not a "
                    "minimum. Start elsewhere: every method stops where the gradient is 0, so no method leaves it.")
            unfinished = newton_check(problem, x, value, gradient, start_value, matrix=matrix,
                                      threshold=NEWTON_DECREMENT if own_tol else None, predicted=True)
            if unfinished is None:
                return x, step, f"converged: every |gradient| <= {tol} after {counted(step, 'step')}", True
            if unfinished.final:  # else Newton goes on: the test passed by the cost's units (probe50 P50-5)
                return x, step, (f"stopped at iteration {step}: every |gradient| <= {tol}, but "
                                 f"{unfinished.reason}"), False
        else:
            matrix = problem.hess(x)  # formed once a step: the gradient test's matrix serves the step (F40a-4)
        recorder.check_hessian(x, value, matrix, step)
        refusal = not_positive_definite(problem, matrix, step)
        if refusal is not None:  # keep the iterations taken: error.result, and the checkpoint asked for
            refusal.result = recorder.make_result(problem.params(x), value, np.asarray(recorder.history, dtype=float),
                                                  step, f"stopped at iteration {step}: {type(refusal).__name__}",
                                                  success=False, trace=recorder.trace)
            if saver is not None and saver.path is not None and step > start:
                saver.save(x, recorder.history, step)
            raise refusal
        direction = np.linalg.solve(matrix, gradient)  # exact on small integers
        alpha = 1.0
        for _ in range(60):
            candidate = x - alpha * direction
            new_value, new_gradient = problem.value_and_grad(candidate)
            if np.isfinite(new_value) and new_value <= value + 8 * np.finfo(float).eps * abs(value):
                recorder.check_gradient(candidate, new_value, new_gradient)
                break  # lower, or equal to rounding (near the minimum the cost cannot resolve the step)
            alpha *= 0.5
        else:
            if np.max(np.abs(gradient)) <= tol:  # the decrement test (NEWTON_DECREMENT) asked more than rounding allows
                return x, step, (f"converged to rounding: every |gradient| <= {tol} and no step lowers the cost "
                                     f"after {counted(step, 'step')}"), True
            return x, step, f"stopped: no decrease along the Newton direction at iteration {step}", False
        if np.array_equal(candidate, x):
            recorder.record(candidate, new_value)
            return candidate, step + 1, (f"converged to rounding: the cost stopped changing after {counted(step + 1, 'step')} "
                                         f"(max |gradient| {np.max(np.abs(new_gradient)):.3g})"), True
        if floor.reached(x, value, gradient, direction, new_value, new_gradient, matrix, tol) and \
                np.max(np.abs(new_gradient)) > tol:
            recorder.record(candidate, new_value)  # moving in its last bits from here on (probe88 P88-3)
            return candidate, step + 1, floor.message(counted(step + 1, 'step'), new_gradient, tol), True
        x, value, gradient = candidate, new_value, new_gradient
    recorder.record(x, value)
    return x, steps, f"stopped after {counted(steps, 'step')}", bool(np.max(np.abs(gradient)) <= tol)
