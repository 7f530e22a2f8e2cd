r"""TF1's learning-rate schedules (``tf.train.exponential_decay`` and friends) and ``tf.hessians``.

Each ``*_decay`` of Python numbers returns a float32 scalar tensor: the core :class:`~symopt.schedules.Schedule` of
the global-step variable (a ``numpy.float64`` learning rate is a float64 tensor, and its decay is built from TF1's
ops in float64, :mod:`~symopt.compat.v1.tensor_schedules`).  ``sess.run(lr)`` evaluates it at the variable's
current value, and an optimizer given it as its learning rate computes it inside its fused step, in float32 in
TF1's order, so both print TF1's digits.  ``minimize(..., global_step=gs)`` increments the variable after each
step.  Each decay is
recorded (:mod:`~symopt.compat.v1.recording`), so a run that feeds the step (``sess.run(lr, {global_step: 150})``,
plotting a schedule) or a tensor argument computes the rate at the fed value, as TF1 (probe13 W10).
"""

from __future__ import annotations

import numpy as np
import sympy

from ... import more_schedules, schedules
from ...errors import ConfigurationError, UnsupportedOperationError
from ...hessian import hessian
from ...jax_step import within_counter
from ...schedule_base import Schedule, schedule_code, whole_step
from . import dtypes, tensor_schedules
from .cond_gradients import branch_adjoints, reads_conds
from .graph import Tensor, constant, shape_text
from .kernel_functions import tf1_rules
from .recording import rebuild, recorded

__all__ = ["exponential_decay", "piecewise_constant", "polynomial_decay", "inverse_time_decay", "cosine_decay",
           "natural_exp_decay", "linear_cosine_decay", "cosine_decay_restarts", "hessians", "ScheduleTensor",
           "core_learning_rate", "scheduled_step"]


class ScheduledRate(sympy.Function):
    """The value of a schedule at a step read from a TF1 variable; prints the schedule's float32 code (its constants
    in ``dtype``: a float64 ``piecewise_constant`` chooses among float64 values, no arithmetic).  The step is cast
    to float32 for the arithmetic, as TF1's decays cast their int64 ``global_step``, and compared as the integer it
    is with integer boundaries, as TF1's ``piecewise_constant`` compares (review final35 F35-2)."""

    schedule: Schedule
    dtype: str = "float32"
    integer_rule = "reads"  # the step is cast to a float as TF1 casts it, or compared exactly (wide_integer_checks)

    @classmethod
    def of(cls, schedule: Schedule, step, dtype: str = "float32") -> sympy.Expr:
        node = type(f"ScheduledRate_{dtype}_{abs(hash(schedule))}", (cls,), {"schedule": schedule, "dtype": dtype})
        return node(step)

    def _symopt_code(self, printer):
        """The schedule's code in parentheses (an operand: ``-(0.5 - t0)*p + t0`` was ``-`` of its first term only,
        probe31 P31-5), in the printer's backend's schedule form (JAX: traced, ``jnp.where``: P31-6)."""
        step = printer._print(self.args[0])
        schedule_printer = getattr(printer, "schedule_printer", None)
        integers = self.schedule.integer_constants()  # boundaries: compared with the integer step (F35-2)
        if schedule_printer is not None and schedule_printer.traced:  # JAX: an int its counter holds
            integers = {name: value for name, value in integers.items() if isinstance(within_counter(value), int)}
        constants = {name: repr(integers[name]) if name in integers else f"numpy.{self.dtype}({value!r})"
                     for name, value in self.schedule.constants().items()}
        code = schedule_code(self.schedule, f"numpy.float32({step})", constants, schedule_printer, compared_step=step)
        return f"({code})"

    def _latex(self, printer):
        return rf"\eta\left({printer._print(self.args[0])}\right)"


class ScheduleTensor(Tensor):
    """A float32 (or float64) scalar learning rate: ``schedule`` evaluated at the variable ``global_step``."""

    def __init__(self, schedule: Schedule, global_step: Tensor, name: str, dtype: dtypes.DType = dtypes.float32):
        super().__init__(ScheduledRate.of(schedule, global_step.expr, dtype.name), (), dtype, name)
        self.schedule = schedule
        self.global_step = global_step


def _check_scalar_step(step, caller: str, argument: str = "global_step") -> None:
    """A step tensor of a known shape other than a scalar is refused, naming its shape (review final44b F44b-13)."""
    if isinstance(step, Tensor) and step.shape != ():
        raise UnsupportedOperationError(f"{caller}: {argument} must be a scalar (a 0-D tensor); given {step.name} of "
                                        f"shape {shape_text(step.shape)}: pass one step, such as {argument}[0] or "
                                        f"tf.reduce_max({argument})")


