r"""A cost too small for float64 (probe60 P60-3): where the cost's scale :math:`\max(|J(x)|, |J(x_0)|)` is below
float64's smallest normal number (2.2e-308) and computing it at :math:`x` underflowed, float64 has rounded the cost,
its gradient and its Hessian to a few digits or to 0 (least squares on data of scale 1e-165 is 0 everywhere), so a
gradient test passes wherever a run stops and proves nothing: no success.  A cost that is exactly 0 without an
underflow (``(w - 5)**2`` at 5, a perfect fit) is a minimum as before.
"""

from __future__ import annotations

import numpy as np

from .domain import numpy_culprit

__all__ = ["SMALLEST_NORMAL", "underflow_reason"]

#: float64's smallest normal number: below it a value keeps fewer than 16 significant digits (none at 0).
SMALLEST_NORMAL = float(np.finfo(float).tiny)


def underflow_reason(problem, x: np.ndarray, value: float, start_value: float) -> str | None:
    """Why a passed gradient test at ``x`` (cost ``value``; ``start_value`` at the run's start) proves nothing, where
    the cost's scale is below :data:`SMALLEST_NORMAL` and NumPy reports an underflow computing the cost at ``x``;
    else None.  ``problem`` is a :class:`~symopt.second_order.Problem`."""
    if not max(abs(value), abs(start_value)) < SMALLEST_NORMAL:
        return None
    culprit = numpy_culprit(problem.function, problem.arguments(x), kinds=("underflow",))
    if culprit is None:
        return None
    at_start = f" and {start_value:.3g} at the start" if start_value != value else ""
    return (f"the cost is {value:.3g} there{at_start}, below float64's smallest normal number "
            f"{SMALLEST_NORMAL:.3g}, and computing it underflowed ({culprit}): float64 rounds a cost this small, its "
            "gradient and its Hessian to a few digits or to 0, so the gradient test passes wherever the run stops and "
            "says nothing about a minimum. Rescale the data so that the cost at the start is far above 1e-300: express "
            "it in larger units (a linear model's weights are unchanged when X and y are divided by one factor, such "
            "as their largest |value|)")
