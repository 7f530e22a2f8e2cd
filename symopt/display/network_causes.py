r"""The causes of a network's zero, vanishing or NaN gradient, read off the course's lines (:mod:`.course`).

For a parameter of layer :math:`l` whose compiled gradient is not ``fine`` (:func:`.findings.parameter_status`),
the lines are searched from layer :math:`l` towards the output: a dead ReLU (:math:`g'(Z) = 0` for every example),
a saturated σ/tanh (:math:`|g'(Z)| <` :data:`~.findings.TINY`), zero weights above (:math:`W_{l+1} = 0`), a zero
input (:math:`A_{l-1} = 0` makes :math:`dW = \tfrac1m dZ A^\top = 0`), and on the output layer a log of 0 or
:math:`\infty \cdot 0` in the gradient as written; else the fit (:mod:`.fit`), a signal that shrank through depth,
or cancellation in the sum over the examples.
"""

from __future__ import annotations

import numpy as np
import sympy

from ..symbols import BATCH, is_matrix
from .course import CourseDerivation, Line
from .notation import text as text_of
from .numbers import compiled_gradient, line_values
from .glyphs import parameter_name
from .findings import INPUTS, TINY, Finding, parameter_status
from .fit import fit_cause, fitted
from .terms import Entrywise, Times, entrywise_value, value
from . import terms

__all__ = ["network_findings", "RELU_NAMES"]


def _line_text(line: Line) -> str:
    return f"{text_of(line.symbol)} = {terms.text(line.formula)}"


def _unit_axis(course: CourseDerivation) -> int:
    return 0 if course.network.example_axis == 1 else 1


def _activation_name(layer) -> str:
    return type(layer.activation.expr).__name__ if layer.activation is not None else ""


#: Activations whose derivative is exactly 0 for a pre-activation ≤ 0: a unit that is ≤ 0 for every example is dead.
RELU_NAMES = ("relu", "Max")


def _unit_causes(course, layer: int, activation: str, slope: np.ndarray, shown: str) -> list:
    """Dead ReLU units (``g' = 0`` for every example) or saturated σ/tanh units (``|g'| <`` :data:`TINY`) of a layer;
    ``slope`` is :math:`g'(Z_l)` and ``shown`` its formula."""
    axis = course.network.example_axis
    pre = next(l.symbol for l in course.forward if l.layer == layer and l.kind == "forward")
    slope = np.abs(slope)
    units, examples = slope.shape[1 - axis], slope.shape[axis]
    where = "rows" if axis == 1 else "columns"
    if activation in RELU_NAMES:
        dead = np.all(slope == 0, axis=axis)
        if dead.any():
            return [("dead ReLU", f"{int(dead.sum())} of {units} units of {text_of(pre)} are ≤ 0 for all {examples} "
                                  f"examples, so {shown} is 0 in their {where}")]
        return []
    flat = np.all(slope < TINY, axis=axis)
    if flat.any():
        return [("saturated", f"{int(flat.sum())} of {units} units of {text_of(pre)} saturate ({activation}) for all "
                              f"{examples} examples: {shown} < {TINY:g}")]
    return []


def _hidden_causes(course, line: Line, arrays: dict, dimensions: dict) -> list:
    """Dead, saturated or zero-weight causes in ``dZ = (back) ∗ g'``."""
    causes = []
    layer = course.network.layers[line.layer - 1]
    pre = next(l.symbol for l in course.forward if l.layer == line.layer and l.kind == "forward")
    if isinstance(line.formula, Times):
        back, rule = line.formula.left, line.formula.right
        slope = np.asarray(value(rule, arrays, dimensions))
        causes.extend(_unit_causes(course, line.layer, _activation_name(layer), slope, terms.text(rule)))
    else:
        back = line.formula
    weight = course.network.layers[line.layer].weight if line.layer < len(course.network.layers) else None
    if weight is not None and not np.any(arrays[weight]):
        causes.append(("zero weights", f"{text_of(weight)} = 0, so {terms.text(back)} = 0 and no signal reaches "
                                       f"{text_of(pre)}; initialise {text_of(weight)} with small random numbers"))
    elif weight is not None:  # some units' weights above are all 0: their columns of dZ W_{l+1}ᵀ are 0
        axis = course.network.example_axis
        silent = np.all(np.asarray(arrays[weight]) == 0, axis=1 - axis)
        if silent.any():
            mine, theirs = ("rows", "columns") if axis == 0 else ("columns", "rows")
            causes.append(("zero weights", f"{int(silent.sum())} of {silent.size} units of {text_of(pre)} have zero "
                           f"weights above: {text_of(weight)} is 0 in their {mine}, so {terms.text(back)} is 0 in "
                           f"their {theirs}; initialise {text_of(weight)} with small random numbers"))
    return causes


