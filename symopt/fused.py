r"""Cost, gradient and an optimizer's update fused into generated code.

:func:`compile_step` returns a :class:`CompiledStep`: a generated ``step`` function
``(params, slots, shared, hyper, data) -> (cost, params, slots, shared, gradients)`` and a
generated ``train`` loop that runs many full-batch steps without returning to Python.  ``train``
records each step's cost in ``history`` and tests nothing per step for finiteness: NaN and
infinity propagate, and its caller scans the recorded costs once per call (the first non-finite
one is where the run diverged); a Python-float overflow records ``inf`` and returns at once.
Optimizer constants (Adam's :math:`\alpha_t`, :math:`1-\beta_1`) are computed once per step;
gradients can be clipped by value and by global norm.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import sympy

from .calculus import grad
from .codegen import compile_source, namespace_for, python_names
from .disk_cache import cached_step
from .compiler import CACHE, _body, _header, _module_for, _Printer, _scalar_cost, highlighted_html
from .optimizers import STEP_SLOT, Optimizer, to_dtype
from .schedules import schedule_code
from .program import build_program

__all__ = ["compile_step", "build_step", "CompiledStep"]


def _hyper_values(optimizer: Optimizer, dtype: str) -> dict[str, Any]:
    """The step's hyperparameter arguments, name → value.  TF1: a Python-float hyperparameter becomes
    float32, then the variable's dtype; Adam's :math:`\\beta` for the float32 powers and a schedule's
    constants (``lr_eta_0``, ...) stay float32."""
    scalar = np.dtype(dtype).type
    schedules = optimizer.schedules()
    values = {name: scalar(np.float32(v)) for name, v in optimizer.hyperparameters.items() if name not in schedules}
    for slot in optimizer.slots:
        if slot.shared and slot.name.endswith("_power"):
            base = slot.name.replace("_power", "")
            values[f"{base}_float32"] = np.float32(optimizer.hyperparameters[base])
    for name, schedule in schedules.items():
        values.update({f"{name}_{constant}": np.float32(v) for constant, v in schedule.constants().items()})
    return values


def _schedule_lines(optimizer: Optimizer, hyper: dict, printer) -> list[str]:
    r"""Lines that compute each scheduled hyperparameter at step ``global_step`` in float32 (TF1's arithmetic),
    then cast it to the variable's dtype: :math:`\eta \leftarrow \eta(t)`."""
    lines = []
    for name, schedule in optimizer.schedules().items():
        constants = {constant: f"{name}_{constant}" for constant in schedule.constants()}
        lines.append(f"{name} = {schedule_code(schedule, STEP_SLOT, constants)}")
        cast = printer.doprint(to_dtype(hyper[name]))
        if cast != name:
            lines.append(f"{name} = {cast}")
    return lines


@dataclass
class CompiledStep:
    """One fused step ``(params, slots, shared, hyper, data) -> (cost, params, slots, shared)`` and a loop of it.

    ``step.source`` and ``train.source`` show the generated code.
    """

    step: Any
    train: Any
    parameters: list
    data: list
    optimizer: Optimizer
    dtype: str
    module: str
    hyper: dict = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.step.source + "\n" + self.train.source

    def _repr_html_(self) -> str:
        return highlighted_html(self.step.source)

    def hyper_arguments(self) -> list:
        """Hyperparameter values in argument order (Python floats for ``math`` code; float32 ones stay float32)."""
        if self.module != "math":
            return list(self.hyper.values())
        return [value if isinstance(value, np.float32) else float(value) for name, value in self.hyper.items()]

    def initial_slots(self, values: Sequence) -> tuple[list, list]:
        """Fresh optimizer state for parameter values ``values``."""
        per_parameter = [[_filled(v, slot.initial, self.dtype, self.module) for slot in self.optimizer.slots
                          if not slot.shared] for v in values]
        shared = [np.float32(slot.initial) for slot in self.optimizer.slots if slot.shared]
        return [s for group in per_parameter for s in group], shared


def _filled(like, value: float, dtype: str, module: str):
    if isinstance(like, np.ndarray) and like.ndim:
        return np.full(like.shape, value, dtype=dtype)
    return float(value) if module == "math" else np.dtype(dtype).type(value)


def _constant_subexpressions(expressions: Sequence, constants: set, taken) -> dict:
    """Largest non-trivial subexpressions that read only hyperparameters and shared slots
    (Adam's step size :math:`\alpha`, :math:`1-\beta_1`, ...): computed once per step, not once per parameter."""
    found: dict = {}
    fresh = (name for name in (f"c{i}" for i in itertools.count()) if name not in taken)

    def visit(expr):
        if expr.args and expr.free_symbols <= constants:
            if expr not in found:
                found[expr] = next(fresh)
            return
        for argument in expr.args:
            visit(argument)
    for expr in expressions:
        visit(expr)
    return found


def _indent(lines: Sequence[str], depth: int) -> str:
    return "".join("    " * depth + line + "\n" for line in lines)


def _guarded(lines: Sequence[str], module: str, depth: int, on_overflow: Sequence[str]) -> str:
    """Python floats raise ``OverflowError`` (and ``math`` functions ``ValueError``) where NumPy gives inf or
    NaN: run ``on_overflow`` instead (with ``math.nan`` for the ``ValueError`` of a domain error)."""
    if module != "math":
        return _indent(lines, depth)
    on_domain_error = [line.replace("math.inf", "math.nan") for line in on_overflow]
    return _indent(["try:"], depth) + _indent(lines, depth + 1) + \
        _indent(["except OverflowError:"], depth) + _indent(on_overflow, depth + 1) + \
        _indent(["except (ValueError, ZeroDivisionError):"], depth) + _indent(on_domain_error, depth + 1)


def _clipping(gradient_names: list[str], module: str, clip_value, clip_norm) -> list[str]:
    r"""Lines that clip gradients: by value :math:`g \leftarrow \mathrm{clip}(g, -c, c)`, then by global norm
    :math:`g \leftarrow g\,c/\max(c, \|g\|)` with :math:`\|g\|^2 = \sum_\theta \sum g_\theta^2` (TF1's
    ``clip_by_global_norm``).  A limit of ``None`` or :math:`+\infty` clips nothing."""
    lines = []
    clip_value, clip_norm = (None if c is None or math.isinf(c) else c for c in (clip_value, clip_norm))
    if clip_value is not None:
        c = float(clip_value)
        lines += [f"{g} = min(max({g}, {-c!r}), {c!r})" if module == "math" else f"{g} = numpy.clip({g}, {-c!r}, {c!r})"
                  for g in gradient_names]
    if clip_norm is not None:
        c = float(clip_norm)
        squares = " + ".join(f"{g}*{g}" if module == "math" else f"float(({g}*{g}).sum())" for g in gradient_names)
        lines.append(f"gradient_norm = math.sqrt({squares})")
        lines.append(f"if gradient_norm > {c!r}:")
        lines += [f"    {g} = {g}*({c!r}/gradient_norm)" for g in gradient_names]
    return lines


def compile_step(cost, parameters: Sequence, optimizer: Optimizer, data: Sequence, *, dtype: str,
                 tol: float | None = None, gradients: Sequence | None = None, clip_value: float | None = None,
                 clip_norm: float | None = None, cache_dir=None) -> CompiledStep:
    """Cached :func:`build_step` (the cache is :data:`CACHE`, bounded, keyed on the expressions and options;
    also on disk with ``cache_dir`` or ``$SYMOPT_CACHE_DIR``: :mod:`symopt.disk_cache`)."""
    key = ("step", _scalar_cost(cost), tuple(parameters), optimizer.key(), tuple(data), dtype, tol,
           None if gradients is None else tuple(gradients), clip_value, clip_norm)
    options = dict(tol=tol, clip_value=clip_value, clip_norm=clip_norm,
                   gradients=None if gradients is None else [sympy.srepr(g) for g in gradients])
    return CACHE.get_or_build(key, lambda: cached_step(
        _scalar_cost(cost), parameters, optimizer, data, dtype, options, cache_dir,
        lambda: build_step(cost, parameters, optimizer, data, dtype=dtype, tol=tol, gradients=gradients,
                           clip_value=clip_value, clip_norm=clip_norm),
        lambda *loaded: CompiledStep(*loaded[:2], list(parameters), list(data), optimizer, dtype, *loaded[2:])))


def build_step(cost, parameters: Sequence, optimizer: Optimizer, data: Sequence, *, dtype: str,
               tol: float | None = None, gradients: Sequence | None = None, clip_value: float | None = None,
               clip_norm: float | None = None) -> CompiledStep:
    r"""Fuse :math:`J`, :math:`\nabla J` and the optimizer's update into generated ``step`` and ``train``.

    ``gradients`` (optional) replaces :math:`\nabla J` by given expressions (TF1's ``apply_gradients``).
    ``clip_value`` / ``clip_norm`` clip the gradients before the update (the values are baked into the code).
    """
    cost = _scalar_cost(cost)
    parameters, data = list(parameters), list(data)
    gradients = list(gradients) if gradients is not None else grad(cost, parameters)
    program = build_program([cost] + gradients, parameters + data)
    module = _module_for(program, dtype)
    names = python_names(parameters + data)
    printer = _Printer(names, module=module, dtype=dtype)
    hyper = optimizer.symbols()
    hyper_values = _hyper_values(optimizer, dtype)
    hyper_names = list(hyper_values)
    shared = {s.name: sympy.Symbol(s.name) for s in optimizer.slots if s.shared}
    for symbol in list(hyper.values()) + list(shared.values()):
        names[symbol] = symbol.name
    body = _header(program, names) + _body(program, names, printer)
    cost_text, *gradient_texts = (printer.constant_output(o, printer.doprint(o)) for o in program.outputs)
    body.append(f"cost = {cost_text}")
    slot_names: list[str] = []
    assignments: list = []
    for parameter, gradient_text in zip(parameters, gradient_texts):
        name = names[parameter]
        theta, g = sympy.Symbol(name), sympy.Symbol(f"g_{name}")
        slots = {s.name: sympy.Symbol(f"{s.name}_{name}") for s in optimizer.slots if not s.shared}
        slots.update(shared)
        slot_names += [f"{s.name}_{name}" for s in optimizer.slots if not s.shared]
        body.append(f"g_{name} = {gradient_text}")
        for symbol in [theta, g, *slots.values()]:
            names[symbol] = symbol.name
        assignments += optimizer.update(theta, g, slots, hyper)
    for symbol in [*hyper.values(), *shared.values()]:
        names[symbol] = symbol.name
    shared_assignments = optimizer.shared_update(shared, hyper)
    for _, expr in shared_assignments:
        names.update({s: s.name for s in expr.free_symbols if s not in names})
    hoisted = _constant_subexpressions([e for _, e in assignments], set(hyper.values()) | set(shared.values()),
                                       set(names.values()))
    updates = _schedule_lines(optimizer, hyper, printer)
    updates += [f"{name} = {printer.doprint(expr)}" for expr, name in hoisted.items()]
    printer.hoisted = hoisted
    updates += [f"{names[t]} = {printer.doprint(e)}" for t, e in assignments + shared_assignments]
    printer.hoisted = {}
    parameter_names = [names[p] for p in parameters]
    updates = _clipping([f"g_{n}" for n in parameter_names], module, clip_value, clip_norm) + updates
    state = parameter_names + slot_names + list(shared)
    arguments = ", ".join(state + hyper_names + [names[d] for d in data])
    packed = f"({', '.join(parameter_names)},), ({', '.join(slot_names)}{',' if slot_names else ''}), " \
             f"({', '.join(shared)}{',' if shared else ''})"
    gradient_names = [f"g_{n}" for n in parameter_names]
    gradients_packed = f"({', '.join(gradient_names)},)"
    header, computed = body[:len(program.sizes)], body[len(program.sizes):]
    step_source = (
        f"def step({arguments}):\n"
        + _indent(header, 1)
        + _guarded(computed, module, 1, [f"return math.inf, {packed}, None"])
        + _indent(updates, 1)
        + f"    return cost, {packed}, {gradients_packed}\n")
    converged = ""
    if tol is not None:
        largest = " and ".join(f"{'numpy.abs(' + g + ').max()' if module == 'numpy' else 'abs(' + g + ')'} <= tol"
                               for g in gradient_names)
        converged = f"        if {largest}:\n            return step, {packed}\n"
    train_source = (
        f"def train(steps, history, tol, {arguments}):\n"
        + _indent(header, 1)
        + "    for step in range(steps):\n"
        + _guarded(computed, module, 2, ["history[step] = math.inf", f"return step, {packed}"])
        + "        history[step] = cost\n"
        + converged
        + _indent(updates, 2)
        + f"    return steps, {packed}\n")
    namespace = namespace_for(dtype)
    step_function = compile_source(step_source, "step", namespace)
    train_function = compile_source(train_source, "train", dict(namespace))
    return CompiledStep(step_function, train_function, parameters, data, optimizer, dtype, module, hyper_values)
