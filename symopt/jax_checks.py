r"""Checks of a JAX run before and while it is queued: the data's finiteness, read on the device without waiting
(:func:`finite_flag`), and a schedule's step counter, which is an int32 without 64-bit JAX
(:func:`refuse_counter_overflow`)."""

from __future__ import annotations

import functools

import numpy as np

from .errors import BackendError
from .jax_printer import require_jax
from .run_arguments import check_data

__all__ = ["finite_flag", "check_all_data", "INT32_STEPS", "refuse_counter_overflow"]


def finite_flag(arrays: list):
    """A device boolean: every entry of every array finite (one jitted call where the arrays are, not awaited:
    the host goes on queueing the run and reads the flag before it reads any cost)."""
    return _all_finite()(arrays) if arrays else np.True_


@functools.cache
def _all_finite():
    jax = require_jax()
    return jax.jit(lambda arrays: jax.numpy.stack([jax.numpy.isfinite(a).all() for a in arrays]).all())


def check_all_data(symbols: list, values: list, given: list) -> None:
    """Raise :class:`~symopt.errors.FeedError` naming the first symbol with empty or non-finite data; ``given`` are
    what the user fed (``values`` converted), so that a table's entry is named by row, index label and column."""
    for symbol, value, fed in zip(symbols, values, given):
        check_data(symbol, value, given=fed)  # raises, naming the symbol and the first bad entry


#: The last step an int32 step counter holds (JAX without 64-bit types).
INT32_STEPS = 2 ** 31 - 1


def refuse_counter_overflow(optimizer, total_steps: int) -> None:
    """A schedule's step counter is an int32 array in JAX without ``jax_enable_x64``: a run longer than
    :data:`INT32_STEPS` steps would wrap it to negative steps (a decay turned into growth), so it is refused."""
    if optimizer.schedules() and total_steps > INT32_STEPS and not require_jax().config.read("jax_enable_x64"):
        raise BackendError(
            f"{total_steps} steps with a learning-rate schedule on the JAX backend: its step counter is an int32 "
            f"without 64-bit JAX, exact to {INT32_STEPS} steps, and would wrap. Call "
            "jax.config.update('jax_enable_x64', True) before running (an int64 counter, as TF1's global_step), or "
            "run on the NumPy backend (a Python int).")