def _scheduled(schedule: Schedule, global_step, name: str, caller: str, dtype: dtypes.DType = dtypes.float32,
               argument: str = "global_step") -> Tensor:
    if global_step is None:
        raise ValueError(f"global_step is required for {caller}.")
    _check_scalar_step(global_step, caller, argument)
    if isinstance(global_step, Tensor):
        if hasattr(global_step, "initial_value") and getattr(global_step, "stands_for", None) is None:
            return ScheduleTensor(schedule, global_step, name, dtype)  # the optimizer's counter follows it
        # any other scalar (a fed epoch placeholder, tf.cast(global_step, tf.int32) // 2; a run feeding the step
        # variable): the schedule of its value, as TF1's ops compute it (probe70 P70-1)
        return Tensor(ScheduledRate.of(schedule, global_step.expr, dtype.name), (), dtype, name)
    if dtype != dtypes.float32:  # a float64 piecewise_constant: the value chosen, never rounded to float32
        chosen = next((v for b, v in zip(schedule.boundaries, schedule.values) if int(global_step) <= b),
                      schedule.values[-1])
        return constant(np.float64(chosen), dtype=dtype, name=name)
    return constant(float(schedule(int(global_step))), dtype=dtypes.float32, name=name)


def _of_numbers(learning_rate, decay_steps, *others) -> bool:
    """Whether a decay's arguments other than its step are numbers a schedule takes; then any scalar step (the
    variable, a fed or computed step tensor) is the schedule's step, computed in TF1's float32 order with the C
    library's ``pow`` and ``cos`` of one number, TF1's digits (review final44b F44b-1, F44b-10)."""
    return not tensor_schedules.needs_ops(learning_rate, decay_steps, *others)


def _refused_for_ops(build, global_step) -> bool:
    """Whether the schedule class refuses the numbers (``build()`` raises: a power <= 0, a decay_rate <= 0, ...)
    where the step is a tensor: TF1's ops compute those (review final45b 45b-4); with a number step the refusal
    stands."""
    try:
        build()
    except ConfigurationError:
        if isinstance(global_step, Tensor):
            return True
        raise
    return False


def _number(value, what: str, caller: str):
    if isinstance(value, Tensor):
        raise UnsupportedOperationError(f"{caller}: {what} as a tensor is not supported yet; pass a Python number")
    return value


def _steps(value, what: str, caller: str):
    """A number of steps: a whole-valued float (Python 3's ``60000 / 100``, ``600.0``) as that int, which TF1's
    ``global_step / decay_steps`` divides by alike; anything else as :func:`_number` takes it."""
    value = _number(value, what, caller)
    whole = isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer()
    return int(value) if whole else value


def _step_decay(cls, learning_rate, global_step, decay_steps, decay_rate, staircase, name, caller) -> Tensor:
    schedule = cls(_number(learning_rate, "learning_rate", caller), _steps(decay_steps, "decay_steps", caller),
                   _number(decay_rate, "decay_rate", caller), bool(staircase))  # TF1: a truth value
    return _scheduled(schedule, global_step, name, caller)


@recorded
def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None) -> Tensor:
    r"""``learning_rate * decay_rate ** (global_step / decay_steps)`` (floored with ``staircase``); tensor arguments
    or a fractional ``decay_steps`` as TF1's ops (:mod:`~symopt.compat.v1.tensor_schedules`)."""
    _check_scalar_step(global_step, "exponential_decay")
    if not _of_numbers(learning_rate, decay_steps, decay_rate) or _refused_for_ops(
            lambda: schedules.ExponentialDecay(learning_rate, decay_steps, decay_rate, bool(staircase)), global_step):
        return tensor_schedules.exponential(learning_rate, global_step, decay_steps, decay_rate, staircase, name)
    return _step_decay(schedules.ExponentialDecay, learning_rate, global_step, decay_steps, decay_rate, staircase,
                       name or "ExponentialDecay", "exponential_decay")


