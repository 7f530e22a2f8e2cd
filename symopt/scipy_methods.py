r"""SciPy's methods of :func:`~symopt.second_order.minimize_with_method` (``"lbfgs"``, ``"bfgs"``, ``"newton-cg"``,
``"trust-ncg"``), fed by symopt's generated value-and-gradient (``jac=True``) and Hessian-vector product.

``tol`` is the gradient tolerance of every method, :math:`\max_i |\partial J/\partial\theta_i| \le` tol: SciPy's
``gtol`` for L-BFGS-B (with ``ftol=1e-15``, so that its relative-decrease test does not stop it first), BFGS and
trust-ncg.  SciPy's Newton-CG tests only its step (``xtol``: the mean :math:`|\Delta\theta_i|`), which stops a badly
scaled cost while the gradient is still large, so that a looser ``tol`` failed where a stricter one succeeded (probe54
P54-5): symopt gives it the step tolerance :data:`NEWTON_CG_XTOL` and stops it after the iteration whose gradient
meets ``tol``; where SciPy ends it first (a step below that tolerance, or "precision loss"), the point stopped
changing at rounding, and the verdict is L-BFGS-B's: "converged to rounding" near a minimum, a failure far from one.
L-BFGS-B's "ABNORMAL" (its last line search found no lower cost; SciPy gives no reason), BFGS's "precision loss",
trust-ncg's "bad approximation" (the cost no longer resolves a decrease) and Newton-CG's "precision loss" without
``tol`` get the same verdict (:data:`~symopt.rounding_stops.ROUNDING_STOPS`).
A gradient or a Hessian-vector product whose square SciPy cannot form in float64 is refused before SciPy sees it
(:mod:`symopt.scipy_overflow`).
"""

from __future__ import annotations

import numpy as np

from .end_point_checks import scipy_verdict
from .errors import ConfigurationError
from .method_checks import LBFGSB_ABNORMAL, NEWTON_CG_STUCK, ROUNDING_STOPS
from .method_recorder import Recorder
from .result import counted
from .scipy_overflow import NanDirection, check_gradient_square, checked_hessp, nan_direction_words

__all__ = ["scipy_method", "NEWTON_CG_XTOL"]

#: Newton-CG's step tolerance under a user's ``tol``: far below any step that matters, so that symopt's gradient test
#: (not SciPy's step test) ends the run.
NEWTON_CG_XTOL = 1e-15

#: SciPy's Newton-CG statuses that, under ``xtol = 1e-15``, mean the point stopped changing: 0 (its step fell below
#: ``xtol``) and 2 (its line search found no lower cost: "precision loss").
NEWTON_CG_ROUNDING_STATUSES = (0, 2)

#: The methods given the Hessian-vector product ``hessp``.
USES_HESSP = {"Newton-CG", "trust-ncg"}


def tol_options(name: str, tol: float) -> dict:
    """SciPy's options of method ``name`` for a user's gradient tolerance ``tol``."""
    return {"L-BFGS-B": {"gtol": tol, "ftol": 1e-15}, "BFGS": {"gtol": tol},
            "Newton-CG": {"xtol": min(tol, NEWTON_CG_XTOL)}, "trust-ncg": {"gtol": tol}}[name]


