r"""Cost, gradient and an optimizer's update fused into generated code.

:func:`compile_step` returns a :class:`CompiledStep`: a generated ``step`` function
``(params, slots, shared, hyper, data) -> (cost, params, slots, shared, gradients)`` and a
generated ``train`` loop that runs many full-batch steps without returning to Python.  ``train``
records each step's cost in ``history`` and tests nothing per step for finiteness: NaN and
infinity propagate, and its caller scans the recorded costs once per call (the first non-finite
one is where the run diverged); a Python-float overflow records ``inf`` and returns at once.
Optimizer constants (Adam's :math:`\alpha_t`, :math:`1-\beta_1`) are computed once per step;
gradients can be clipped by value and by global norm.  The step is a
:class:`~symopt.program.Program` with an :class:`~symopt.program.Update`; :func:`symopt.emit.emit`
prints both functions.
"""

from __future__ import annotations

import itertools
import math
from functools import cached_property
from dataclasses import dataclass, field, replace
from typing import Any, Sequence

import numpy as np
import sympy

from .code_rules import code_gradients
from .codegen import compile_source
from .compiler import CACHE, highlighted_html
from .disk_cache import cache_directory, cached_step, keep_step, kept_once
from .emit import choose_backend, emit, make_printer, program_names, scalar_type
from .errors import ConfigurationError
from .hyperparameters import check_rounded_range
from .layouts import column_major_gradients, in_layout, row_major_gradient
from .optimizers import Optimizer
from .program import Clip, Program, Update, build_program, nameable, state_symbols
from .wrt import check_trainable_gradients, scalar_cost

__all__ = ["compile_step", "build_step", "CompiledStep", "step_program", "hyper_values", "gradient_clipping",
           "clips_by_norm", "rule_key", "with_rates"]


def hyper_values(optimizer: Optimizer, dtype: str) -> dict[str, Any]:
    """The step's hyperparameter arguments, name → value.  TF1: a Python-float hyperparameter becomes
    float32, then the variable's dtype (a ``numpy.float64`` one goes to the variable's dtype directly); the
    optimizer's float32 constants (Adam's :math:`\\beta` for the float32 powers) and a schedule's constants
    (``lr_eta_0``, ...) stay float32, its :meth:`~symopt.schedules.Schedule.integer_constants` (``lr_b_1``) ints."""
    scalar = np.dtype(dtype).type
    schedules = optimizer.schedules()
    rounded = (lambda v: v if isinstance(v, np.float64) else np.float32(v)) if optimizer.tf1_precision else float
    with np.errstate(over="ignore"):
        values = {name: scalar(rounded(v))  # np.float64: exact (TF1 casts it)
                  for name, v in optimizer.hyperparameters.items() if name not in schedules}
    for name, value in values.items():
        given = optimizer.hyperparameters[name]
        vanished = value == 0 and given != 0  # 1e-50 in a float32 run: the step would silently do nothing
        if not np.isfinite(value) or vanished:
            where = _rounding(optimizer, given, dtype)[0]
            keyword = optimizer.argument_names.get(name, name)  # Ftrl's lr_power is learning_rate_power
            raise ConfigurationError(f"{keyword}={given!r} becomes {'0' if vanished else 'infinite'} in {where}; "
                                     f"use a {'larger' if vanished else 'smaller'} value")
        if name in optimizer.ranges:  # in range as written, out of it rounded (beta2=0.99999999 is 1 in float32)
            check_rounded_range(name, given, value, optimizer.ranges[name], *_rounding(optimizer, given, dtype))
    _check_slot_initials(optimizer, dtype)
    values.update({name: optimizer.shared_value(v, dtype) for name, v in optimizer.float32_constants().items()})
    for name, schedule in schedules.items():
        values.update({f"{name}_{constant}": v for constant, v in schedule.run_constants().items()})
    return values


def _check_slot_initials(optimizer: Optimizer, dtype: str) -> None:
    """Refuse a slot's given initial value that the run's dtype makes 0 or infinite (the slots are kept in the
    variables' dtype): Adagrad's ``initial_accumulator_value=1e-46`` is 0 in float32, and a zero gradient entry then
    steps by 0·(1/√0) = NaN (probe36 P36-4)."""
    for slot in optimizer.parameter_slots():
        keyword = optimizer.slot_arguments.get(slot.name)
        with np.errstate(over="ignore"):
            value = np.dtype(dtype).type(slot.initial)
        if keyword is None or (np.isfinite(value) and (value != 0 or slot.initial == 0)):
            continue
        raise ConfigurationError(
            f"{keyword}={slot.initial!r} becomes {'0' if value == 0 else 'infinite'} in the run's dtype {dtype} (the "
            f"optimizer's slots are kept in the variables' dtype); use a {'larger' if value == 0 else 'smaller'} "
            f"value (0.1 is TF1's default), or dtype=\"float64\"")


