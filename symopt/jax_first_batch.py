"""The cost of a JAX mini-batch run's first batch at its returned state: the same-rows check that
:func:`symopt.result.run_verdict` asks for of a run in a fixed order (``shuffle=False``), whose costs in run order are
other rows' (probe97 P97-1)."""

from __future__ import annotations

from .jax_printer import require_jax

__all__ = ["same_rows_cost"]


def same_rows_cost(run, state: list):
    """``() -> float``: the cost of rows 0..B-1, the first mini-batch of ``run`` (a ``symopt.jax_run`` run), at
    ``state`` (its parameters, slots and shared slots, on the host), computed only when called; None for a full
    batch or shuffled rows (``run.batches_in_order`` None), whose verdict needs none."""
    if run.batches_in_order is None:
        return None

    def cost() -> float:
        take, rows = require_jax().numpy.take, run.rows_of(0)
        batch = [v if axis is None else take(v, rows, axis=axis) for v, axis in zip(run.data, run.axes)]
        return float(run.compiled.on_host(*state, *run.hyper, *batch)[0])
    return cost
