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


#: What a tracer's class says of the transformation tracing it (JAX 0.4–0.10 class names), for the message.
TRANSFORMATIONS = (("Jit", "jax.jit"), ("Jaxpr", "jax.jit"), ("Batch", "jax.vmap"), ("JVP", "jax.grad or jax.jvp"),
                   ("Linearize", "jax.grad or jax.jvp"))

#: How deep :func:`is_traced` looks into nested lists (``[[a], [a]]``: a feed assembled from traced numbers).
NESTING = 32


def is_traced(value) -> bool:
    """Whether ``value`` is a JAX tracer (a value inside ``jax.jit``, ``vmap``, ``grad``, ...), or a list or tuple
    holding one at any depth up to :data:`NESTING` (final45g 45g-4)."""
    jax = sys.modules.get("jax")
    return jax is not None and _traced_in(value, jax.core.Tracer, NESTING)


def _traced_in(value, tracer: type, depth: int) -> bool:
    if isinstance(value, tracer):
        return True
    return isinstance(value, (list, tuple)) and depth > 0 and any(_traced_in(v, tracer, depth - 1) for v in value)


def _first_tracer(value, depth: int = NESTING):
    if not isinstance(value, (list, tuple)) or depth == 0:
        return value
    jax = sys.modules["jax"]
    return next(_first_tracer(v, depth - 1) for v in value if _traced_in(v, jax.core.Tracer, depth - 1))


def transformation(tracer) -> str:
    """``jax.jit``, ``jax.vmap`` or ``jax.grad or jax.jvp``, read off the tracer's class; ``a JAX transformation``
    for another."""
    kind = type(tracer).__name__
    return next((name for part, name in TRANSFORMATIONS if part in kind), "a JAX transformation")


def refuse_traced(name: str, value) -> None:
    """A :class:`~symopt.errors.BackendError` where ``value`` (given for ``name``) is a JAX tracer or a list holding
    one: nothing else."""
    if not is_traced(value):
        return
    tracer = _first_tracer(value)
    inside = "a list holding " if tracer is not value else ""
    raise BackendError(
        f"{name}: expected concrete values (a number or an array); given {inside}a value traced by JAX inside "
        f"{transformation(tracer)} ({type(tracer).__name__}): what takes it runs on the "
        f"host (symopt.minimize and symopt.evaluate run their own loop, a compat.v1 Session holds its state there; "
        f"an optimizer's settings and a function compiled for the NumPy backend need numbers) and cannot be called "
        f"inside jax.jit, jax.vmap or jax.grad. "
        f"What JAX can trace is the function symopt.compile(cost, wrt, "
        f"backend='jax') returns (value and gradients: jit, vmap or differentiate it, or write your own update "
        f"around it); to sweep a setting, call symopt.minimize in a Python loop over its values (another learning "
        f"rate compiles nothing new).")