def _rounding(optimizer: Optimizer, given, dtype: str) -> tuple[str, str]:
    """``(where a hyperparameter given as ``given`` is rounded, the way to keep it)`` for a refusal's message."""
    if optimizer.tf1_precision and not isinstance(given, np.float64):
        return ("float32 (TF1 rounds a Python-float hyperparameter to float32)",
                f"or numpy.float64({given!r}) in a float64 run (kept exact, as TF1 does)")
    return f"the run's dtype {dtype}", 'or dtype="float64"'


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
    update: Update | None = None  # the step program's update: the names of its state and arguments
    advance: Any = None  # step updating the caller's array state in place (emit's "advance")
    guarded_advance: Any = None  # the same, unless the cost is not finite or tol is met (emit's "guarded_advance")

    @property
    def source(self) -> str:
        return self.step.source + "\n" + self.train.source

    def _repr_html_(self) -> str:
        return highlighted_html(self.step.source)

    def hyper_arguments(self) -> list:
        """Hyperparameter values in argument order (scalars of the backend; float32 ones stay float32)."""
        return list(self._hyper_arguments)

    @cached_property
    def _hyper_arguments(self) -> tuple:
        convert = scalar_type(self.module, self.dtype)
        return tuple(value if isinstance(value, np.float32) else convert(value) for value in self.hyper.values())

    def orders(self) -> list[str]:
        """Each parameter's array layout in the step: ``"F"`` (column-major, :mod:`symopt.layouts`) or ``"C"``."""
        return list(self._orders)

    @cached_property
    def _orders(self) -> tuple:
        column_major = set(self.update.column_major)
        return tuple("F" if name in column_major else "C" for name in self.update.parameters)

    @cached_property
    def _slots(self) -> tuple:
        """The optimizer's ``(per-parameter slots, shared slots)``."""
        return self.optimizer.parameter_slots(), self.optimizer.shared_slots()

    @cached_property
    def slot_owners(self) -> tuple:
        """The position of each per-parameter slot's parameter, in slot order (Adam's ``m_W`` and ``v_W``: ``W``'s)."""
        return tuple(index for index in range(len(self.update.parameters)) for _ in self._slots[0])

    def slot_orders(self) -> list[str]:
        """Each per-parameter slot's layout: its parameter's (the slots are grouped per parameter)."""
        return [self._orders[index] for index in self.slot_owners]

    def arranged(self, values: Sequence, orders: Sequence[str] | None = None) -> list:
        """Parameter values ``values`` (or slots, with ``orders=self.slot_orders()``) in the step's layouts: a copy
        of an array laid out otherwise (every step then computes with one layout, whatever the caller gave)."""
        return [in_layout(v, order) for v, order in zip(values, self._orders if orders is None else orders)]

    def initial_slots(self, values: Sequence) -> tuple[list, list]:
        """Fresh optimizer state for parameter values ``values``: each declared slot's initial value, in its
        parameter's layout."""
        convert = scalar_type(self.module, self.dtype)

        def filled(like, value: float, order: str):
            if isinstance(like, np.ndarray) and like.ndim:
                return np.full(like.shape, value, dtype=self.dtype, order=order)
            return convert(value)
        parameter_slots, shared_slots = self._slots
        per_parameter = [filled(v, slot.initial, order) for v, order in zip(values, self._orders)
                         for slot in parameter_slots]
        shared = [self.optimizer.shared_value(slot.initial, self.dtype) for slot in shared_slots]
        return per_parameter, shared


def _constant_subexpressions(expressions: Sequence, constants: set, taken) -> tuple:
    r"""Largest non-trivial subexpressions that read only hyperparameters and shared slots
    (Adam's step size :math:`\alpha`, :math:`1-\beta_1`, ...): ``(name, expression)``, computed once per step,
    not once per parameter."""
    found: dict = {}
    fresh = (name for name in (f"c{i}" for i in itertools.count()) if name not in taken)

    def visit(expr):
        if expr.args and expr.free_symbols <= constants and nameable(expr):  # not a Piecewise branch (0.0, True)
            if expr not in found:
                found[expr] = next(fresh)
            return
        for argument in expr.args:
            visit(argument)
    for expr in expressions:
        visit(expr)
    return tuple((name, expr) for expr, name in found.items())


