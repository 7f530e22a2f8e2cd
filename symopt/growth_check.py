r"""A first-order run whose cost grew without overflowing (probe64 P64-9): ``Momentum(0.01, 1.5)`` takes
:math:`(w - 3)^2` from 9 to 8.7e155 in 500 steps, gradient descent at five times the stable rate to 3.2e115 in 60;
float64 overflows only later, so no :class:`~symopt.errors.DivergenceError` comes, and "stopped after 500 steps" read
as a success.  :func:`diverging` names such a run; a cost that rises a little (a noisy mini-batch, momentum's
overshoot) is not one.  A mini-batch run over batches in a fixed order (``shuffle=False``, a stream) that
:func:`diverging` names is diverging only where :func:`grew_on_same_rows` confirms it on the same rows (probe97 P97-1).
"""

from __future__ import annotations

import numpy as np

__all__ = ["diverging", "grew_on_same_rows", "DIVERGING_GROWTH", "DIVERGING_STEPS", "SHORTEST_WINDOW", "SHORT_RUN_RISE"]

#: A run is diverging where the median of its last costs exceeds its first by more than this factor ...
DIVERGING_GROWTH = 1e6
#: ... over its last this many costs, whose largest is no smaller than the largest of the as many before (the envelope
#: still growing: an oscillating divergence counts, final42b F42b-4; a spike the run recovers from does not).
DIVERGING_STEPS = 10
#: A shorter run (10 to 19 costs: 9 to 18 full-batch steps with the start's cost; tuning a learning rate, final42f
#: F42f-8) is judged on the halves of its costs, each at least this long; a run of fewer costs (8 full-batch steps or
#: fewer) is never called diverging, whatever its growth (final43a F43a-9).
SHORTEST_WINDOW = 5
#: ... and only where each half itself grew by more than this factor (its envelope: the largest of its last two costs
#: against the largest of its first two), as a run that multiplies its cost at every step does: a mini-batch run whose
#: later batches are noisier jumps once between halves and does not grow within them (final43a F43a-10).
SHORT_RUN_RISE = 1e3


def diverging(history: np.ndarray) -> str | None:
    r"""Why the costs ``history`` (one a step, the start's first) are a diverging run: with :math:`n` =
    :data:`DIVERGING_STEPS`, or half the costs for a shorter run (at least :data:`SHORTEST_WINDOW`, each half grown
    within itself by :data:`SHORT_RUN_RISE`), the median of the
    last :math:`n` above :data:`DIVERGING_GROWTH` times the median :math:`|J|` of the first :math:`n` (none where that
    is 0: a run started at an exact fit), and their largest at least the largest of the :math:`n` before; else None.
    A repeated last cost (a mini-batch run's returned value, F42b-3) or a sign-changing oscillation (momentum with
    complex roots) does not hide it."""
    costs = np.asarray(history, dtype=float)
    steps = min(DIVERGING_STEPS, costs.size // 2)
    if steps < SHORTEST_WINDOW:
        return None
    # a necessary condition first, two small reductions (the medians cost a converging run's call 30 µs: issue 13's
    # lecture): the last costs' median can pass 1e6 times the first ones' only if their largest passes the smallest
    if not max(costs[-steps:].tolist()) > DIVERGING_GROWTH * min(map(abs, costs[:steps].tolist())):
        return None
    window = costs[-2 * steps:]
    if not np.all(np.isfinite(window)):
        return None
    first, last = float(costs[0]), float(costs[-1])
    start = float(np.median(np.abs(costs[:steps])))  # the run's typical start, not one batch's cost
    if start == 0:  # growth from an exact fit cannot be measured (a noise-free fit's batches: final42f F42f-4)
        return None
    recent, before = window[steps:], window[:steps]
    if not (np.median(recent) > DIVERGING_GROWTH * start and np.max(recent) >= np.max(before)):
        return None
    if steps < DIVERGING_STEPS and not all(max(half[-2:]) > SHORT_RUN_RISE * max(abs(half[:2])) for half in
                                           (before, recent)):
        return None  # a short run grows within both halves, not by one jump between them
    return (f"the cost grew from {first:.6g} to {last:.6g} (the median of the last {steps} steps "
            f"{np.median(recent):.3g}, their largest still growing): the run is diverging, not converging. Lower the "
            "learning rate (on a quadratic cost gradient descent needs lr < 2/λ_max: "
            "symopt.second_order.stable_step_size), and keep a momentum below 1 (above 1 it grows at every rate)")


def grew_on_same_rows(start: float, now: float) -> bool:
    r"""Whether a mini-batch run over batches in a fixed order, which :func:`diverging` names from its batches' costs
    in run order (other rows: time-ordered data's grow by orders whatever the run does, probe97 P97-1), grew on the
    same rows too: its first batch's cost ``now`` at the returned parameters above :data:`DIVERGING_GROWTH` times
    :math:`|J_0|`, ``start`` its cost at the start.  An overflow to inf or a NaN there counts as grown, and so does
    any cost where :math:`J_0 = 0` (growth from an exact fit cannot be measured): nothing shows that the run fits."""
    return start == 0 or not now <= DIVERGING_GROWTH * abs(start)
