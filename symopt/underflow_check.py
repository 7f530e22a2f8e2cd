r"""A cost too small for its float type (probe60 P60-3): where the cost's scale is below the run dtype's smallest
normal number (float64: 2.2e-308; float32: 1.2e-38) at :math:`x`, at the start and one reach
:math:`r = \max(1, \|x\|_\infty)` away along each axis both ways, the float type has rounded the cost, its gradient
and its Hessian to a few digits or to 0 (least squares on data of scale 1e-165 is 0 everywhere), so a gradient test
passes wherever a run stops and proves nothing: no success, where something underflowed (NumPy reports it at
:math:`x`, or one of those costs is a nonzero number below that limit).  A cost that is 0 at ``x`` but of normal size
nearby (``(w - 5)**2`` at 5; a perfect fit whose weights hold a harmless ``sigmoid(800)``, final42b F42b-1), or
exactly 0 there and nearby with nothing underflowing (a zero-initialized network at an exact fit), is a minimum as
before.  Python's ``math.exp`` (scalar costs) underflows silently: a cost it rounds to exactly 0 everywhere is not
seen, one it rounds to a subnormal number is (F42b-2).
"""

from __future__ import annotations

import numpy as np

from .domain import numpy_culprit

__all__ = ["SMALLEST_NORMAL", "UNDERFLOW_AXES", "underflow_reason"]

#: float64's smallest normal number: below it a value keeps fewer than 16 significant digits (none at 0).
SMALLEST_NORMAL = float(np.finfo(float).tiny)
#: The most axes probed one reach away (both ways) for the cost's scale near ``x``.
UNDERFLOW_AXES = 16


def underflow_reason(problem, x: np.ndarray, value: float, start_value: float, dtype=np.float64) -> str | None:
    """Why a passed gradient test at ``x`` (cost ``value``; ``start_value`` at the run's start) proves nothing, where
    the cost's scale, there and one reach away along each axis (at most :data:`UNDERFLOW_AXES`) and along all of them
    at once, is below ``dtype``'s
    smallest normal number; else None.  ``problem`` is a :class:`~symopt.second_order.Problem`."""
    tiny = float(np.finfo(dtype).tiny)
    if not max(abs(value), abs(start_value)) < tiny:
        return None
    reach = max(1.0, float(np.max(np.abs(x), initial=0.0)))
    values = [value, start_value]
    directions = [np.eye(1, x.size, index).reshape(x.shape) for index in range(min(x.size, UNDERFLOW_AXES))]
    directions.append(np.ones(x.shape))  # all at once: a zero-initialized network moves only so (final42f F42f-3)
    for direction in directions:
        for sign in (1.0, -1.0):
            point = np.array(x, dtype=float) + sign * reach * direction
            with np.errstate(all="ignore"):
                values.append(float(problem.value_and_grad(point)[0]))
            if np.isfinite(values[-1]) and abs(values[-1]) >= tiny:
                return None  # the cost has a normal scale nearby: 0 here is a fit, not an underflow
    culprit = numpy_culprit(problem.function, problem.arguments(x), kinds=("underflow",))
    if culprit is None and not any(0 < abs(number) < tiny for number in values):
        return None  # exactly 0 here and nearby, nothing underflowed: a zero-initialized network at an exact fit
    how = f"computing it underflowed ({culprit})" if culprit is not None else \
        f"so is the cost one reach ({reach:.3g}) away along each axis"
    name = np.dtype(dtype).name
    at_start = f" and {start_value:.3g} at the start" if start_value != value else ""
    return (f"the cost is {value:.3g} there{at_start}, below {name}'s smallest normal number {tiny:.3g}, and {how}: "
            f"{name} rounds a cost this small, its gradient and its Hessian to a few digits or to 0, so the gradient "
            "test passes wherever the run stops and says nothing about a minimum. Rescale the data so that the cost at "
            f"the start is far above {tiny:.2g}: express it in larger units (a linear model's weights are unchanged when "
            "X and y are divided by one factor, such as their largest |value|)")
