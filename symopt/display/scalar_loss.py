r"""``explain`` of a scalar loss, as the matrix form judges it: an example that is fitted (σ(wx) ≈ y, so the
cross-entropy's :math:`\partial J/\partial u = v - y` is tiny with no σ' in it; in the stable form
:math:`\mathrm{softplus}(z) - yz` the slope along the logit is :math:`\sigma(z) - y`), and the log of 0 that makes
the blackboard's logistic loss NaN where σ rounds to 1 (the exact gradient is finite; ``ops.sigmoid_cross_entropy``
computes it)."""

from __future__ import annotations

import numpy as np
import sympy
from sympy.matrices.expressions.matexpr import MatrixElement

from ..functions import sigmoid, softplus
from .backward import adjoint_symbol
from .exact_numbers import beyond_float64, exactly
from .glyphs import format_number
from .notation import text as text_of
from .ordering import tree_size
from .scalar_inputs import scalar_inputs

__all__ = ["exact_gradient", "fitted_logit", "fitted_output", "log_of_zero"]

#: Gradient formulas larger than this (tree nodes) are not evaluated exactly for the log-of-0 message, nor costs
#: compared with the stable cross-entropy's form.
EXACT_LIMIT = 400

#: Why a fitted σ output leaves the slope small for good (the matrix form's "fitted" says the same).
IN_THE_LIMIT = ("σ reaches its target only in the limit: on separable data the weights grow without bound as training "
                "goes on and the cost has no minimum; add a penalty (+ λw²) for one")


def fitted_output(derivation, forward, where, tiny: float) -> tuple | None:
    """``(cause, line)`` where the saturated ``forward`` step (``v = σ(u)``) is a fitted output: the backward line
    of its argument, ``where`` (``du = v - y``), reads ``v`` and an input ``y`` with ``|v - y| <`` ``tiny``, so the
    slope is small because the output matches its target, not through σ' (the matrix form's "fitted"); else None."""
    if where is None:
        return None
    numbers = derivation.numbers
    shown = where.shown
    if forward.symbol not in shown.free_symbols:
        return None
    output = sympy.sympify(numbers[forward.symbol])
    for target in sorted(scalar_inputs(shown) & set(derivation.forward.leaves), key=str):
        value = sympy.sympify(numbers.get(target))
        if target in derivation.wrt or not (value.is_number and value.is_extended_real):
            continue
        if abs(float(output - value)) < tiny:
            line = f"d{text_of(where.node)} = {text_of(shown)}"
            loss = format_number(numbers[derivation.forward.output.symbol])
            slope = format_number(numbers[adjoint_symbol(where.node)])
            message = (f"{line} is {slope} because {text_of(forward.symbol)} = {text_of(forward.expression)} ≈ "
                       f"{text_of(target)} = {format_number(value)} (the loss is {loss}): the example is fitted, and "
                       f"σ' is not in {line}. {IN_THE_LIMIT}")
            return ("fitted", message), line
    return None


def fitted_logit(derivation, symbol, tiny: float) -> tuple:
    r"""``([cause], line)`` where the cost is the stable cross-entropy :math:`\mathrm{softplus}(z) - yz`
    (``ops.sigmoid_cross_entropy(z, y)``) and its slope along the logit, :math:`\sigma(z) - y`, is below ``tiny``
    here (exactly: σ(50) - 1 is -1.9e-22): the example is fitted, as :func:`fitted_output` finds for the log form;
    ``([], None)`` otherwise."""
    cost, numbers = derivation.forward.output.source, derivation.numbers
    back = next((step for step in derivation.backward if step.node == symbol), None)
    if back is None or tree_size(cost, EXACT_LIMIT) > EXACT_LIMIT:
        return [], None
    for forward in derivation.forward.steps:
        if not isinstance(forward.expression, softplus) or symbol not in forward.source.free_symbols:
            continue
        argument = forward.expression.args[0]
        label = _label_beside(derivation, forward)
        if label is None:
            continue
        logit, number = sympy.sympify(argument.xreplace(numbers)), sympy.sympify(label.xreplace(numbers))
        if not all(n.is_number and n.is_extended_real for n in (logit, number)) \
                or abs(float((sigmoid(_exact(logit)) - _exact(number)).evalf())) >= tiny:
            continue
        w, v, y = text_of(symbol), text_of(argument), text_of(label)
        inputs = derivation.forward.in_inputs(argument)
        shown = v + (f" = {text_of(inputs)}" if inputs != argument else "")
        slope = f"d{text_of(derivation.forward.output.symbol)}/d{w} = {text_of(back.in_inputs)}"
        loss = exactly(_float(numbers[derivation.forward.output.symbol]), exact_value(derivation, cost))
        computed = exactly(_float(numbers[adjoint_symbol(symbol)]), exact_gradient(derivation, symbol))
        target = y + (f" = {format_number(number)}" if not label.is_number else "")
        along = f"σ({v})" + (f" - {y}" if label != 0 else "")
        message = (f"{slope} is {computed} because σ({v}) ≈ {target} at "
                   f"{shown} = {format_number(logit)} (the loss is {loss}): the example is fitted, and σ' is not in "
                   f"the loss's slope {along} along {v}. {IN_THE_LIMIT}")
        return [("fitted", message)], f"d{w} = {text_of(back.value)}"
    return [], None


