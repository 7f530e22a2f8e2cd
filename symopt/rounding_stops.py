r"""Whether a SciPy stop on "the cost no longer resolves a decrease" (BFGS's precision loss, trust-ncg's bad
approximation) is rounding: the decrease a step down the gradient can still give, by the quadratic model along it,
:math:`\|g\|^4 / (2\,g^\top H g)` (the Cauchy point's), is below the rounding :math:`8\epsilon|J - c|` of the
cost's varying part (``c`` a constant the cost adds), so a constant added to it does not turn a stop far from the
minimum into a success (final47b 47b-1); where the cost does not curve up along the gradient it is no minimum's
rounding."""

from __future__ import annotations

import numpy as np
import sympy

__all__ = ["decrease_below_rounding", "ROUNDING", "ROUNDING_STOPS", "UNRESOLVED_STOPS", "BFGS_PRECISION_LOSS",
           "TRUST_NCG_UNRESOLVED", "NEWTON_CG_PRECISION_LOSS"]

#: symopt's words for BFGS's "precision loss" stop (status 2): its line search found no lower cost (probe88 P88-4).
BFGS_PRECISION_LOSS = "precision loss: its line search found no lower cost along its direction"
#: symopt's words for trust-ncg's "A bad approximation caused failure to predict improvement" (status 2): its trust
#: region shrank until the cost no longer resolved the decrease its quadratic model predicted (probe88 P88-4).
TRUST_NCG_UNRESOLVED = ("its trust region shrank until the cost no longer resolved the decrease its model predicted "
                        "(SciPy: a bad approximation)")
#: symopt's words for Newton-CG's "precision loss" without ``tol`` (status 2; under ``tol`` it is
#: :data:`~symopt.method_checks.NEWTON_CG_STUCK`): its line search found no lower cost along its Newton direction.
NEWTON_CG_PRECISION_LOSS = "precision loss: its line search found no lower cost along its Newton direction"
#: SciPy's stops, by method and status, where the point stopped changing because the cost no longer resolves a
#: decrease: each read as a rounding stop (:data:`~symopt.method_checks.ROUNDING_MESSAGES`), decided by the gradient.
ROUNDING_STOPS = {("BFGS", 2): BFGS_PRECISION_LOSS, ("trust-ncg", 2): TRUST_NCG_UNRESOLVED,
                  ("Newton-CG", 2): NEWTON_CG_PRECISION_LOSS}
#: The stops that count as rounding only where :func:`decrease_below_rounding` says so (final47b 47b-1), or where
#: the point is Newton's own (:func:`~symopt.newton_point.newton_settled`: an exact fit whose cost is 0 to rounding,
#: probe91 P91-3); a saddle at the start is refused after it (47b-12).
UNRESOLVED_STOPS = (BFGS_PRECISION_LOSS, TRUST_NCG_UNRESOLVED, NEWTON_CG_PRECISION_LOSS)
#: The cost's rounding, as a multiple of :math:`\epsilon|J|`.
ROUNDING = 8 * float(np.finfo(float).eps)


def decrease_below_rounding(problem, x: np.ndarray, value: float, gradient: np.ndarray) -> bool:
    r"""Whether the Cauchy decrease at ``x`` (cost ``value``, ``gradient`` :math:`g`) is below :data:`ROUNDING`
    :math:`|J|`, with :math:`g^\top H g` from central differences of the gradient along :math:`g` (two calls)."""
    size = float(np.linalg.norm(gradient))
    if size == 0.0:
        return True
    unit = gradient / size
    h = np.cbrt(np.finfo(float).eps) * max(1.0, float(np.max(np.abs(x))))
    with np.errstate(all="ignore"):
        difference = problem.value_and_grad(x + h * unit)[1] - problem.value_and_grad(x - h * unit)[1]
        curvature = float(unit @ difference) / (2 * h)
    if not np.isfinite(curvature) or curvature <= 0:
        return False
    return size ** 2 / (2 * curvature) <= ROUNDING * abs(value - _constant_term(problem.cost))


def _constant_term(cost) -> float:
    """The constant a cost adds to its varying part (``1e5`` of ``|x - 1| + 1e5``), 0 where it adds none: the
    rounding that decides is the varying part's, so an added constant never makes a stop rounding (47b-1)."""
    if isinstance(cost, sympy.Add):
        constant, _ = cost.as_coeff_Add()
        if constant.is_number and constant.is_extended_real:
            return float(constant)
    return 0.0
