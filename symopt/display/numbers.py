r"""The numbers of a small example next to each line of a network's derivation.

``derive(cost, wrt, at={X: ..., Y: ..., W1: ...})`` computes every forward and backward
line with NumPy from the formulas shown (parameters not given take their initial value)
and checks each parameter gradient against :func:`symopt.compile`, the generated code
of the cost as written.  Where the compiled gradient is NaN or infinite but the course's
simplified line is finite (the cross-entropy of a saturated sigmoid, written with logs:
:math:`0\cdot\infty`), a note says so and points to :func:`symopt.explain`; any other
disagreement raises.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np
from sympy import MatrixSymbol

from ..binding import batch_size
from ..compiler import compile as compile_cost
from ..compiler import free_inputs
from ..evaluation import evaluate
from ..errors import FeedError, UnsupportedOperationError
from ..symbols import BATCH, declared_value
from .at_values import input_given
from .remarks import remark
from .terms import Entrywise, value

__all__ = ["with_values", "bind_arrays", "forward_values", "line_values", "compiled_gradient"]


def bind_arrays(cost, at: Mapping) -> dict:
    """``{input symbol: array}`` for every input of ``cost``: from ``at`` (by symbol or name) or the initial value;
    symbols the cost does not read are ignored, as in :func:`symopt.display.at_values.bind`."""
    inputs = free_inputs([cost])
    by_name = {str(symbol.name): symbol for symbol in inputs}
    given = {}
    for key, array in at.items():
        symbol = input_given(key, array, inputs, by_name)
        if symbol is not None:
            given[symbol] = np.asarray(array, dtype=float)
    for symbol in inputs:
        if symbol not in given:
            if not hasattr(symbol, "init"):
                raise FeedError(f"at: missing a value for {symbol.name}; give every placeholder an array, "
                                f"e.g. at={{{symbol.name}: data}}")
            given[symbol] = np.asarray(symbol.init, dtype=float)
    for symbol, array in list(given.items()):
        if getattr(symbol, "shape", None) is not None and len(symbol.shape) == 2 and array.ndim == 1:
            given[symbol] = array.reshape(-1, 1)
    batch_size(list(given), list(given.values()))  # the arrays agree on m, as compile checks them
    return given


def _dimensions(course, arrays: dict) -> dict:
    """``{m: examples}`` and the scalar inputs a penalty reads (``{λ: 0.1}``), for the lines' scalar factors."""
    first = course.network.layers[0].inputs
    count = arrays[first].shape[course.network.example_axis]
    scalars = {} if course.penalty is None else {symbol: float(arrays[symbol]) for symbol in course.penalty.free_symbols
                                                 if symbol in arrays and not isinstance(symbol, MatrixSymbol)}
    return {BATCH: count, **scalars}


def _softmax(z, axis: int):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=axis, keepdims=True)


def forward_values(course, arrays: dict, dimensions: dict) -> dict:
    """Arrays of the forward lines (``Z1``, ``A1``, ..., ``L``) from the inputs' arrays."""
    arrays = dict(arrays)
    class_axis = 1 - course.network.example_axis
    for line in course.forward:
        formula = line.formula
        if isinstance(formula, Entrywise) and course.network.softmax and formula.expression.func.__name__ == "softmax":
            arrays[line.symbol] = _softmax(arrays[formula.matrices[0][1]], class_axis)
        else:
            arrays[line.symbol] = np.asarray(value(formula, arrays, dimensions))
    return arrays


def line_values(course, arrays: dict, dimensions: dict) -> dict:
    """Arrays of every line, forward then backward (each backward line reads the ones before it)."""
    arrays = forward_values(course, arrays, dimensions)
    for line in course.backward:
        arrays[line.symbol] = np.asarray(value(line.formula, arrays, dimensions))
    return arrays