def _float(number) -> float:
    """A derivation's real number as float64 (its ±∞ too)."""
    return float(np.asarray(number, dtype=float).item()) if isinstance(number, np.ndarray) else float(number)


def _label_beside(derivation, softplus_step):
    """The label ``y`` where the cost is exactly ``softplus(z) - y·z`` with the step's ``z``: an input that is no
    parameter, or a number (``ops.sigmoid_cross_entropy(z, 1)``); else None."""
    logit = softplus_step.source.args[0]
    label = sympy.cancel(sympy.expand(softplus_step.source - derivation.forward.output.source) / logit)
    return label if not scalar_inputs(label) - (set(derivation.forward.leaves) - set(derivation.wrt)) else None


def _exact(number):
    """A Float as the rational it is (σ(50.0) is not 1: σ(50) - 1 = -1.9e-22), another number as it is."""
    return sympy.Rational(number) if isinstance(number, sympy.Float) else number


def log_of_zero(derivation, symbol) -> tuple:
    """``([cause], line)`` for the first ``log`` on the parameter's chain whose argument is 0 here (``t = 1 - p``
    with ``p = σ(40)`` rounded to 1) while the exact gradient is finite: the log is -∞, the cost NaN (0·log 0) or
    ∞, and the generated gradient with them, with the exact gradient and the stable form; ``([], None)`` when there
    is none (``b·log(w)`` at w = 0: the slope b/w is infinite itself)."""
    numbers = derivation.numbers
    for step in derivation.forward.steps:
        if not isinstance(step.expression, sympy.log) or symbol not in step.source.free_symbols:
            continue
        argument = step.expression.args[0]
        value = sympy.sympify(argument.xreplace(numbers))
        if not (value.is_number and value.is_zero is True):
            continue
        exact = exact_gradient(derivation, symbol)
        if exact is None:
            return [], None
        cost = sympy.sympify(numbers[derivation.forward.output.symbol])
        inputs = derivation.forward.in_inputs(argument)
        shown = text_of(argument) + (f" = {text_of(inputs)}" if inputs != argument else "")
        cost_is = "NaN (0·log 0 where the log's factor is 0)" if cost is sympy.nan else format_number(cost)
        stable = "ops.sigmoid_cross_entropy(z, y) = softplus(z) - yz: " if inputs.has(sigmoid) else ""
        message = (f"{shown} = 0 here, so {text_of(step.symbol)} = {text_of(step.expression)} = -∞ and the cost is "
                   f"{cost_is}, although the exact gradient d{text_of(derivation.forward.output.symbol)}/"
                   f"d{text_of(symbol)} is {beyond_float64(exact)}; a stable form of the cost computes it ({stable}"
                   "docs/numerics.md)")
        return [("log of 0", message)], f"{text_of(step.symbol)} = {text_of(step.expression)}"
    return [], None


def exact_gradient(derivation, symbol):
    """The gradient's formula at the point, exactly (``x(σ(40) - 1) = -8.49671e-18``), where it is a finite real
    number; else None."""
    return exact_value(derivation, derivation.gradient.get(symbol))


def exact_value(derivation, formula):
    """``formula`` (of the derivation's inputs) at the point, exactly, where it is a finite real number; else None."""
    if formula is None or tree_size(formula, EXACT_LIMIT) > EXACT_LIMIT:
        return None
    arrays = {symbol_: value for symbol_, value in derivation.bound.items() if getattr(value, "shape", ())}
    point = {symbol_: _exact(value) for symbol_, value in derivation.bound.items() if symbol_ not in arrays}
    point.update({entry: _exact(sympy.Float(float(np.asarray(arrays[entry.parent])[entry.i, entry.j])))
                  for entry in formula.atoms(MatrixElement) if entry.parent in arrays})  # x[0, 0] of a fed x
    try:  # exact: σ(40.0) is not 1
        replaced = formula.xreplace(point)
        if any(symbol_ in arrays for symbol_ in replaced.free_symbols):  # batch data: no exact number
            return None
        # adaptive: 1 - tanh(400)² is 1.47e-347, not 2.4e-125 (47d-2); strict: a slope that is exactly 0 raises
        exact = replaced.evalf(15, maxn=1200, strict=True)  # PrecisionExhausted, never shown as noise (47d3-1)
    except (TypeError, ValueError, ArithmeticError):  # max(log w, -10) at w = 0: zoo ≥ -10; erfc(1e300) overflows
        return None
    finite = exact.is_Number and exact.is_extended_real and exact.is_finite  # a number, not log_where_nonzero(0, 0)
    return exact if finite and not exact.has(sympy.zoo, sympy.nan, sympy.oo) else None