def _output_causes(course, arrays: dict, dimensions: dict) -> list:
    """On the last layer: log of 0 in the loss, a saturated output, 0·∞ in the gradient as written."""
    causes = []
    loss_line = course.forward[-1]
    loss = loss_line.formula
    stand_ins = {scalar: arrays[matrix] for scalar, matrix in loss.matrices}
    cost_is = ("NaN (0·log 0 where the log's factor is 0)" if np.isnan(arrays[loss_line.symbol]).any() else "∞")
    for argument in sorted({log.args[0] for log in loss.expression.atoms(sympy.log)}, key=str):
        values = entrywise_value(argument, stand_ins, dimensions)
        zero = np.broadcast_to(values, np.shape(arrays[loss_line.symbol])) <= 0
        if zero.any():
            shown = terms.text(Entrywise(argument, loss.matrices, loss.shape))
            causes.append(("log of 0", f"{shown} = 0 in {int(zero.sum())} of {zero.size} entries, so "
                                       f"log({shown}) = -∞ and the cost is {cost_is}"))
    rate = _as_written_factors(course, arrays, dimensions)
    if rate is not None:
        outer, inner, shown_outer, shown_inner = rate
        activation = type(course.forward[-2].formula.expression).__name__
        if activation in RELU_NAMES:
            causes.extend(_unit_causes(course, len(course.network.layers), activation, inner, shown_inner))
            return causes
        output_adjoint = np.abs(arrays[next(line.symbol for line in course.backward if line.kind == "dZ")])
        matches = fitted(course, arrays)
        matches = np.zeros(np.shape(inner), dtype=bool) if matches is None else np.broadcast_to(matches, inner.shape)
        flat = (np.abs(inner) < TINY) & (output_adjoint < TINY) & ~matches  # a fitted example is not saturated
        if flat.any():
            others = int(np.sum(matches & (output_adjoint < TINY)))
            causes.append(("saturated", f"the output saturates: {shown_inner} < {TINY:g} in {int(flat.sum())} of "
                                        f"{flat.size} entries, and dZ with it"
                                        + (f"; the other {others} are fitted (A ≈ Y)" if others else "")))
        product = np.isinf(outer) & (inner == 0)
        if product.any():
            causes.append(("0·∞", f"{shown_outer} is ∞ and {shown_inner} is 0 in {int(product.sum())} entries: the "
                                  "gradient of the cost as written is NaN there; the course's simplified dZ avoids "
                                  "it (write the cost with ops.sigmoid_cross_entropy)"))
    return causes


def _as_written_factors(course, arrays: dict, dimensions: dict):
    """``∂L/∂A`` and ``g'(Z)`` of the last layer, evaluated separately (their product is dZ as written)."""
    network = course.network
    loss = course.forward[-1].formula
    output = [scalar for scalar, matrix in loss.matrices if matrix == course.forward[-2].symbol]
    if network.softmax or not output or course.forward[-2].formula == loss:
        return None
    a = output[0]
    activation_formula = course.forward[-2].formula
    if not isinstance(activation_formula, Entrywise):
        return None
    z, zeta = activation_formula.matrices[0]
    rate = sympy.diff(loss.expression, a)
    slope = sympy.diff(activation_formula.expression, z).xreplace({activation_formula.expression: a})
    stand_ins = {scalar: arrays[matrix] for scalar, matrix in loss.matrices}
    stand_ins[z] = arrays[zeta]
    shape = np.shape(arrays[course.forward[-1].symbol])
    outer = np.broadcast_to(entrywise_value(rate, stand_ins, dimensions), shape)
    inner = np.broadcast_to(entrywise_value(slope, stand_ins, dimensions), shape)
    named = loss.matrices
    return (outer, inner, f"∂L/∂{text_of(course.forward[-2].symbol)} = "
            f"{terms.text(Entrywise(rate, named, loss.shape))}",
            f"{_derivative_text(terms.text(activation_formula))} = {terms.text(Entrywise(slope, named, loss.shape))}")


def _derivative_text(applied: str) -> str:
    """``σ'(Z)`` of ``σ(Z)``: the prime after the function's name."""
    name, bracket, rest = applied.partition("(")
    return f"{name}'({rest}" if name and bracket else f"({applied})'"


