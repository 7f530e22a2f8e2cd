r"""A first-order run whose cost grew without overflowing (probe64 P64-9): ``Momentum(0.01, 1.5)`` takes
:math:`(w - 3)^2` from 9 to 8.7e155 in 500 steps, gradient descent at five times the stable rate to 3.2e115 in 60;
float64 overflows only later, so no :class:`~symopt.errors.DivergenceError` comes, and "stopped after 500 steps" read
as a success.  :func:`diverging` names such a run; a cost that rises a little (a noisy mini-batch, momentum's
overshoot) is not one.
"""

from __future__ import annotations

import numpy as np

__all__ = ["diverging", "DIVERGING_GROWTH", "DIVERGING_STEPS"]

#: A run is diverging where its last cost exceeds its first by more than this factor ...
DIVERGING_GROWTH = 1e6
#: ... and each of its last this many costs exceeds the one before.
DIVERGING_STEPS = 10


def diverging(history: np.ndarray) -> str | None:
    r"""Why the costs ``history`` (one a step, the start's first) are a diverging run: the last above
    :data:`DIVERGING_GROWTH` times :math:`|J_0|` and rising at each of the last :data:`DIVERGING_STEPS` steps; else
    None."""
    costs = np.asarray(history, dtype=float)
    if costs.size <= DIVERGING_STEPS or not np.all(np.isfinite(costs[-DIVERGING_STEPS - 1:])):
        return None
    first, last = float(costs[0]), float(costs[-1])
    if not (last > DIVERGING_GROWTH * abs(first) and np.all(np.diff(costs[-DIVERGING_STEPS - 1:]) > 0)):
        return None
    return (f"the cost grew from {first:.6g} to {last:.6g}, rising at each of the last {DIVERGING_STEPS} steps: the run "
            "is diverging, not converging. Lower the learning rate (on a quadratic cost gradient descent needs "
            "lr < 2/λ_max: symopt.stable_step_size), and keep a momentum below 1 (above 1 it grows at every rate)")