def _check_boundary_dtypes(x, boundaries) -> None:
    """TF1's ``ValueError`` for boundaries of another dtype than a tensor ``x`` (int32 boundaries of an int64 ``x``
    are widened, as TF1 widens them: final44b F44b-13)."""
    if not isinstance(x, Tensor):
        return
    for boundary in boundaries:
        given = dtypes.infer_dtype(boundary)
        if given != x.dtype and not (given == dtypes.int32 and x.dtype == dtypes.int64):
            raise ConfigurationError(f"Boundaries (<dtype: '{given.name}'>) must have the same dtype as x (<dtype: "
                                     f"'{x.dtype.name}'>). "
                                     f"(piecewise_constant: give the boundaries as {x.dtype.name} numbers, or cast "
                                     f"x, tf.cast(x, tf.{given.name}))")


@recorded
def piecewise_constant(x, boundaries, values, name=None) -> Tensor:
    """``values[0]`` while ``x <= boundaries[0]``, ``values[i]`` while ``x <= boundaries[i]``, then ``values[-1]``;
    a float32 rate, or float64 when the values are ``numpy.float64`` numbers (all of them, as TF1 requires)."""
    caller = "piecewise_constant"
    schedule = schedules.PiecewiseConstant([_number(b, "a boundary", caller) for b in boundaries],
                                           [_number(v, "a value", caller) for v in values])
    wide = [tensor_schedules.is_float64_number(v) for v in values]
    if any(wide) and not all(wide):
        first, other = ("float64", "float32") if wide[0] else ("float32", "float64")
        raise ConfigurationError(f"Values must have elements all with the same dtype (<dtype: '{first}'> vs "
                                 f"<dtype: '{other}'>). (piecewise_constant: give every value as a numpy.float64 "
                                 "for a float64 rate, or every one as a Python float)")
    dtype = dtypes.float64 if all(wide) else dtypes.float32
    _check_boundary_dtypes(x, boundaries)
    return _scheduled(schedule, x, name or "PiecewiseConstant", caller, dtype, argument="x")


@recorded
def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False,
                     name=None) -> Tensor:
    """``(lr - end) * (1 - min(step, decay_steps) / decay_steps) ** power + end``; tensor arguments as TF1's ops."""
    _check_scalar_step(global_step, "polynomial_decay")
    if not _of_numbers(learning_rate, decay_steps, end_learning_rate, power) or _refused_for_ops(
            lambda: schedules.PolynomialDecay(learning_rate, decay_steps, end_learning_rate, power, bool(cycle)),
            global_step):
        return tensor_schedules.polynomial(learning_rate, global_step, decay_steps, end_learning_rate, power, cycle,
                                           name)
    caller = "polynomial_decay"
    schedule = schedules.PolynomialDecay(_number(learning_rate, "learning_rate", caller),
                                         _steps(decay_steps, "decay_steps", caller),
                                         _number(end_learning_rate, "end_learning_rate", caller),
                                         _number(power, "power", caller), bool(cycle))
    return _scheduled(schedule, global_step, name or "PolynomialDecay", caller)


@recorded
def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None) -> Tensor:
    """``learning_rate / (1 + decay_rate * global_step / decay_steps)`` (floored with ``staircase``); tensor arguments
    as TF1's ops."""
    _check_scalar_step(global_step, "inverse_time_decay")
    if not _of_numbers(learning_rate, decay_steps, decay_rate) or _refused_for_ops(
            lambda: schedules.InverseTimeDecay(learning_rate, decay_steps, decay_rate, bool(staircase)), global_step):
        return tensor_schedules.inverse_time(learning_rate, global_step, decay_steps, decay_rate, staircase, name)
    return _step_decay(schedules.InverseTimeDecay, learning_rate, global_step, decay_steps, decay_rate, staircase,
                       name or "InverseTimeDecay", "inverse_time_decay")


@recorded
def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None) -> Tensor:
    """``learning_rate * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)``; tensor
    arguments as TF1's ops."""
    _check_scalar_step(global_step, "cosine_decay")
    if not _of_numbers(learning_rate, decay_steps, alpha) or _refused_for_ops(
            lambda: schedules.CosineDecay(learning_rate, decay_steps, alpha), global_step):
        return tensor_schedules.cosine(learning_rate, global_step, decay_steps, alpha, name)
    caller = "cosine_decay"
    schedule = schedules.CosineDecay(_number(learning_rate, "learning_rate", caller),
                                     _steps(decay_steps, "decay_steps", caller), _number(alpha, "alpha", caller))
    return _scheduled(schedule, global_step, name or "CosineDecay", caller)


