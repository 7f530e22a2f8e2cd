"""``result.params`` as a JAX pytree, flattened in the dict's own order.

JAX flattens a plain ``dict`` by sorting its keys; a run's keys are SymPy symbols, whose ``v < w`` is a relation with no
truth value, so ``jax.tree_util.tree_map``, ``jax.device_put`` and ``jax.jit`` refused ``result.params`` once a model
had two scalar parameters (probe74 P74-4).  :class:`~symopt.result.ParameterValues` is registered with
``jax.tree_util`` here, when a result is made with JAX imported: ``import symopt`` never imports JAX.
"""

from __future__ import annotations

import functools
import sys

__all__ = ["register_when_jax_is_loaded"]


def register_when_jax_is_loaded(mapping_type: type) -> None:
    """Register ``mapping_type`` (a ``dict`` subclass) as a JAX pytree, once, if JAX is imported; else nothing."""
    if "jax" in sys.modules:
        _register(mapping_type)


@functools.cache
def _register(mapping_type: type) -> None:
    r"""Children: the values in the dict's order; auxiliary data: the keys (the symbols, compared by ``==``)."""
    tree_util = sys.modules["jax"].tree_util

    def flatten_with_keys(mapping):
        return [(tree_util.DictKey(key), value) for key, value in mapping.items()], tuple(mapping)

    def flatten(mapping):
        return list(mapping.values()), tuple(mapping)

    def unflatten(keys, values):
        return mapping_type(zip(keys, values))

    tree_util.register_pytree_with_keys(mapping_type, flatten_with_keys, unflatten, flatten_func=flatten)
