r"""TF1's learning-rate decays built from TF1 ops, as TF1 builds them, for arguments a schedule of numbers cannot
take: a tensor learning rate (``tf.constant(0.1, tf.float64)``, a placeholder, a ``numpy.float64`` number), a
tensor decay rate, or a ``decay_steps`` that is not a whole number (``n_samples / batch_size``).

Each computes in the learning rate's dtype (``decay_steps``, ``decay_rate`` and the step cast to it), in TF1's
order of operations:

* exponential: :math:`\eta \cdot r^{p}`, :math:`p = t / s` (floored with ``staircase``);
* inverse time: :math:`\eta / (1 + r p)`;  natural exponential: :math:`\eta \cdot (e^{-r})^{p}` (:math:`e^{-r}` in
  the dtype of :math:`r`, a float32 for a Python float);
* polynomial: :math:`(\eta - \eta_e)(1 - \min(t, s)/s)^{q} + \eta_e`;
* cosine: :math:`\eta \bigl((1 - \alpha)\,\tfrac12 (1 + \cos(\pi \min(t, s)/s)) + \alpha\bigr)`.

The result is a scalar tensor; an optimizer given it evaluates it at every step (before its update).
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from ... import functions
from ...errors import UnsupportedOperationError
from . import dtypes
from .comparison_ops import minimum
from .default_graph import name_scope
from .errors import DTypeMismatchError
from .graph import Tensor, as_tensor, binary, constant
from .math_ops import cast, cos, exp, floor, negative

__all__ = ["needs_ops", "is_float64_number", "refuse_float64", "exponential", "inverse_time", "natural_exp", "polynomial", "cosine"]


def needs_ops(learning_rate, *numbers) -> bool:
    """Whether a decay takes one of these arguments only as TF1 ops: a tensor learning rate or decay argument, a
    ``numpy.float64`` learning rate (TF1 converts it to a float64 tensor and computes the decay in float64; a Python
    float is a float32 one), or a ``decay_steps`` (the first of ``numbers``) that is not a whole number.  Any scalar
    step of numbers is a schedule's step (:mod:`~symopt.compat.v1.learning_rate_decay`)."""
    if any(isinstance(value, Tensor) for value in (learning_rate, *numbers)) or is_float64_number(learning_rate):
        return True
    steps = numbers[0] if numbers else None
    return isinstance(steps, (float, np.floating)) and not float(steps).is_integer()


def is_float64_number(value) -> bool:
    """Whether ``value`` is a NumPy float64 scalar, which TF1's decays convert to a float64 tensor."""
    return isinstance(value, np.generic) and value.dtype == np.float64


def refuse_float64(learning_rate, caller: str) -> None:
    """TF1's ``TypeError`` for a decay that multiplies a float64 learning rate by a float32 constant of its own (its
    ``constant(math.pi)``; ``polynomial_decay(cycle=True)``'s ``where``), raised when the decay is built."""
    if is_float64_number(learning_rate) or (isinstance(learning_rate, Tensor) and learning_rate.dtype == dtypes.float64):
        raise DTypeMismatchError(f"Input 'y' of 'Mul' Op has type float64 that does not match type float32 of "
                                 f"argument 'x'. (TF1's {caller} builds float32 constants of its own and refuses a "
                                 f"float64 learning rate: pass it as a Python float, computed in float32)")


def _start(learning_rate, global_step, decay_steps, caller: str) -> tuple:
    """``(learning rate, dtype, step, decay_steps)`` as tensors of the learning rate's dtype."""
    if global_step is None:
        raise ValueError(f"global_step is required for {caller}.")
    rate = as_tensor(learning_rate)
    if rate.ndim != 0 or not rate.dtype.is_floating:
        raise UnsupportedOperationError(f"{caller}: learning_rate must be a float scalar (a number or a float32 / "
                                        f"float64 scalar tensor); given {rate!r}")
    dtype = rate.dtype
    return rate, dtype, _in(global_step, dtype), _in(decay_steps, dtype)


def _in(value, dtype: dtypes.DType) -> Tensor:
    """``value`` as a tensor of ``dtype``, as TF1's ``math_ops.cast`` converts it: a Python float is a float32
    constant first (``0.96`` cast to float64 is ``0.9599999785423279``), an int an int32 one."""
    value = as_tensor(value)
    return value if value.dtype == dtype else cast(value, dtype)


def _op(op: str, left, right) -> Tensor:
    """TF1's binary op ``op``, its result rounded to its dtype (SymPy would otherwise merge the constants of
    consecutive ops, ``0.5 * (t / 1.5)`` into ``0.333 * t``, and round otherwise than TF1)."""
    result = binary(op, left, right)
    bits = int(result.dtype.name[5:])
    return Tensor(functions.in_float(result.expr, bits), (), result.dtype, result.op_name, exact_name=True)