@recorded
def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None) -> Tensor:
    """``learning_rate * exp(-decay_rate) ** (global_step / decay_steps)`` (floored with ``staircase``); tensor
    arguments as TF1's ops."""
    _check_scalar_step(global_step, "natural_exp_decay")
    if not _of_numbers(learning_rate, decay_steps, decay_rate) or _refused_for_ops(
            lambda: more_schedules.NaturalExpDecay(learning_rate, decay_steps, decay_rate, bool(staircase)),
            global_step):
        return tensor_schedules.natural_exp(learning_rate, global_step, decay_steps, decay_rate, staircase, name)
    return _step_decay(more_schedules.NaturalExpDecay, learning_rate, global_step, decay_steps, decay_rate, staircase,
                       name or "ExponentialDecay", "natural_exp_decay")


@recorded
def linear_cosine_decay(learning_rate, global_step, decay_steps, num_periods=0.5, alpha=0.0, beta=0.001,
                        name=None) -> Tensor:
    """``learning_rate * ((alpha + linear) * cosine + beta)``: a cosine of ``num_periods`` periods times a linear
    decay, over ``decay_steps`` steps (:class:`symopt.more_schedules.LinearCosineDecay`)."""
    caller = "linear_cosine_decay"
    tensor_schedules.refuse_float64(learning_rate, caller)
    schedule = more_schedules.LinearCosineDecay(
        _number(learning_rate, "learning_rate", caller), _steps(decay_steps, "decay_steps", caller),
        *(_number(value, what, caller) for value, what in ((num_periods, "num_periods"), (alpha, "alpha"),
                                                            (beta, "beta"))))
    return _scheduled(schedule, global_step, name or "LinearCosineDecay", caller)


@recorded
def cosine_decay_restarts(learning_rate, global_step, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0,
                          name=None) -> Tensor:
    """SGDR: cosine decays restarted after ``first_decay_steps * t_mul**i`` steps, each peak ``m_mul`` times the
    last (:class:`symopt.more_schedules.CosineDecayRestarts`)."""
    caller = "cosine_decay_restarts"
    tensor_schedules.refuse_float64(learning_rate, caller)
    schedule = more_schedules.CosineDecayRestarts(
        _number(learning_rate, "learning_rate", caller), _steps(first_decay_steps, "first_decay_steps", caller),
        *(_number(value, what, caller) for value, what in ((t_mul, "t_mul"), (m_mul, "m_mul"), (alpha, "alpha"))))
    return _scheduled(schedule, global_step, name or "SGDRDecay", caller)


def core_learning_rate(learning_rate):
    """What a core optimizer takes for a TF1 learning rate: the number, or the schedule behind a ``*_decay`` tensor."""
    if isinstance(learning_rate, ScheduleTensor):
        return learning_rate.schedule
    if isinstance(learning_rate, Tensor):
        raise UnsupportedOperationError("a learning rate given as a tensor is supported only when it comes from "
                                        "tf.train.exponential_decay, piecewise_constant, polynomial_decay, "
                                        "inverse_time_decay, cosine_decay, natural_exp_decay, linear_cosine_decay or "
                                        "cosine_decay_restarts; pass a Python number otherwise")
    if isinstance(learning_rate, (int, float, np.integer, np.floating)) and not isinstance(learning_rate, bool):
        return learning_rate
    raise ConfigurationError(f"learning_rate: expected a number or a tf.train.*_decay tensor; given {learning_rate!r}")


def scheduled_step(learning_rate, shared: list, shared_names: list, values: dict) -> list:
    """The optimizer's shared state with its step counter set to the global-step variable's current value
    (TF1 reads the variable each step; ``minimize(global_step=)`` increments it)."""
    if not isinstance(learning_rate, ScheduleTensor):
        return shared
    step = values.get(learning_rate.global_step.expr, learning_rate.global_step.start_value)
    # the variable's value as the core's counter holds it (review final35 S5, F35-2)
    return [whole_step(step) if name == "global_step" else value for name, value in zip(shared_names, shared)]


#: The largest rank-1 variable whose Hessian is built column by column (n gradients of n x 1 expressions).
MAX_HESSIAN_COLUMNS = 64


def hessians(ys, xs, name="hessians", colocate_gradients_with_ops=False, gate_gradients=False,
             aggregation_method=None) -> list:
    r"""``tf.hessians``: for each ``x`` in ``xs`` the Hessian of ``sum(ys)`` with respect to ``x`` alone
    (TF1 returns these diagonal blocks, never the cross terms); shape ``x.shape + x.shape``.  Scalar
    variables, and rank-1 variables (or tensors computed from them, held as the independent tensor as
    ``tf.gradients`` holds them): a matrix expression where the Hessian has one (:math:`2X^\top X`), else
    column by column, :math:`H e_j = \nabla_x (g^\top e_j)` with :math:`g` the gradient (at most
    :data:`MAX_HESSIAN_COLUMNS` entries)."""
    ys = ys if isinstance(ys, (list, tuple)) else [ys]
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    with tf1_rules():  # the layer's TF1 gradient rules (SigmoidGradGrad ...), as tf.gradients differentiates
        return [_hessian_block(ys, x, name) for x in xs]


