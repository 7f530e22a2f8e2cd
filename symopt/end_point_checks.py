r"""The end of a second-order run read with the exact Hessian :math:`H` (probe50): a point where a gradient test
passed is no minimum where :math:`H` curves down (a saddle), where the cost still falls far along Newton's direction
(no finite minimizer: separation), or where Newton's step predicts a real decrease (a parameter in small units).
:func:`scipy_verdict` adds these to :func:`~symopt.method_checks.scipy_gradient_verdict`; ``method="newton"`` asks
:func:`newton_check` where its own gradient test passes.  ``problem`` is a :class:`~symopt.second_order.Problem`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import SymoptError
from .method_checks import CURVATURE_CHECK_SIZE, clipped_start, not_a_minimum, scipy_gradient_verdict
from .symbols import is_matrix

__all__ = ["scipy_verdict", "newton_check", "Unfinished", "UNFINISHED_DECREMENT", "ESCAPE_PROBE",
           "CURVATURE_ROUNDING"]


def scipy_verdict(problem, result, tol, bounds: list | None, start: np.ndarray) -> tuple[str, bool]:
    """:func:`scipy_gradient_verdict`, and where that is a success, :func:`newton_check` at the returned point: a saddle,
    a cost still falling along Newton's direction, or a Newton step predicting a real decrease is no success
    (probe50 P50-1, P50-5, P50-7)."""
    message, success = scipy_gradient_verdict(problem, result, tol, bounds, start)
    if not success:
        return message, success
    value, gradient = problem.value_and_grad(result.x)
    start_value, _ = problem.value_and_grad(start)
    unfinished = newton_check(problem, result.x, value, gradient, start_value, bounds)
    if unfinished is not None:
        return f"{message.rstrip('.')}; but {unfinished.reason}", False
    return message, success


#: A claimed minimum where Newton's step :math:`d = H^{-1}\nabla J` predicts a further decrease
#: :math:`\nabla J^\top d / 2` (half the Newton decrement squared) above this fraction of the cost's scale
#: :math:`\max(|J|, |J(\text{start})|)` is refused: a test that reads neither the parameters' units nor the cost's.
UNFINISHED_DECREMENT = 1e-6
#: How many Newton steps out :func:`newton_check` looks for a cost still falling (a minimizer at infinity).
ESCAPE_PROBE = 100.0
#: Eigenvalues of the Hessian below this fraction of its largest are read as curving down (a saddle) when negative,
#: as flat (left out of Newton's step) when not: the Hessian of a point where a method stopped, not of the minimum.
CURVATURE_ROUNDING = 1e-8


@dataclass(frozen=True)
class Unfinished:
    """Why a point where the gradient test passed is no minimum: ``reason`` ends a run's message; ``escaping`` when
    the cost still falls far along Newton's direction (no finite minimizer), else a saddle or a far Newton step."""

    reason: str
    escaping: bool = False


def newton_check(problem, x: np.ndarray, value: float, gradient: np.ndarray, start_value: float,
                 bounds: list | None = None, matrix: np.ndarray | None = None,
                 threshold: float = UNFINISHED_DECREMENT) -> Unfinished | None:
    r"""None where the exact Hessian :math:`H` (over the entries off ``bounds``, at most
    :data:`CURVATURE_CHECK_SIZE` of them) says ``x`` is a minimum; else why not, by tests that hold whatever the units
    of the parameters and of the cost: :math:`H` curves down (a saddle: probe50 P50-7); the cost
    :math:`ESCAPE\_PROBE` Newton steps out is below its value here (the minimizer is at infinity: separation, all-zero
    counts: P50-1); Newton's step predicts a decrease :math:`\nabla J^\top H^{-1} \nabla J / 2` above
    ``threshold`` (:data:`UNFINISHED_DECREMENT`) of :math:`\max(|J|, |J_0|)` (a parameter in small units has a small gradient far
    from its optimum: P50-5).  A Hessian symopt cannot form, or not finite, is no evidence (None)."""
    inside = [(low is None or x[index] > low) and (high is None or x[index] < high)
              for index, (low, high) in enumerate(bounds or [(None, None)] * x.size)]
    free = [index for index, ok in enumerate(inside) if ok]
    if not free or x.size > CURVATURE_CHECK_SIZE:
        return None
    try:
        matrix = np.asarray(problem.hess(x) if matrix is None else matrix, dtype=float)
    except SymoptError:
        return None
    if not np.all(np.isfinite(matrix)):
        return None
    block = matrix[np.ix_(free, free)]
    eigenvalues, vectors = np.linalg.eigh((block + block.T) / 2)
    largest = float(np.max(np.abs(eigenvalues), initial=0.0))
    if largest == 0.0:
        return None
    if eigenvalues[0] < -CURVATURE_ROUNDING * largest:
        return Unfinished(f"the largest |gradient| is {np.max(np.abs(gradient)):.3g} at the point it returned "
                          f"{not_a_minimum(eigenvalues)}")
    kept = eigenvalues > 100 * len(free) * np.finfo(float).eps * largest  # rounding's eigenvalues are flat
    along = vectors[:, kept].T @ gradient[free]
    step = np.zeros_like(x)
    step[free] = vectors[:, kept] @ (along / eigenvalues[kept])
    decrease = float(along @ (along / eigenvalues[kept])) / 2
    if bounds is not None and clipped_start(x - step, bounds).tolist() != (x - step).tolist():
        return None  # Newton's point leaves the box: its decrease is not one the run could have taken
    names = problem.entry_names()
    moving = int(np.argmax(np.abs(step)))
    owner = [p for p, shape in zip(problem.parameters, problem.shapes) for _ in range(int(np.prod(shape)))][moving]
    penalty = f"1e-3 * ops.sum(ops.square({owner}))" if is_matrix(owner) else f"1e-3 * {owner}**2"
    if bounds is None and decrease > 64 * np.finfo(float).eps * abs(value):
        far = problem.value_and_grad(x - ESCAPE_PROBE * step)[0]
        if far < value - decrease / 2:
            return Unfinished(
                f"the cost is still falling: {ESCAPE_PROBE:g} Newton steps further out ({names[moving]} "
                f"{x[moving]:.4g} → {x[moving] - ESCAPE_PROBE * step[moving]:.4g}) it is {far:.6g}, below its "
                f"{value:.6g} here, and the Hessian is nearly flat (eigenvalues {np.array2string(eigenvalues, precision=3)}"
                f"): the cost has no finite minimizer, its infimum lies at infinity and the gradient test passed only "
                "because the gradient underflows on the way there. In a likelihood this is separation (a variable that "
                "splits the outcomes perfectly, or a group with all-zero counts): the estimates run off and their "
                f"standard errors mean nothing. Remove or merge the separating variable, add a penalty such as "
                f"{penalty} to the cost, or bound the parameters (method='lbfgs' with bounds=)",
                escaping=True)
    scale = max(abs(value), abs(start_value))
    if decrease > threshold * scale:
        return Unfinished(
            f"Newton's step from there (H⁻¹∇J, {names[moving]} by {-step[moving]:.4g}) predicts a further decrease of "
            f"{decrease:.3g} on a cost of {value:.6g} (above {threshold:g} of the cost's scale "
            f"{scale:.3g}): it stopped far from the minimum. A gradient test is absolute, and a parameter in small "
            "units has a small gradient far from its optimum. Rescale the data (standardize the covariates), run "
            "method='newton', or pass a smaller tol=")
    return None