def compiled_gradient(cost, wrt, arrays: dict, dtype: str | None = None) -> tuple:
    """``(J, {parameter: gradient})`` from the generated code of the cost as written, in the inputs' dtype or
    ``dtype`` (the checks of the lines, which NumPy computes in float64, compare with a float64 program: a float32
    program's sums over m examples differ from them by float32's rounding)."""
    function = compile_cost(cost, list(wrt), dtype=dtype)
    function.label_ranges = {}  # a display shows a loss at any labels (why -1 labels break the logistic loss)
    feed = {symbol: declared_value(symbol, array) for symbol, array in arrays.items() if symbol in function.inputs}
    with np.errstate(all="ignore"):
        cost_value, gradients = function(feed)
    return cost_value, {symbol: np.asarray(g, dtype=float).reshape(tuple(int(d) for d in getattr(symbol, "shape", ())))
                        for symbol, g in zip(wrt, gradients)}


def _check(course, arrays: dict, compiled: dict) -> tuple:
    not_finite = []
    for symbol, expected in compiled.items():
        shown = arrays[course.gradient_line(symbol).symbol]
        finite = np.isfinite(expected)
        if not finite.all() and np.isfinite(shown).all():
            not_finite.append(str(symbol.name))
            expected = np.where(finite, expected, shown)
        if not np.allclose(shown, expected, rtol=1e-6, atol=1e-9, equal_nan=True):
            raise UnsupportedOperationError(
                f"the course's line for d{symbol.name} disagrees with symopt.grad at this point: "
                f"{shown.ravel()[:4]} vs {expected.ravel()[:4]}; derive without at= and report this cost")
    return (not_finite_in_code(not_finite, "course form"),) if not_finite else ()


def not_finite_in_code(names: list, shown: str):
    r"""The remark of a derivation whose lines are finite for the parameters ``names`` (strings, or symbols shown by
    their display names) where the compiled gradient of the cost as written is not: its unsimplified products meet
    :math:`0\cdot\infty`; the lines show the simplified ``shown``."""
    listed = [part for index, name in enumerate(names) for part in ((", ", name) if index else (name,))]
    return remark("the compiled gradient of the cost as written is not finite for ", *listed,
                  f" here (see symopt.explain); the lines show the simplified {shown}")


def _refuse_labels_not_one_hot(course, inputs: dict) -> None:
    """A softmax network's course lines hold for labels that sum to 1 per example (softmax and log cancel to
    ``dZ = A - Y``); labels that do not (multi-label rows, soft rows) are refused naming the examples, with the
    derivation that holds for them (``steps="all"``: the chain rule of the cost as written, ``A·ΣY - Y``)."""
    if not course.network.softmax or course.network.labels[0][1] not in inputs:
        return
    labels = course.network.labels[0][1]
    sums = np.asarray(inputs[labels], dtype=float).sum(axis=1 - course.network.example_axis)
    off = np.flatnonzero(~np.isclose(sums, 1.0, rtol=1e-6, atol=1e-6))
    if off.size:
        shown = ", ".join(f"{i} (sum {sums[i]:g})" for i in off[:5]) + (", ..." if off.size > 5 else "")
        raise UnsupportedOperationError(
            f"the course's softmax lines need labels that sum to 1 for each example (one-hot, or probabilities), "
            f"where softmax and log cancel to dZ = A - Y; the labels {labels.name} given sum to another number for "
            f"{off.size} of {sums.size} examples ({'rows' if course.network.example_axis == 0 else 'columns'} of "
            f"{labels.name}): {shown}. For these labels dZ = A·ΣY - Y: derive with "
            f"steps=\"all\" shows the chain rule of the cost as written, or give one-hot labels")


def with_values(course, cost, at: Mapping):
    """``course`` with every line's array at ``at``, checked against the compiled gradient."""
    inputs = bind_arrays(cost, at)
    _refuse_labels_not_one_hot(course, inputs)
    dimensions = _dimensions(course, inputs)
    arrays = line_values(course, inputs, dimensions)
    _, compiled = compiled_gradient(cost, course.wrt, inputs, "float64")
    notes = _check(course, arrays, compiled)
    shown = {line.symbol: arrays[line.symbol] for line in course.forward + course.backward}
    if course.penalty is not None:  # its number, for J's line: J = (1/m) Σ L + P
        shown[course.penalty] = evaluate(course.penalty.xreplace({BATCH: dimensions[BATCH]}), inputs)
        shown.update((symbol, number) for symbol, number in dimensions.items() if symbol != BATCH)
    return dataclasses.replace(course, values=shown, notes=course.notes + notes)