def _hessian_block(ys: list, x: Tensor, name: str) -> Tensor:
    """The Hessian of ``sum(ys)`` with respect to ``x`` alone; a computed ``x`` (``h = w * 2.0``) is held as the
    independent tensor, as ``tf.gradients`` holds it: ``ys`` rebuilt with a stand-in for ``x``, differentiated twice
    with respect to the stand-in, and ``x``'s expression put back (only the paths through ``x`` count, as in TF1)."""
    if x.recipe is not None or not isinstance(x.expr, (sympy.Symbol, sympy.MatrixSymbol)):
        from .stand_ins import stand_in_for
        stand_in = stand_in_for(x, tuple(x.shape), "wrt")
        x.graph.rebuilding += 1  # the rebuilt ys are none of the program's nodes
        try:
            with x.graph.as_default():
                rebuilt = rebuild(ys, [(x, stand_in)])
        finally:
            x.graph.rebuilding -= 1
        block = _hessian_block(rebuilt, stand_in, name)
        return Tensor(block.expr.xreplace({stand_in.expr: x.expr}), tuple(block.shape), x.dtype, f"{name}:0")
    total = sum((y.expr for y in ys), sympy.S.Zero)
    through_conds = reads_conds(total, x.graph)  # each differentiation takes the taken branch alone, as TF1's
    if x.shape == () and through_conds:
        slope = branch_adjoints(total, [x.expr], x.graph)[x.expr]
        return Tensor(branch_adjoints(slope, [x.expr], x.graph)[x.expr], (), x.dtype, f"{name}:0")
    if x.shape == ():
        return Tensor(hessian(total, [x.expr])[0, 0], (), x.dtype, f"{name}:0")
    if len(x.shape) != 1:
        raise UnsupportedOperationError(f"tf.hessians: {x.name} has shape {x.shape}, so its Hessian has rank "
                                        f"{2 * len(x.shape)}; symopt.compat.v1 supports scalar and rank-1 "
                                        "variables. For a Hessian-vector product write TF1's double backprop: g = "
                                        "tf.gradients(f, W)[0]; hv = tf.gradients(tf.reduce_sum(g * v), W)[0]; for "
                                        "the full Hessian, a rank-1 variable (tf.reshape the matrix from one)")
    try:
        block = None if through_conds else hessian(total, x.expr)
    except UnsupportedOperationError:
        block = None
    if not isinstance(block, sympy.MatrixExpr):
        block = _hessian_by_columns(ys, x)
    return Tensor(block, x.shape + x.shape, x.dtype, f"{name}:0")


def _hessian_by_columns(ys: list, x: Tensor):
    r"""The Hessian of ``sum(ys)`` with respect to the rank-1 ``x``, one column :math:`\nabla_x g_j` at a time."""
    from .concat_ops import joined  # concat_ops builds on the graph, which this module's importers need first
    from .gradient_ops import gradient_expressions
    from ...nodes import ElementSum, hadamard
    size = int(x.shape[0])
    if size > MAX_HESSIAN_COLUMNS:
        raise UnsupportedOperationError(f"tf.hessians with respect to {x.name} of {size} entries: symopt.compat.v1 "
                                        f"builds a Hessian column by column for at most {MAX_HESSIAN_COLUMNS}; use "
                                        "symopt.hvp for Hessian-vector products")
    (gradient,) = gradient_expressions(ys, [x])
    if gradient is None:
        return sympy.ZeroMatrix(size, size)

    def column(entry):
        derivative = branch_adjoints(entry, [x.expr], x.graph).get(x.expr, 0)
        return derivative if getattr(derivative, "is_Matrix", False) else sympy.ZeroMatrix(size, 1)

    try:  # g^T e_j as a matrix expression
        columns = [column(ElementSum(hadamard(gradient, sympy.ImmutableMatrix(size, 1, lambda i, _: int(i == j)))))
                   for j in range(size)]
    except UnsupportedOperationError:  # g holds explicit entries (reduce_prod): differentiate them one by one
        entries = gradient.as_explicit()
        columns = [column(entries[j, 0]) for j in range(size)]
    return joined(columns, False)
