r"""The fused JAX step: cost, gradient and an optimizer's update in one generated ``jnp`` function.

.. math:: (\theta, s) \mapsto (J(\theta), \theta', s'),\qquad \theta' = \mathrm{update}(\theta, \nabla J, s)

The step is the NumPy backend's :class:`~symopt.program.Program` (:func:`symopt.fused.step_program`) printed by
:class:`~symopt.jax_printer.JaxPrinter`: ``emit(program, printer, "step")``.  ``step(*params, *slots, *shared,
*hyper, *data)`` is pure (no Python branch on values: clipping by norm is a ``jnp.where``), so
:mod:`symopt.jax_run` jits it with the parameter and slot buffers donated and loops it with ``lax.fori_loop``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from .cache import CACHE
from .codegen import compile_source
from .disk_cache import cache_directory, cached, kept_on_disk, kept_once, step_key
from .emit import emit, make_printer
from .fused import hyper_values, rule_key, step_program, with_rates
from .jax_printer import jax_dtype, jax_namespace, jit, require_jax
from .optimizers import Optimizer
from .program import Update

__all__ = ["compile_jax_step", "JaxStep", "jax_step_for", "jax_step_on_disk", "shared_step", "within_counter"]


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
    update: Update | None = None  # the step program's update: the names of its state and arguments

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
        """Hyperparameter values in argument order (each keeps its dtype: Adam's float32 betas stay float32; a
        schedule's integer boundary stays an integer, :func:`within_counter`)."""
        return [within_counter(value) for value in self.hyper.values()]

    def initial_slots(self, values: Sequence) -> tuple[list, list]:
        """Fresh optimizer state for parameter values ``values`` (per-parameter slots, shared float32 scalars)."""
        per_parameter = [np.full(np.shape(v), slot.initial, dtype=self.dtype) for v in values
                         for slot in self.optimizer.slots if not slot.shared]
        return per_parameter, [self.optimizer.shared_value(slot.initial, self.dtype) for slot in self.optimizer.slots
                               if slot.shared]


def within_counter(value):
    """A schedule's integer constant (:meth:`~symopt.schedules.Schedule.integer_constants`) as JAX takes it: a Python
    ``int`` where it fits the step counter (int32 without 64-bit JAX, which refuses a larger ``int``), else the
    float32 it was before F35-2 (the counter never reaches it: :func:`symopt.jax_checks.refuse_counter_overflow`; so
    :math:`t \\le b` reads the same).  Any other value as given."""
    if not isinstance(value, int):
        return value
    last = 2 ** 63 - 1 if require_jax().config.read("jax_enable_x64") else 2 ** 31 - 1
    return value if value <= last else np.float32(value)


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
    """The step :class:`~symopt.program.Program` (the NumPy backend's) printed by :class:`JaxPrinter`."""
    program = step_program(cost, parameters, optimizer, data, dtype=dtype, gradients=gradients,
                           clip_value=clip_value, clip_norm=clip_norm)
    printer = make_printer(program, "jax", dtype)
    source = emit(program, printer, "step")
    function = shared_step(source, (cost, tuple(parameters), tuple(data), dtype,
                                    None if gradients is None else tuple(gradients)), printer.namespace)
    return JaxStep(function, parameters, data, optimizer, dtype, hyper_values(optimizer, dtype), update=program.update)


def shared_step(source: str, owner: tuple, namespace: Callable[[], dict]):
    """The step function of ``source`` (compiled in ``namespace()``), one per source and ``owner`` (what else its
    namespace depends on): the hyperparameters are arguments, so another learning rate prints the same source and
    shares the function and the loops jitted from it (:func:`symopt.jax_loop.loop_for`), compiling nothing new
    (probe39 P39-3)."""
    return CACHE.get_or_build(("jax step function", source, owner),
                              lambda: compile_source(source, "step", namespace()))


def _on_host(value):
    """A device array as NumPy: a 0-d one as a NumPy scalar (``np.float32``), as the NumPy step returns it."""
    return np.asarray(value)[()]


def jax_step_on_disk(cost, parameters: list, optimizer, data: list, dtype: str, clip_value, clip_norm,
                     cache_dir) -> JaxStep:
    """:func:`~symopt.jax_step.compile_jax_step`, kept on disk with ``cache_dir`` or ``$SYMOPT_CACHE_DIR``
    (:mod:`symopt.disk_cache`: the entry holds the step's ``jnp`` source; a later process compiles it without
    differentiating).  Cached in memory too, so its jitted loops are reused."""
    directory = cache_directory(cache_dir)  # an untrusted directory is refused even when the memory cache answers
    options = dict(backend="jax", clip_value=clip_value, clip_norm=clip_norm)
    rest = (tuple(data), dtype, clip_value, clip_norm)

    def of_rule() -> tuple:  # printed only where a step is built or first kept in a directory (final48d 48d-2)
        return ("jax step of rule", cost, tuple(parameters), rule_key(optimizer), *rest)

    def key_of() -> str:
        return step_key(cost, parameters, optimizer, data, dtype, options)

    def load(entry) -> JaxStep:
        if entry["module"] != "jax" or entry["dtype"] != dtype:
            raise ValueError("entry")
        step = shared_step(entry["step_source"], ("from disk", dtype), lambda: jax_namespace(dtype))
        return JaxStep(step, list(parameters), list(data), optimizer, dtype, hyper_values(optimizer, dtype))

    def built() -> JaxStep:
        """Another optimizer's step with the same rule (:func:`~symopt.fused.rule_key`) takes this one's values."""
        rule = of_rule()
        shared = CACHE.get_or_build(rule, lambda: cached(
            directory, key_of, "step",
            lambda: compile_jax_step(cost, parameters, optimizer, data, dtype=dtype, clip_value=clip_value,
                                     clip_norm=clip_norm), load, _entry_fields, kept_as=rule))
        return with_rates(shared, optimizer)
    memory_key = ("jax step, disk", cost, tuple(parameters), optimizer.key(), *rest)
    compiled = CACHE.get_or_build(memory_key, built)
    kept_once(directory, memory_key,  # probe95 P95-3: once per rule, and the rule is printed once per memory key
              lambda: kept_on_disk(directory, of_rule(), key_of, "step", lambda: _entry_fields(compiled)))
    return compiled


def _entry_fields(compiled: JaxStep) -> dict:
    """What a JAX step's disk-cache entry holds besides its key: the ``jnp`` source of the step."""
    return {"module": "jax", "dtype": compiled.dtype, "step_source": compiled.source}
