r"""Generated JAX value-and-gradient :math:`(J, \nabla_\theta J)` under ``jax.jit``.

The same :class:`~symopt.program.Program` the NumPy backend prints is printed by
:class:`~symopt.jax_printer.JaxPrinter`; ``.source`` shows the ``jnp`` code.  The fused
optimizer step is :mod:`symopt.jax_step`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any


from .cache import CACHE
from .codegen import compile_source
from .disk_cache import cached_function, keep_function
from .jax_printer import jax_namespace, jit
from .program import Program

__all__ = ["jax_value_and_grad", "jitted_source"]


def jax_value_and_grad(cost, parameters: list, symbols: list, dtype: str, directory=None):
    """``(jitted f(*symbols) -> (J, gradients), program)`` for :func:`symopt.compile` with ``backend="jax"``
    (``program``: a callable rebuilding it where the source came from the disk cache in ``directory``, the checked
    :func:`~symopt.disk_cache.cache_directory`, where it is also written when the memory cache answers)."""
    from .compiler import value_and_grad_program  # compiler imports this module
    key = ("jax value_and_grad", cost, tuple(parameters), tuple(symbols), dtype)
    fields = (cost, parameters, symbols, dtype, "jax")
    program = functools.cache(lambda: value_and_grad_program(cost, parameters, symbols))
    built = CACHE.get_or_build(key, lambda: cached_function(
        directory, fields, lambda: _build_value_and_grad(program(), symbols, dtype),
        lambda source, module: jitted_source(source, dtype, module), program, kept_as=key)[:2])
    keep_function(directory, key, fields, built[0], "jax")  # probe95 P95-3
    return built


def jitted_source(source: str, dtype: str, module: str = "jax"):
    """A generated ``value_and_grad`` source compiled with ``jnp`` and wrapped in ``jax.jit`` (keeps ``.source``)."""
    if module != "jax":
        raise ValueError(f"module {module!r}")
    return _Jitted(jit(compile_source(source, "value_and_grad", jax_namespace(dtype))), source)


def _build_value_and_grad(program: Program, symbols: list, dtype: str):
    """The Program printed by the one emitter with the JAX printer, jitted."""
    from .emit import emit, make_printer  # emit imports the printers, which import this package's JAX printer
    source = emit(program, make_printer(program, "jax", dtype), "value_and_grad")
    return jitted_source(source, dtype), program, "jax"


@dataclass(frozen=True)
class _Jitted:
    """A jitted generated function with its ``.source``."""

    function: Any
    source: str

    def __call__(self, *args):
        return self.function(*args)

    @property
    def __wrapped__(self):
        """The jitted function, whose signature ``inspect.signature`` reads (the disk cache checks an entry's
        arguments: a JAX entry was read as taking ``*args`` and could never load)."""
        return self.function
