r"""Generated JAX value-and-gradient :math:`(J, \nabla_\theta J)` under ``jax.jit``.

The same :class:`~symopt.program.Program` the NumPy backend prints is printed by
:class:`~symopt.jax_printer.JaxPrinter`; ``.source`` shows the ``jnp`` code.  The fused
optimizer step is :mod:`symopt.jax_step`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Sequence


from .cache import CACHE
from .codegen import compile_source, python_names
from .disk_cache import cached_function
from .jax_printer import JaxPrinter, jax_namespace, jit
from .program import Program

__all__ = ["jax_value_and_grad", "program_lines", "function_source", "tuple_text", "jitted_source"]


def program_lines(program: Program, names: dict, printer) -> list[str]:
    """The size bindings (``m = X.shape[0]``) and the temporaries of ``program``, one line each."""
    lines = []
    for size, index, axis in program.sizes:
        names.setdefault(size, python_names([size])[size])
        lines.append(f"{names[size]} = {names[program.inputs[index]]}.shape[{axis}]")
    for temp, expr in program.assignments:
        names[temp] = names.get(temp) or temp.name
        lines.append(f"{names[temp]} = {printer.doprint(expr)}")
    return lines


def function_source(name: str, arguments: Sequence[str], lines: Sequence[str]) -> str:
    return f"def {name}({', '.join(arguments)}):\n" + "".join(f"    {line}\n" for line in lines)


def tuple_text(texts: Sequence[str]) -> str:
    return f"({', '.join(texts)}{',' if len(texts) == 1 else ''})"


def jax_value_and_grad(cost, parameters: list, symbols: list, dtype: str, cache_dir=None):
    """``(jitted f(*symbols) -> (J, gradients), program)`` for :func:`symopt.compile` with ``backend="jax"``
    (``program``: a callable rebuilding it where the source came from the disk cache in ``cache_dir``)."""
    from .compiler import value_and_grad_program  # compiler imports this module
    key = ("jax value_and_grad", cost, tuple(parameters), tuple(symbols), dtype)
    program = functools.cache(lambda: value_and_grad_program(cost, parameters, symbols))
    return CACHE.get_or_build(key, lambda: cached_function(
        cache_dir, (cost, parameters, symbols, dtype, "jax"), lambda: _build_value_and_grad(program(), symbols, dtype),
        lambda source, module: jitted_source(source, dtype, module), program)[:2])


def jitted_source(source: str, dtype: str, module: str = "jax"):
    """A generated ``value_and_grad`` source compiled with ``jnp`` and wrapped in ``jax.jit`` (keeps ``.source``)."""
    if module != "jax":
        raise ValueError(f"module {module!r}")
    return _Jitted(jit(compile_source(source, "value_and_grad", jax_namespace(dtype))), source)


def _build_value_and_grad(program: Program, symbols: list, dtype: str):
    names = python_names(symbols)
    printer = JaxPrinter(names, dtype=dtype)
    lines = program_lines(program, names, printer)
    value, *gradients = (printer.constant_output(o, printer.doprint(o)) for o in program.outputs)
    lines.append(f"return {value}, {tuple_text(gradients)}")
    source = function_source("value_and_grad", [names[s] for s in symbols], lines)
    return jitted_source(source, dtype), program, "jax"


@dataclass(frozen=True)
class _Jitted:
    """A jitted generated function with its ``.source``."""

    function: Any
    source: str

    def __call__(self, *args):
        return self.function(*args)
