"""Values traced by JAX where symopt needs numbers: ``minimize``, ``evaluate`` and the optimizers run on the host.

``symopt.minimize`` and ``symopt.evaluate`` run their own loop (converting, checking and reading back values), so
they cannot be called inside the user's ``jax.jit``, ``jax.vmap`` or ``jax.grad``; the function that
``symopt.compile(..., backend="jax")`` returns can.  A value refused for its type or range is looked at here before
the refusal is raised, so that the message names the transformation instead of blaming the number (probe74 P74-2);
the ordinary path never reaches this module.  JAX is not imported: a tracer exists only where JAX already is.
"""

from __future__ import annotations

import sys

from .errors import BackendError

__all__ = ["is_traced", "refuse_traced"]


def is_traced(value) -> bool:
    """Whether ``value`` is a JAX tracer (a value inside ``jax.jit``, ``vmap``, ``grad``, ...)."""
    jax = sys.modules.get("jax")
    return jax is not None and isinstance(value, jax.core.Tracer)


def refuse_traced(name: str, value) -> None:
    """A :class:`~symopt.errors.BackendError` where ``value`` (given for ``name``) is a JAX tracer: nothing else."""
    if not is_traced(value):
        return
    raise BackendError(
        f"{name}: expected a number; given a value traced by JAX ({type(value).__name__}): what takes it runs on the "
        f"host (symopt.minimize and symopt.evaluate run their own loop, a compat.v1 Session holds its state there; "
        f"an optimizer's settings and a function compiled for the NumPy backend need numbers) and cannot be called "
        f"inside jax.jit, jax.vmap or jax.grad. "
        f"What JAX can trace is the function symopt.compile(cost, wrt, "
        f"backend='jax') returns (value and gradients: jit, vmap or differentiate it, or write your own update "
        f"around it); to sweep a setting, call symopt.minimize in a Python loop over its values (another learning "
        f"rate compiles nothing new).")