def scipy_method(name: str, problem, x0: np.ndarray, steps: int, tol, bounds: list | None, recorder: Recorder):
    """Run SciPy's method ``name`` from ``x0`` for at most ``steps`` iterations; ``(x, iterations, message,
    success)``, the verdict :func:`~symopt.end_point_checks.scipy_verdict`'s.  ``problem`` is a
    :class:`~symopt.second_order.Problem`; ``recorder`` keeps the history and runs the callback."""
    try:
        from scipy.optimize import OptimizeResult, minimize as scipy_minimize
    except ImportError:  # pragma: no cover - scipy is installed in the test environment
        raise ConfigurationError("method= needs SciPy: pip install 'symopt[scipy]'") from None
    options: dict = {"maxiter": steps}
    if tol is not None:
        options.update(tol_options(name, tol))
    tests_gradient = name == "Newton-CG" and tol is not None  # SciPy's Newton-CG tests its step alone
    value0, gradient0 = problem.value_and_grad(x0)
    recorder.check_gradient(x0, value0, gradient0, bounds)
    check_gradient_square(recorder, x0, value0, gradient0, name, bounds)  # before SciPy squares it (probe60 P60-2)
    recorder.record(x0, value0)
    last = {}  # the point value_and_grad evaluated last and its gradient: usually the iterate SciPy then reports
    iterate = {"x": np.array(x0), "gradient": gradient0}  # the iterate reported last (trust-ncg repeats a rejected one)
    converged = []  # Newton-CG: the gradient met tol after an iteration

    def gradient_at(x: np.ndarray) -> np.ndarray:
        for known in (last, iterate):
            if np.array_equal(known.get("x"), x):
                gradient = known["gradient"]
                break
        else:
            gradient = problem.value_and_grad(x)[1]
        iterate.update(x=np.array(x), gradient=gradient)
        return gradient

    def on_iteration(intermediate_result):
        if recorder.record(intermediate_result.x, float(intermediate_result.fun)):
            raise StopIteration
        gradient = gradient_at(intermediate_result.x)
        check_gradient_square(recorder, intermediate_result.x, float(intermediate_result.fun), gradient, name,
                              bounds)
        if tests_gradient and np.max(np.abs(gradient), initial=0.0) <= tol:
            converged.append(True)
            raise StopIteration

    def value_and_grad(x):
        value, gradient = problem.value_and_grad(x)
        last.update(x=np.array(x), gradient=gradient)
        recorder.trial(x, value)  # a line search's trial point outside the domain is remembered
        recorder.check_gradient(x, value, gradient, bounds)  # a finite cost without a finite gradient: no step
        return value, gradient

    extra = {"hessp": checked_hessp(recorder, name)} if name in USES_HESSP else {}
    if bounds is not None:
        extra["bounds"] = bounds
    try:
        result = scipy_minimize(value_and_grad, x0, jac=True, method=name, callback=on_iteration, options=options,
                                **extra)
    except NanDirection as stop:  # trust-ncg's radius shrank to 0 (a kink): no step is left to take (probe66 P66-1)
        value, gradient = problem.value_and_grad(stop.x)
        iterations = max(len(recorder.history) - 1, 0)
        result = OptimizeResult(x=stop.x, fun=value, nit=iterations, success=False, status=-1,
                                message=nan_direction_words(problem, stop.x, value, gradient, name, iterations,
                                                            stop.overflow))
    iterations = int(result.get("nit", 0))  # none when bounds= fix every entry: SciPy returns the point itself
    if converged:  # stopped by symopt's gradient test, not by a user's callback; "converged" once the verdict agrees
        result.success = True
        result.message = f"every |gradient| <= {tol} after {counted(iterations, 'step')}"
    elif tests_gradient and result.status in NEWTON_CG_ROUNDING_STATUSES:  # a verdict of rounding, as L-BFGS-B's
        result.success = True
        result.message = NEWTON_CG_STUCK
    elif name == "L-BFGS-B" and str(result.message).startswith("ABNORMAL"):  # read as its other rounding stop: the
        result.success = True  # gradient at the point decides (symopt's verdict), not an empty reason (probe66 P66-3)
        result.message = LBFGSB_ABNORMAL
    elif (name, result.get("status")) in ROUNDING_STOPS:  # precision loss (BFGS, Newton-CG), a bad approximation
        result.success = True  # (no status where bounds= fix every entry): the same verdict, by the gradient (P88-4)
        result.message = ROUNDING_STOPS[name, result.get("status")]
    if not np.isfinite(result.fun):  # SciPy may report its last trial's value with the point it kept
        value, _ = problem.value_and_grad(result.x)
        if not np.isfinite(value):
            recorder.record(result.x, float(value))
    recorder.check_end(result.x)  # after a trial outside the domain, no success claimed far from zero
    if recorder.stopped:
        return result.x, iterations, "stopped by callback", True
    message, success = scipy_verdict(problem, result, tol, bounds, x0)
    if converged and success:
        message = f"converged: {message}"
    return result.x, iterations, f"{name}: {message}", success
