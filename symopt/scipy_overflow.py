r"""The products SciPy's methods form from symopt's numbers, checked before SciPy sees them (probe60 P60-2).

Every method forms the gradient's square :math:`\|\nabla J\|^2 = \sum_i (\partial J/\partial\theta_i)^2`
(L-BFGS-B's and BFGS's curvature pairs, conjugate gradients' :math:`r^\top r`), and Newton-CG and trust-ncg the
curvature :math:`p^\top H p` of each direction :math:`p` their conjugate gradients pass to ``hessp``.  Where one
overflows float64 (a gradient entry above :math:`\sqrt{\max} \approx 1.3\times 10^{154}`: ``1e300*w**2``, data of
scale 1e150), SciPy ends with a bare ``ValueError`` (trust-ncg), a wrong reason (Newton-CG: "the Hessian is not
positive definite") or "ABNORMAL" (L-BFGS-B).  Here it is a :class:`~symopt.errors.DivergenceError` naming the
quantity, the iteration and the cure; ``error.result`` holds the best point seen.  A direction that is already NaN
when SciPy passes it (trust-ncg's trust radius shrunk to 0, at a kink: probe66 P66-1) overflowed nowhere: it ends the
run with :func:`nan_direction_words` instead (:class:`NanDirection`).
"""

from __future__ import annotations

import numpy as np

from .errors import DivergenceError
from .method_checks import kink_words, kinked, projected_gradient
from .domain import point_words
from .method_recorder import Recorder

__all__ = ["check_gradient_square", "checked_hessp", "SQUARE_LIMIT", "NanDirection", "nan_direction_words"]

#: The largest magnitude whose square float64 holds.
SQUARE_LIMIT = float(np.sqrt(np.finfo(float).max))

#: What to do about a cost whose scale is past float64's range for SciPy's products.
RESCALE_ADVICE = ("The cost's scale is too large for float64 once squared: rescale the data or the cost so that the "
                  "gradient's entries are far below 1e150 (express the data in other units: a linear model's weights "
                  "are unchanged when X and y are divided by one factor), or use method='newton', whose step H⁻¹∇J "
                  "forms no such product. error.result holds the best parameters seen.")