def network_findings(course: CourseDerivation, cost, arrays: dict) -> list:
    network = course.network
    examples = arrays[network.layers[0].inputs].shape[network.example_axis]
    dimensions = {BATCH: examples}
    values = line_values(course, arrays, dimensions)
    _, compiled = compiled_gradient(cost, course.wrt, arrays)
    dz_lines = {line.layer: line for line in course.backward if line.kind == "dZ"}
    causes_at = {layer: (_output_causes(course, values, dimensions) if layer == len(network.layers)
                         else _hidden_causes(course, line, values, dimensions))
                 for layer, line in dz_lines.items()}
    output_line = next((line for line in course.backward if line.kind == "dZ"), None)
    fit = None if output_line is None else fit_cause(course, output_line, values)  # the same for every parameter
    findings = []
    for parameter, gradient in compiled.items():
        line = course.gradient_line(parameter)
        is_bias = line.kind == "db"
        unit_axis = None if is_bias and gradient.size == 1 else _unit_axis(course)
        slope = None if is_matrix(parameter) else f"d{course.cost_name}/d{text_of(parameter)}"
        status, detail = parameter_status(gradient, slope, unit_axis, None if is_bias else 1 - unit_axis)
        causes, at = [], None
        if status != "fine" and not is_bias:
            causes, at = _zero_input(course, line, values, detail.endswith(INPUTS)), _line_text(line)
        if status != "fine" and not causes:
            for layer in range(line.layer, len(network.layers) + 1):
                found = [c for c in causes_at.get(layer, []) if _explains(c[0], status)]
                if found:
                    causes, at = found, _line_text(dz_lines[layer])
                    break
        if status in ("zero", "vanishing") and not causes:
            if fit is not None:  # the output layer's dZ is tiny: every layer's is, and the fit is the cause
                causes, at = [fit], _line_text(output_line)
            else:
                causes, at = _small_or_cancelled(course, line, dz_lines.get(line.layer), values)
        findings.append(Finding(parameter_name(parameter), status, detail, tuple(causes), at))
    return findings


def _small_or_cancelled(course: CourseDerivation, line: Line, dz_line: Line | None, values: dict) -> tuple:
    """``(causes, line)`` of a gradient that is 0 or vanishing with no factor 0 where the output is not fitted
    (:func:`~.fit.fit_cause`: then the fit is the cause): its layer's ``dZ`` is itself tiny (the signal shrank
    through the layers above, each multiplying by ``Wᵀ`` and an activation's slope), or the examples' contributions
    cancel in the sum."""
    largest = float(np.max(np.abs(values[dz_line.symbol]))) if dz_line is not None else None
    if largest is not None and largest < TINY:
        above = len(course.network.layers) - line.layer
        return [("vanishing through depth", f"{text_of(dz_line.symbol)} is already at most {largest:.2g}: each of "
                 f"the {above} layers above multiplies it by Wᵀ and its activation's slope, and the product of "
                 "those factors, none of them 0, is tiny")], _line_text(dz_line)
    return [("cancellation", "no factor of the chain is 0 here: the examples' contributions cancel in the sum")], \
        _line_text(line)


def _zero_input(course: CourseDerivation, line: Line, values: dict, some_units: bool = False) -> list:
    """``A = 0`` for every example makes ``dW = (1/m) dZ Aᵀ = 0``; with ``some_units``, the units of ``A`` that are 0
    for every example (a dead ReLU below) make their columns of ``dW`` 0 (their rows, with examples as rows)."""
    inputs = course.network.layers[line.layer - 1].inputs if line.layer == 1 else \
        next(l.symbol for l in course.forward if l.layer == line.layer - 1 and isinstance(l.formula, Entrywise))
    if some_units:
        axis = course.network.example_axis
        zero = np.all(values[inputs] == 0, axis=axis)
        if not zero.any():
            return []
        below = course.network.layers[line.layer - 2] if line.layer > 1 else None
        kind = "dead ReLU" if below is not None and _activation_name(below) in RELU_NAMES else "zero input"
        where = "columns" if axis == 1 else "rows"
        return [(kind, f"{int(zero.sum())} of {zero.size} units of {text_of(inputs)} are 0 for all "
                       f"{values[inputs].shape[axis]} examples, so {_line_text(line)} is 0 in their {where}")]
    if np.any(values[inputs]):
        return []
    return [("zero input", f"{text_of(inputs)} = 0 for every example, so {_line_text(line)} = 0")]


def _explains(kind: str, status: str) -> bool:
    if status == "not finite":
        return kind in ("log of 0", "0·∞")
    return kind in ("dead ReLU", "saturated", "zero weights")