def gradient_clipping(clip_value: float | None, clip_norm: float | None) -> tuple:
    """The :class:`~symopt.program.Clip` transformations, by value then by global norm; a limit of ``None`` or
    :math:`+\\infty` clips nothing (the limits are baked into the code)."""
    return tuple(Clip(kind, float(limit)) for kind, limit in (("value", clip_value), ("norm", clip_norm))
                 if limit is not None and not math.isinf(limit))


def clips_by_norm(clip_norm: float | None) -> bool:
    """The step clips by global norm (which sums each gradient's squares in memory order: :mod:`symopt.layouts`)."""
    return any(clip.kind == "norm" for clip in gradient_clipping(None, clip_norm))


def step_program(cost, parameters: Sequence, optimizer: Optimizer, data: Sequence, *, dtype: str,
                 tol: float | None = None, gradients: Sequence | None = None, clip_value: float | None = None,
                 clip_norm: float | None = None, column_major: tuple = ()) -> Program:
    r"""The :class:`~symopt.program.Program` of one training step: cost and gradients, then the optimizer's
    :class:`~symopt.program.Update` (state names from the optimizer's declared slots).  ``column_major``: the
    positions of parameters to keep column-major where their gradient is one product :math:`A^T \Delta`
    (:mod:`symopt.layouts`)."""
    cost = scalar_cost(cost)
    parameters, data = list(parameters), list(data)
    derived = gradients is None
    if derived:
        gradients = code_gradients(cost, parameters)
        check_trainable_gradients(cost, parameters, gradients)
    gradients, chosen = column_major_gradients(parameters, gradients, column_major) \
        if column_major and not clips_by_norm(clip_norm) else (list(gradients), ())
    if derived:  # a weight read transposed gets a row-major gradient (a given gradient, TF1's, is its own form)
        gradients = [g if index in chosen else row_major_gradient(g) for index, g in enumerate(gradients)]
    program = build_program([cost] + gradients, parameters + data, values=[True] + [False] * len(gradients))
    names = program_names(program, optimizer.generated_names())
    hyper = optimizer.symbols()
    shared = {slot.name: sympy.Symbol(slot.name) for slot in optimizer.shared_slots()}
    assignments = []
    for parameter in parameters:
        name = names[parameter]
        slots = {slot.name: sympy.Symbol(slot.name_for(name)) for slot in optimizer.parameter_slots()}
        assignments += optimizer.update(sympy.Symbol(name), sympy.Symbol(f"g_{name}"), {**slots, **shared}, hyper)
    shared_assignments = optimizer.shared_update(shared, hyper)
    # the update's names as StateSymbols: a user's plain Symbol("w") (data beside the parameter named w) stays apart
    own = state_symbols([e for pair in assignments + shared_assignments for e in pair])
    with sympy.evaluate(False):  # the rules' unevaluated products keep their order (TF1's rounding)
        assignments, shared_assignments = ([(t.xreplace(own), e.xreplace(own)) for t, e in pairs]
                                           for pairs in (assignments, shared_assignments))
    taken = set(names.values()) | {s.name for s in hyper.values()} | set(shared) | \
        {t.name for t, _ in assignments} | {f"g_{names[p]}" for p in parameters}
    readable = {own.get(s, s) for s in list(hyper.values()) + list(shared.values())}
    constants = _constant_subexpressions([e for _, e in assignments], readable, taken)
    update = Update(
        parameters=tuple(names[p] for p in parameters), gradients=tuple(f"g_{names[p]}" for p in parameters),
        slots=tuple(slot.name_for(names[p]) for p in parameters for slot in optimizer.parameter_slots()),
        shared=tuple(shared), hyper=tuple(hyper_values(optimizer, dtype)), data=tuple(names[d] for d in data),
        schedules=tuple(optimizer.schedules().items()), constants=constants,
        assignments=tuple(assignments) + tuple(shared_assignments),
        clipping=gradient_clipping(clip_value, clip_norm), tol=tol,
        column_major=tuple(names[parameters[index]] for index in chosen))
    return replace(program, update=update)


