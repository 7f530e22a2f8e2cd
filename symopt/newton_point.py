r"""Whether a point where SciPy stopped with a large gradient is nonetheless Newton's own point: the dense Hessian
:math:`H` is positive definite and Newton's step :math:`d = H^{-1}\nabla J` moves each entry by at most
:data:`~symopt.newton_rounding.NEGLIGIBLE_STEP` of its own size, :math:`|d_i| \le 10^{-8} |x_i|` (as Newton's own
rounding floor reads a step; not of the largest entry, beside which a coefficient of 2e-5 could be off by itself:
final48a), so the point is the minimum to that precision of every entry, whatever the gradient's size.  The gradient
of a cost whose terms are large (least squares on prices of 7e5 over 2000 rows, summed) is large at its exact fit,
and L-BFGS-B's "RELATIVE REDUCTION OF F" (absolute where :math:`|J| < 1`) or Newton-CG's "precision loss" there is no
give-up (probe91 P91-2, P91-3).
"""

from __future__ import annotations

import numpy as np

from .cost_probes import hessian_product
from .errors import SymoptError
from .hessian_readings import DENSE_CHECK_SIZE, hessian_columns
from .newton_rounding import NEGLIGIBLE_STEP

__all__ = ["newton_settled"]


def newton_settled(problem, x: np.ndarray, gradient: np.ndarray) -> str | None:
    r"""Words saying that ``x`` is the minimum to the precision of its entries (Newton's step there, its size and
    bound), where it has at most :data:`~symopt.hessian_readings.DENSE_CHECK_SIZE` entries, a dense Hessian (by
    products, the end-point checks' own: :func:`~symopt.cost_probes.hessian_product`) that is finite and positive
    definite (its smallest eigenvalue above :math:`100 n \epsilon` of its largest, the eigenvalues
    :func:`~symopt.hessian_readings.dense_reading` keeps for Newton's step: a least-squares Hessian of condition 1e10
    is one) and a Newton step that moves each entry by at most :data:`~symopt.newton_rounding.NEGLIGIBLE_STEP` of
    its own size (an entry at 0 not at all); else None (no evidence: the run's own verdict stands).  A saddle or an
    inflection that rounding hides here is the end-point check's to find (:func:`~symopt.end_point_checks.newton_check`
    runs after every success)."""
    if x.size > DENSE_CHECK_SIZE:
        return None
    try:
        matrix = hessian_columns(hessian_product(problem, x), x.size, list(range(x.size)))
    except SymoptError:
        return None
    if not np.all(np.isfinite(matrix)):
        return None
    eigenvalues = np.linalg.eigvalsh(matrix)
    if not eigenvalues[0] > 100 * x.size * np.finfo(float).eps * abs(eigenvalues[-1]):
        return None  # curving down, flat or zero: Newton's step says nothing of a minimum
    step = np.linalg.solve(matrix, gradient)
    if not np.all(np.isfinite(step)) or not np.all(np.abs(step) <= NEGLIGIBLE_STEP * np.abs(x)):
        return None  # an entry moves by more than rounding's share of its own size (or an entry at 0 moves at all)
    with np.errstate(all="ignore"):
        fraction = float(np.max(np.where(step == 0, 0.0, np.abs(step) / np.abs(x))))
    return (f"Newton's step from there (H⁻¹∇J, H positive definite) moves each entry by at most {fraction:.2g} of "
            f"its own size, below {NEGLIGIBLE_STEP:g}: the point is the minimum to that precision")