def _square(vector: np.ndarray, other: np.ndarray) -> float:
    """:math:`v^\\top u` with NumPy's overflow warning silenced: inf where it overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.dot(vector, other))


def check_gradient_square(recorder: Recorder, x: np.ndarray, value: float, gradient: np.ndarray, method: str,
                          bounds: list | None = None) -> None:
    r"""Raise :class:`DivergenceError` where :math:`\|\nabla J\|^2` at ``x`` (an iterate of SciPy's ``method``, finite
    cost ``value`` and ``gradient``: a non-finite one has its own diagnosis) overflows.  Within ``bounds`` the gradient
    is projected first, as L-BFGS-B squares it: an entry at its bound pushing out counts 0 (final42b F42b-11)."""
    gradient = projected_gradient(x, gradient, bounds)
    if not np.isfinite(value) or not np.all(np.isfinite(gradient)) or np.isfinite(_square(gradient, gradient)):
        return
    iterations = max(len(recorder.history) - 1, 0)
    largest = float(np.max(np.abs(gradient)))
    norm = largest * float(np.linalg.norm(gradient / largest))  # ‖∇J‖ without squaring past float64's range
    cause = (f"the largest |gradient| entry is {largest:.3g}, above {SQUARE_LIMIT:.3g} whose square is float64's "
             "largest number" if largest > SQUARE_LIMIT else
             f"each |gradient| entry is at most {largest:.3g}, but their sum of squares is past float64's largest "
             f"number: ‖∇J‖ = {norm:.3g} is above {SQUARE_LIMIT:.3g}")
    raise DivergenceError(
        f"the gradient's square ‖∇J‖² overflows float64 at {point_words(recorder.problem.params(x))} (iteration "
        f"{iterations}), where the cost is {value:.6g} and {cause}: SciPy's {method} forms ‖∇J‖², so it cannot step "
        f"from there (it would stop on an inf). {RESCALE_ADVICE}",
        recorder.kept_result(x, value, "the gradient's square overflows"))


def checked_hessp(recorder: Recorder, method: str):
    r"""The problem's ``hessp(x, p)``, raising :class:`DivergenceError` where :math:`Hp` or the curvature
    :math:`p^\top H p` overflows, before SciPy's conjugate gradients divide by it, and :class:`NanDirection` where SciPy
    passes a direction ``p`` that is not finite."""
    problem = recorder.problem

    def hessp(x: np.ndarray, direction: np.ndarray) -> np.ndarray:
        if not np.all(np.isfinite(direction)):
            raise NanDirection(np.array(x, dtype=float))  # SciPy's own NaN: nothing overflowed here
        product = problem.hessp(x, direction)
        curvature = _square(np.asarray(direction, dtype=float), product)
        if np.all(np.isfinite(product)) and np.isfinite(curvature):
            return product
        iterations = max(len(recorder.history) - 1, 0)
        value, gradient = problem.value_and_grad(x)
        if kinked(problem, x, value, gradient):  # curvature without bound at a kink (1/r at a cone's apex), not the
            raise NanDirection(np.array(x, dtype=float), overflow=True)  # cost's scale (final43c F43c-8)
        quantity = "the Hessian-vector product Hp" if not np.all(np.isfinite(product)) else "the curvature pᵀHp"
        raise DivergenceError(
            f"{quantity} overflows float64 at {point_words(problem.params(x))} (iteration {iterations}), for the "
            f"direction p that SciPy's {method} passed (largest |p| entry {np.max(np.abs(direction)):.3g}; largest "
            f"|Hp| entry {np.max(np.abs(product)):.3g}): its conjugate gradients divide by pᵀHp, so they cannot go on "
            f"(SciPy would stop on an inf, or call the Hessian not positive definite). {RESCALE_ADVICE}",
            recorder.kept_result(x, value, f"{quantity} overflows"))
    return hessp


class NanDirection(Exception):
    """SciPy passed ``hessp`` a direction that is not finite at the iterate ``x``: its run cannot go on (SciPy's
    trust-ncg would spend its remaining iterations on NaN products); :func:`~symopt.scipy_methods.scipy_method` ends it
    with :func:`nan_direction_words`."""

    def __init__(self, x: np.ndarray, overflow: bool = False):
        super().__init__("SciPy passed a direction that is not finite")
        self.x = x
        #: Raised where :math:`Hp` overflowed at a kink (:func:`~symopt.method_checks.kinked`), not for a NaN ``p``.
        self.overflow = overflow


def nan_direction_words(problem, x: np.ndarray, value: float, gradient: np.ndarray, method: str,
                        iterations: int, overflow: bool = False) -> str:
    """Why a run ended at ``x`` (cost ``value``, ``gradient``) where SciPy's ``method`` passed a NaN direction (its
    trust radius had shrunk to 0, every step it tried rejected), or where ``overflow``, :math:`Hp` overflowed at a kink;
    at a kink (:func:`~symopt.method_checks.kinked`) the
    gradient there is a one-sided slope, which its quadratic model cannot step across."""
    largest = float(np.max(np.abs(gradient), initial=0.0))
    why = kink_words(largest) if kinked(problem, x, value, gradient) else (
        f"the largest |gradient| is {largest:.3g} there: its quadratic model no longer predicts the cost (a cost that "
        "is not smooth there, or rounding). Start elsewhere, or use method='lbfgs'")
    what = ("the Hessian-vector product Hp overflowed float64 there, the curvature growing without bound at a kink "
            "(1/r at a cone's apex), not with the cost's scale" if overflow else
            f"SciPy's {method} passed a NaN direction p to the Hessian-vector product (nothing overflowed: its trust "
            "radius had shrunk to 0, every step it tried rejected)")
    return f"stopped at iteration {iterations}: {what}, at {point_words(problem.params(x))} where the cost is " \
           f"{value:.6g}; {why}"