def compile_step(cost, parameters: Sequence, optimizer: Optimizer, data: Sequence, *, dtype: str,
                 tol: float | None = None, gradients: Sequence | None = None, clip_value: float | None = None,
                 clip_norm: float | None = None, cache_dir=None, module: str | None = None,
                 column_major: tuple = ()) -> CompiledStep:
    """Cached :func:`build_step` (the cache is :data:`CACHE`, bounded, keyed on the expressions and options;
    also on disk with ``cache_dir`` or ``$SYMOPT_CACHE_DIR``: :mod:`symopt.disk_cache`).  ``module`` forces a
    backend (``"numpy"``: the NumPy version of a scalar program, whose default is ``math``).  ``column_major``:
    positions of parameters the step may keep column-major (:func:`symopt.layouts.chosen_weights`); the caller
    keeps the parameters in :meth:`CompiledStep.orders`' layouts."""
    directory = cache_directory(cache_dir)  # an untrusted directory is refused even when the memory cache answers
    rest = (tuple(data), dtype, tol, None if gradients is None else tuple(gradients), clip_value, clip_norm, module,
            tuple(column_major))
    options = dict(tol=tol, clip_value=clip_value, clip_norm=clip_norm,
                   gradients=None if gradients is None else tuple(gradients),  # printed by srepr only for a disk key
                   **({"module": module} if module else {}),
                   **({"column_major": tuple(column_major)} if column_major else {}))

    def of_rule() -> tuple:
        return ("step of rule", scalar_cost(cost), tuple(parameters), rule_key(optimizer), *rest)

    def built() -> CompiledStep:
        """The step of another optimizer with the same rule (a learning-rate sweep: probe65 P65-1), given this one's
        hyperparameters, or a new build."""
        rule = of_rule()
        shared = CACHE.get_or_build(rule, lambda: cached_step(
            scalar_cost(cost), parameters, optimizer, data, dtype, options, directory,
            lambda: build_step(cost, parameters, optimizer, data, dtype=dtype, tol=tol, gradients=gradients,
                               clip_value=clip_value, clip_norm=clip_norm, module=module,
                               column_major=tuple(column_major)),
            lambda step, train, module, hyper, names, advance, guarded: CompiledStep(
                step, train, list(parameters), list(data), optimizer, dtype, module, hyper, names, advance, guarded),
            kept_as=rule))
        return with_rates(shared, optimizer)
    memory_key = ("step", scalar_cost(cost), tuple(parameters), optimizer.key(), *rest)
    compiled = CACHE.get_or_build(memory_key, built)
    # the memory cache answered without writing it there (probe95 P95-3); once per rule, so a learning-rate sweep
    # writes its first rate's entry only, as before (test_disk_cache.py); the rule printed once per memory key
    kept_once(directory, memory_key, lambda: keep_step(
        directory, of_rule(), (scalar_cost(cost), parameters, optimizer, data, dtype, options), compiled))
    return compiled


def with_rates(step, optimizer: Optimizer):
    """``step`` (a :class:`CompiledStep` or a JAX step, built for an optimizer of the same :func:`rule_key`) taking
    ``optimizer``'s hyperparameters, which are the generated step's arguments."""
    if step.optimizer is optimizer:
        return step
    return replace(step, optimizer=optimizer, hyper=hyper_values(optimizer, step.dtype))


def rule_key(optimizer: Optimizer) -> tuple:
    """What a generated step takes from ``optimizer``: its :meth:`~symopt.optimizers.Optimizer.key` without the
    hyperparameters' values, which are the step's arguments, but with its update rule written in their symbols,
    which shows any branch a value takes (``ProximalGradientDescent`` without ``l1``, ``Ftrl``'s power -0.5)."""
    kind, hyper, options, slots, ranges = optimizer.key()
    schedules = optimizer.schedules()
    kinds = tuple((name, value if name in schedules else None, type_name) for name, value, type_name in hyper)
    return kind, kinds, options, slots, ranges, tuple(optimizer.rule())


def build_step(cost, parameters: Sequence, optimizer: Optimizer, data: Sequence, *, dtype: str,
               tol: float | None = None, gradients: Sequence | None = None, clip_value: float | None = None,
               clip_norm: float | None = None, module: str | None = None, column_major: tuple = ()) -> CompiledStep:
    r"""Fuse :math:`J`, :math:`\nabla J` and the optimizer's update into generated ``step`` and ``train``.

    ``gradients`` (optional) replaces :math:`\nabla J` by given expressions (TF1's ``apply_gradients``).
    ``clip_value`` / ``clip_norm`` clip the gradients before the update (the values are baked into the code).
    ``column_major``: positions of parameters the step may keep column-major (:mod:`symopt.layouts`).
    """
    program = step_program(cost, parameters, optimizer, data, dtype=dtype, tol=tol, gradients=gradients,
                           clip_value=clip_value, clip_norm=clip_norm, column_major=column_major)
    module = module or choose_backend(program, dtype)
    printer = make_printer(program, module, dtype)
    kinds = ("step", "train", "advance", "guarded_advance")
    sources = emit(program, printer, kinds)
    step, train, advance, guarded = (compile_source(source, kind, printer.namespace())
                                     for source, kind in zip(sources, kinds))
    return CompiledStep(step, train, list(parameters), list(data), optimizer, dtype, module,
                        hyper_values(optimizer, dtype), program.update, advance, guarded)
