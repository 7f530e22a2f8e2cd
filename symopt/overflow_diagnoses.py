r"""Divergences the learning rate does not cause, where the run's arithmetic, not the step, leaves the real numbers
(probe78 P78-2, P78-6):

- :func:`squared_gradient_overflow`: the gradient is finite but its square :math:`g^2` passes the dtype's largest
  number, so a slot that accumulates it (Adam's :math:`v`, RMSProp's :math:`ms`) becomes :math:`\infty` and the next
  update :math:`\infty - \infty` = NaN, at every learning rate;
- :func:`float32_range_error`: the cost is not finite in float32 at the start and finite in float64
  (:math:`e^{95} = 1.8\times10^{41}` > float32's :math:`3.4\times10^{38}`, or :math:`e^{-110}` rounding to 0).
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from .divergence_advice import KEPT
from .errors import DivergenceError

__all__ = ["squaring_slot", "squared_gradient_overflow", "float32_range_error"]

#: What to do where the gradient's square overflows the run's dtype.
SQUARE_ADVICE = "Scale the data (or the cost) down, or clip the gradients (clip_norm=... or clip_value=...)"


def squaring_slot(optimizer) -> str | None:
    """The first slot of ``optimizer`` whose update is quadratic in the gradient :math:`g` (Adam's ``v``, RMSProp's
    ``ms``, Adagrad's ``accumulator``), read from its update rule; ``None`` for one without (gradient descent)."""
    theta, gradient = sympy.Symbol("theta"), sympy.Symbol("g")
    slots = {slot.name: sympy.Symbol(slot.name) for slot in optimizer.slots}
    try:  # an optimizer whose rule needs more than its hyperparameters and slots: no diagnosis, the error stays
        updates = optimizer.update(theta, gradient, slots,
                                   {name: sympy.Symbol(name) for name in optimizer.hyperparameters})
    except (KeyError, TypeError, AttributeError, ValueError):
        return None
    for target, rule in updates:
        if str(target) in slots and sympy.diff(rule, gradient, 2) != 0 and sympy.diff(rule, gradient, 3) == 0:
            return str(target)
    return None


def squared_gradient_overflow(step: int, history, gradients: list, names: list, point: str, optimizer, dtype: str,
                              result, where: str = "") -> DivergenceError | None:
    """The :class:`DivergenceError` of a NaN divergence at ``step`` (costs ``history``) whose ``gradients`` (finite,
    named ``names``, at ``point``, the lowest cost's parameters) square past ``dtype``'s largest number in the slot of
    ``optimizer`` that accumulates :math:`g^2`; else ``None`` (also where a gradient itself is past ``dtype``'s
    range: its square is not the first overflow).  ``result``: the divergence's partial result."""
    if not np.isnan(history[-1]):
        return None
    largest = float(np.finfo(dtype).max)
    sizes = [float(np.max(np.abs(g), initial=0.0)) for g in gradients]
    if max(sizes, default=0.0) > largest:  # the gradient overflows dtype (gradients evaluated in float64)
        return None
    slot = squaring_slot(optimizer) if max(sizes, default=0.0) > math.sqrt(largest) else None
    if slot is None:
        return None
    finite = history[np.isfinite(history)]
    last = f"{finite[-1]:.6g}" if finite.size else "none"
    name, size = max(zip(names, sizes), key=lambda pair: pair[1])
    wider = ", or train in float64 (dtype=\"float64\")" if dtype == "float32" and size < math.sqrt(np.finfo(float).max) \
        else ""
    return DivergenceError(
        f"training diverged at step {step}{where}: the cost became nan (last finite cost: {last}) because the "
        f"gradient's square overflows {dtype}: at {point} |dJ/d{name}| = {size:.6g}, whose square passes {dtype}'s "
        f"largest number {largest:.3g} (|g| above {math.sqrt(largest):.3g}). {type(optimizer).__name__}'s slot "
        f"{slot} accumulates g², so it becomes inf and the next update inf - inf = nan at every learning rate: the "
        f"learning rate is not the cause. {SQUARE_ADVICE}{wider}. {KEPT}", result)


def float32_range_error(value: float, float64_value: float, point: str, result, where: str = "") -> DivergenceError:
    """The :class:`DivergenceError` of a float32 run whose cost at the start, ``point``, is ``value`` (not finite)
    where float64 computes the finite ``float64_value``: float32's range (a value past its largest number, or one
    rounded to 0 below its smallest), not the cost or the learning rate."""
    largest, smallest = float(np.finfo(np.float32).max), float(np.finfo(np.float32).smallest_subnormal)
    return DivergenceError(
        f"training diverged at step 0{where}: the cost is {value} in float32 at the starting point {point}, where "
        f"float64 computes {float64_value:.6g}: a value in the cost leaves float32's range, past its largest number "
        f"{largest:.3g} (as exp(x) does past x = 88.7, and x² past |x| = 1.8e19) or below its smallest {smallest:.3g}, "
        "which rounds to 0 (as exp(-x) does past x = 103.3, then log(0) = -inf), so no step was taken and the "
        "learning rate is not the cause. "
        f"Train in float64 (dtype=\"float64\"), or rescale the data or the parameters so the values the cost "
        f"computes stay within float32's range. {KEPT}", result)
