r"""Divergences the learning rate does not cause, where the run's arithmetic, not the step, leaves the real numbers
(probe78 P78-2, P78-5, P78-6):

- :func:`squared_gradient_overflow`: the gradient is finite but its square :math:`g^2` passes the dtype's largest
  number, so a slot that accumulates it (Adam's :math:`v`, RMSProp's :math:`ms`) becomes :math:`\infty` and the next
  update :math:`\infty - \infty` = NaN, at every learning rate;
- :func:`float32_range_error`: the cost is not finite in float32 at the start and finite in float64
  (:math:`e^{95} = 1.8\times10^{41}` > float32's :math:`3.4\times10^{38}`);
- :func:`zero_times_log_zero`: a NaN at finite parameters from :math:`0\cdot\log 0 = 0\cdot(-\infty)`, the course's
  logistic loss :math:`-(y\log a + (1-y)\log(1-a))` once :math:`a = \sigma(z)` rounds to 1 (its real value is 0).
"""

from __future__ import annotations

import math
import traceback

import numpy as np
import sympy

from .divergence_advice import KEPT
from .errors import DivergenceError, DomainError

__all__ = ["squaring_slot", "squared_gradient_overflow", "float32_range_error", "zero_times_log_zero"]

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
    ``optimizer`` that accumulates :math:`g^2`; else ``None``.  ``result``: the divergence's partial result."""
    if not np.isnan(history[-1]):
        return None
    largest = float(np.finfo(dtype).max)
    sizes = [float(np.max(np.abs(g), initial=0.0)) for g in gradients]
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
    where float64 computes the finite ``float64_value``: float32's range, not the cost or the learning rate."""
    largest = float(np.finfo(np.float32).max)
    return DivergenceError(
        f"training diverged at step 0{where}: the cost is {value} in float32 at the starting point {point}, where "
        f"float64 computes {float64_value:.6g}: a value in the cost passes float32's largest number {largest:.3g} "
        "(as exp(x) does past x = 88.7, and x² past |x| = 1.8e19), so no step was taken and the learning rate is "
        "not the cause. "
        f"Train in float64 (dtype=\"float64\"), or rescale the data or the parameters so the cost and what it "
        f"computes stay below {largest:.3g}. {KEPT}", result)


#: The two floating-point errors of :math:`0\cdot\log 0`, as NumPy words them.
LOG_OF_ZERO, ZERO_TIMES_INFINITY = "divide by zero encountered in log", "invalid value encountered in multiply"


def zero_times_log_zero(step, arguments: list, cost, point: str, number: int, history, result,
                        where: str = "") -> DomainError | None:
    r"""A :class:`DomainError` when the generated NumPy ``step``, called on ``arguments`` (the parameters ``point``,
    reached after ``number`` updates, where the cost is NaN: ``history``'s last entry), takes a log of 0 and then
    multiplies an infinity by 0 (:math:`0\cdot\log 0`), with advice for ``cost``'s form; else ``None``."""
    if not len(history) or not np.isnan(history[-1]):
        return None
    log_line, product_line = first_error(step, arguments, "divide"), first_error(step, arguments, "invalid")
    if log_line is None or product_line is None or log_line[0] != LOG_OF_ZERO or product_line[0] != ZERO_TIMES_INFINITY:
        return None
    reports = f"{log_line[0]}, then {product_line[0]} (generated line: {product_line[1]})" \
        if log_line[1] == product_line[1] else \
        f"{log_line[0]} (generated line: {log_line[1]}), then {product_line[0]} (generated line: {product_line[1]})"
    reached = f"after step {number} the parameters reached {point}" if number else f"at the starting point {point}"
    sigmoid = any(isinstance(node, sympy.log) and "sigmoid" in str(node) for node in sympy.preorder_traversal(cost))
    return _domain_error(
        f"{reached}{where}, where the cost is nan though the parameters are finite: a log of 0 multiplied by 0 "
        f"(0·log(0) = 0·(-inf) = nan; NumPy reports {reports}). In real numbers the term is 0 (x·log(x) → 0). "
        f"{SIGMOID_LOG if sigmoid else OTHER_LOG} {KEPT}", result)


#: The cause and the cure of :func:`zero_times_log_zero` where the log is of a sigmoid (the course's loss).
SIGMOID_LOG = ("Here log(1 - sigmoid(z)) is log(0) once sigmoid(z) rounds to 1 (z above 16.6 in float32, 36.7 in "
               "float64), and on separable data the logits grow at every learning rate, so a smaller one only delays "
               "it: the learning rate is not the cause. Write the cross-entropy with "
               "ops.sigmoid_cross_entropy(logits, labels), which never takes the log of a sigmoid that rounded to 0 "
               "or 1.")
#: The same for another log.
OTHER_LOG = ("Here a log's argument rounded to 0: the learning rate is not the cause. Write the product so that it "
             "is 0 where its factor is 0 (x*log(x) as a sympy.Piecewise), or keep the log's argument away from 0 "
             "(log(a + eps)).")


def _domain_error(message: str, result) -> DomainError:
    error = DomainError(message)
    error.result = result
    return error


def first_error(step, arguments: list, kind: str) -> tuple[str, str] | None:
    """``(NumPy's message, the generated line)`` of the first floating-point error of ``kind`` (``"divide"`` or
    ``"invalid"``, the other kinds ignored) that the generated ``step`` meets on ``arguments``; ``None`` if none."""
    try:
        with np.errstate(all="ignore", **{kind: "raise"}):
            step(*arguments)
    except FloatingPointError as error:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<symopt-generated")]
        return str(error), (frames[-1].line or "").strip() if frames else ""
    return None
