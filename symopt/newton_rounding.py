r"""When Newton's steps have reached the cost's rounding floor: the point then moves in its last bits forever, the cost
no longer changes, and the gradient stays at its rounding noise (a covariate in dollars summed over 20 000 rows:
4.6e-08), never below an absolute ``tol``.  :class:`RoundingFloor` ends such a run as converged to rounding
(probe88 P88-3), where the damped Newton loop (:func:`symopt.second_order.minimize_with_method`) would run every step
and call the exact minimum a failure.

A step is at the floor when, with :math:`H \succ 0` (Newton checked it) and :math:`H d = \nabla J`,

* its predicted decrease :math:`\tfrac12 \nabla J^\top d` is below the cost's rounding :math:`8\epsilon|J|`,
* the cost it reached differs from the cost before by no more than that rounding, and
* the gradient did not shrink to half its size (Newton's quadratic steps shrink it far more; even on
  :math:`(w - 1)^{2k}`, whose minimum is degenerate, each step shrinks it by at least :math:`e^{-1}`), and
* the step :math:`d` itself is negligible, each entry at most :data:`NEGLIGIBLE_STEP` of its own :math:`|x_i|` (a
  constant added to the cost inflates its rounding, not the gradient's: final47b 47b-8; a parameter of scale
  1e-10 takes steps of its own scale: final47b2 47b2-4), or, where that fails (an entry whose minimum is exactly
  0 has no size of its own: final47d3 47d3-2), at most the step the tol test allows along its own axis,
  :math:`|d_i| \le \mathrm{tol} / H_{ii}` (for a diagonal :math:`H` exactly :math:`|g_i| \le \mathrm{tol}`; the
  looser :math:`\mathrm{tol} \sum_j |(H^{-1})_{ij}|` let a cycling Newton run with one tiny eigenvalue pass as
  rounding: final48a 48a-1).

:data:`FLOOR_STEPS` such steps in a row end the run."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["RoundingFloor", "negligible", "FLOOR_STEPS", "ROUNDING", "NEGLIGIBLE_STEP"]

#: Consecutive steps at the rounding floor that end a Newton run.
FLOOR_STEPS = 2
#: A Newton step at the floor moves each entry by at most this fraction of its own size: rounding's size.
#: A constant that dwarfs the cost's variation (``1e12 + 1e-8*sqrt(1 + (w - 4)**2)``) puts every decrease below the
#: cost's rounding while Newton still takes long steps, diverging or not: no floor (final47b 47b-8).
NEGLIGIBLE_STEP = 1e-8
#: The cost's rounding, as a multiple of :math:`\epsilon |J|` (the damped Newton loop accepts a step that raises the
#: cost by this much).
ROUNDING = 8 * np.finfo(float).eps


@dataclass
class RoundingFloor:
    """Counts Newton's consecutive steps at the cost's rounding floor (see the module)."""

    in_a_row: int = 0

    def reached(self, x: np.ndarray, value: float, gradient: np.ndarray, direction: np.ndarray, new_value: float,
                new_gradient: np.ndarray, hessian: np.ndarray, tol: float) -> bool:
        """Whether the step from ``x``, cost ``value`` with ``gradient`` and ``hessian``, along the Newton
        ``direction`` (:math:`H^{-1}\\nabla J`) to ``new_value`` with ``new_gradient`` is the :data:`FLOOR_STEPS`-th
        at the rounding floor in a row (``tol``: the run's gradient tolerance)."""
        rounding = ROUNDING * abs(value)
        predicted = float(np.dot(gradient, direction)) / 2
        at_floor = predicted <= rounding and abs(new_value - value) <= rounding and \
            np.max(np.abs(new_gradient)) > np.max(np.abs(gradient)) / 2 and negligible(x, direction, hessian, tol)
        self.in_a_row = self.in_a_row + 1 if at_floor else 0
        return self.in_a_row >= FLOOR_STEPS

    @staticmethod
    def message(steps: str, gradient: np.ndarray, tol: float) -> str:
        """The verdict's words after ``steps`` (``"6 steps"``), ending with ``gradient`` whose largest entry is above
        ``tol``."""
        return (f"converged to rounding: after {steps} Newton's step predicts a decrease below the cost's rounding "
                f"and the cost stopped changing (the largest |gradient| is {np.max(np.abs(gradient)):.3g} > "
                f"tol = {tol:g}: its rounding noise)")


def negligible(x: np.ndarray, direction: np.ndarray, hessian: np.ndarray, tol: float) -> bool:
    r"""Whether each entry of the Newton step ``direction`` from ``x`` is rounding's size: at most
    :data:`NEGLIGIBLE_STEP` of :math:`|x_i|`, or else (an entry at 0, whose own size says nothing) at most
    :math:`\mathrm{tol} / H_{ii}` (for a diagonal :math:`H`: exactly where :math:`|g_i| = H_{ii}|d_i| \le
    \mathrm{tol}`, the tol test's own verdict on that entry)."""
    small = np.abs(direction) <= NEGLIGIBLE_STEP * np.abs(x)
    if small.all():
        return True
    with np.errstate(divide="ignore"):
        reach = tol / np.abs(np.diagonal(hessian))
    return bool(np.all(small | (np.abs(direction) <= np.where(np.isfinite(reach), reach, 0.0))))