def _named(value: Tensor, scope: str) -> Tensor:
    """``value`` as the tensor TF1 names after the decay's scope (``ExponentialDecay:0``)."""
    result = Tensor(value.expr, (), value.dtype, scope.rstrip("/"), exact_name=True)
    result.recipe = value.recipe
    return result


def _per(x: Tensor, steps: Tensor) -> Tensor:
    r""":math:`x / s`, as TF1 runs it: Grappler rewrites a division by a constant as a multiplication by its
    reciprocal rounded to the dtype (:func:`symopt.schedule_folding.per`), which differs in the last bit at some steps
    (:math:`9 \cdot \mathrm{fl}(1/7) \ne 9/7` in float64); a tensor ``decay_steps`` is divided by."""
    if not isinstance(steps.expr, sympy.Number):
        return _op("truediv", x, steps)
    kind = np.dtype(steps.dtype.name).type
    return _op("mul", x, constant(kind(1) / kind(float(steps.expr)), dtype=steps.dtype))


def _fraction(step: Tensor, steps: Tensor, staircase: bool) -> Tensor:
    fraction = _per(step, steps)
    return floor(fraction) if staircase else fraction


def exponential(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None) -> Tensor:
    """``tf.train.exponential_decay`` of tensor arguments (see the module's docstring)."""
    with name_scope(name or "ExponentialDecay") as scope:
        rate, dtype, step, steps = _start(learning_rate, global_step, decay_steps, "exponential_decay")
        power = _op("pow", _in(decay_rate, dtype), _fraction(step, steps, staircase))
        return _named(_op("mul", rate, power), scope)


def inverse_time(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None) -> Tensor:
    """``tf.train.inverse_time_decay`` of tensor arguments."""
    with name_scope(name or "InverseTimeDecay") as scope:
        rate, dtype, step, steps = _start(learning_rate, global_step, decay_steps, "inverse_time_decay")
        denominator = _op("add", _in(1, dtype), _op("mul", _in(decay_rate, dtype), _fraction(step, steps, staircase)))
        return _named(_op("truediv", rate, denominator), scope)


def natural_exp(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None) -> Tensor:
    """``tf.train.natural_exp_decay`` of tensor arguments: TF1's exponential decay of the rate ``exp(-decay_rate)``."""
    with name_scope(name or "ExponentialDecay") as scope:
        rate, dtype, step, steps = _start(learning_rate, global_step, decay_steps, "natural_exp_decay")
        # TF1 computes exp(-decay_rate) in the decay rate's own dtype, then casts it as exponential_decay's rate;
        # of a float32 constant, correctly rounded as TF1's scalar kernel (NumPy's float32 exp can be an ulp off)
        decay = as_tensor(decay_rate)
        factor = constant(float(np.float32(math.exp(-float(decay.expr)))), dtypes.float32) \
            if decay.dtype == dtypes.float32 and decay.expr.is_Number else exp(negative(decay))
        power = _op("pow", _in(factor, dtype), _fraction(step, steps, staircase))
        return _named(_op("mul", rate, power), scope)


def polynomial(learning_rate, global_step, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False,
               name=None) -> Tensor:
    """``tf.train.polynomial_decay`` of tensor arguments (``cycle=True`` refused)."""
    if cycle:
        refuse_float64(learning_rate, "polynomial_decay(cycle=True)")
        raise UnsupportedOperationError("polynomial_decay(cycle=True) with tensor arguments is not supported yet by "
                                        "symopt.compat.v1; pass Python numbers")
    with name_scope(name or "PolynomialDecay") as scope:
        rate, dtype, step, steps = _start(learning_rate, global_step, decay_steps, "polynomial_decay")
        end = _in(end_learning_rate, dtype)
        remaining = _op("sub", _in(1, dtype), _per(minimum(step, steps), steps))
        decayed = _op("mul", _op("sub", rate, end), _op("pow", remaining, _in(power, dtype)))
        return _named(_op("add", decayed, end), scope)


def cosine(learning_rate, global_step, decay_steps, alpha=0.0, name=None) -> Tensor:
    """``tf.train.cosine_decay`` of tensor arguments (of float32: TF1 refuses a float64 learning rate)."""
    refuse_float64(learning_rate, "cosine_decay")
    with name_scope(name or "CosineDecay") as scope:
        rate, dtype, step, steps = _start(learning_rate, global_step, decay_steps, "cosine_decay")
        fraction = _per(minimum(step, steps), steps)
        wave = _op("mul", _in(0.5, dtype), _op("add", _in(1.0, dtype), cos(_op("mul", _in(math.pi, dtype), fraction))))
        decayed = _op("add", _op("mul", _in(1 - alpha, dtype), wave), _in(alpha, dtype))
        return _named(_op("mul", rate, decayed), scope)
