r"""The fused JAX step: cost, gradient and an optimizer's update in one generated ``jnp`` function.

.. math:: (\theta, s) \mapsto (J(\theta), \theta', s'),\qquad \theta' = \mathrm{update}(\theta, \nabla J, s)

``step(*params, *slots, *shared, *hyper, *data)`` is pure (no Python branch on values: clipping is a
``jnp.where``), so :mod:`symopt.jax_run` jits it with the parameter and slot buffers donated and loops
it with ``lax.fori_loop``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import sympy

from .cache import CACHE
from .calculus import grad
from .codegen import compile_source, python_names
from .emit import schedule_lines
from .fused import hyper_values
from .jax_compile import function_source, program_lines, tuple_text
from .jax_printer import JaxPrinter, jax_dtype, jax_namespace, jit, require_jax
from .optimizers import Optimizer
from .program import build_program

__all__ = ["compile_jax_step", "JaxStep", "jax_step_for"]


def _clipping(gradients: list[str], clip_value, clip_norm) -> list[str]:
    r"""Clip by value :math:`g \leftarrow \mathrm{clip}(g, -c, c)`, then by global norm
    :math:`g \leftarrow g\,c/\|g\|` where :math:`\|g\| > c` (TF1's ``clip_by_global_norm``), without a branch."""
    lines = []
    if clip_value is not None:
        lines += [f"{g} = jnp.clip({g}, {-float(clip_value)!r}, {float(clip_value)!r})" for g in gradients]
    if clip_norm is not None:
        c = float(clip_norm)
        lines.append(f"gradient_norm = jnp.sqrt({' + '.join(f'({g}*{g}).sum()' for g in gradients)})")
        lines += [f"{g} = jnp.where(gradient_norm > {c!r}, {g}*({c!r}/gradient_norm), {g})" for g in gradients]
    return lines


@dataclass
class JaxStep:
    """The fused step ``step(*params, *slots, *shared, *hyper, *data) -> (cost, params, slots, shared, gradients)``.

    ``step`` is the generated Python function (traced by ``jax.jit`` in :mod:`symopt.jax_run`);
    ``source`` is its text.
    """

    step: Any
    parameters: list
    data: list
    optimizer: Optimizer
    dtype: str
    hyper: dict = field(default_factory=dict)
    module: str = "jax"

    @property
    def source(self) -> str:
        return self.step.source

    def on_host(self, *arguments):
        """The jitted step on host values, NumPy arrays back (for state kept on the host: the TF1 session)."""
        jax = require_jax()
        if "jitted" not in self.__dict__:
            self.jitted = jit(self.step)
        return jax.tree.map(_on_host, self.jitted(*arguments))

    def hyper_arguments(self) -> list:
        """Hyperparameter values in argument order (each keeps its dtype: Adam's float32 betas stay float32)."""
        return list(self.hyper.values())

    def initial_slots(self, values: Sequence) -> tuple[list, list]:
        """Fresh optimizer state for parameter values ``values`` (per-parameter slots, shared float32 scalars)."""
        per_parameter = [np.full(np.shape(v), slot.initial, dtype=self.dtype) for v in values
                         for slot in self.optimizer.slots if not slot.shared]
        return per_parameter, [np.float32(slot.initial) for slot in self.optimizer.slots if slot.shared]


def jax_step_for(recipe: tuple, dtype: str) -> JaxStep:
    """The :class:`JaxStep` of ``recipe = (cost, parameters, optimizer, data, gradients)`` in ``dtype``."""
    cost, parameters, optimizer, data, gradients = recipe
    return compile_jax_step(cost, parameters, optimizer, data, dtype=jax_dtype(dtype), gradients=gradients)


def compile_jax_step(cost, parameters: Sequence, optimizer: Optimizer, data: Sequence, *, dtype: str,
                     gradients: Sequence | None = None, clip_value=None, clip_norm=None) -> JaxStep:
    """Cached :class:`JaxStep` for ``cost`` (or given ``gradients``), ``optimizer`` and clipping."""
    key = ("jax step", cost, tuple(parameters), optimizer.key(), tuple(data), dtype,
           None if gradients is None else tuple(gradients), clip_value, clip_norm)
    return CACHE.get_or_build(key, lambda: _build_step(cost, list(parameters), optimizer, list(data), dtype,
                                                       gradients, clip_value, clip_norm))


def _build_step(cost, parameters: list, optimizer: Optimizer, data: list, dtype: str, gradients, clip_value,
                clip_norm) -> JaxStep:
    gradients = list(gradients) if gradients is not None else list(grad(cost, parameters))
    program = build_program([cost] + gradients, parameters + data)
    names = python_names(parameters + data)
    printer = JaxPrinter(names, dtype=dtype)
    hyper = optimizer.symbols()
    shared = {s.name: sympy.Symbol(s.name) for s in optimizer.slots if s.shared}
    for symbol in [*hyper.values(), *shared.values()]:
        names[symbol] = symbol.name
    lines = program_lines(program, names, printer)
    cost_text, *gradient_texts = (printer.constant_output(o, printer.doprint(o)) for o in program.outputs)
    lines.append(f"cost = {cost_text}")
    parameter_names = [names[p] for p in parameters]
    gradient_names = [f"g_{n}" for n in parameter_names]
    lines += [f"{g} = {text}" for g, text in zip(gradient_names, gradient_texts)]
    lines += _clipping(gradient_names, clip_value, clip_norm)
    values = hyper_values(optimizer, dtype)
    lines += schedule_lines(optimizer.schedules().items(), printer)
    slot_names, assignments = [], []
    for name, g in zip(parameter_names, gradient_names):
        slots = {s.name: sympy.Symbol(f"{s.name}_{name}") for s in optimizer.slots if not s.shared}
        slot_names += [symbol.name for symbol in slots.values()]
        theta, gradient = sympy.Symbol(name), sympy.Symbol(g)
        for symbol in [theta, gradient, *slots.values()]:
            names[symbol] = symbol.name
        assignments += optimizer.update(theta, gradient, {**slots, **shared}, hyper)
    shared_assignments = optimizer.shared_update(shared, hyper)
    for _, expr in shared_assignments:
        names.update({s: s.name for s in expr.free_symbols if s not in names})
    lines += [f"{names[target]} = {printer.doprint(expr)}" for target, expr in assignments + shared_assignments]
    lines.append(f"return cost, {tuple_text(parameter_names)}, {tuple_text(slot_names)}, {tuple_text(list(shared))}, "
                 f"{tuple_text(gradient_names)}")
    arguments = parameter_names + slot_names + list(shared) + list(values) + [names[d] for d in data]
    function = compile_source(function_source("step", arguments, lines), "step", jax_namespace(dtype))
    return JaxStep(function, parameters, data, optimizer, dtype, values)


def _on_host(value):
    """A device array as NumPy: a 0-d one as a NumPy scalar (``np.float32``), as the NumPy step returns it."""
    return np.asarray(value)[()]
