r"""The values a loss's labels may take, checked where data is fed.

A cross-entropy is bounded below only for labels in its range: :math:`\mathrm{softplus}(z) - y z` falls without
bound as :math:`z \to \infty` for :math:`y > 1` and as :math:`z \to -\infty` for :math:`y < 0`, and
:math:`-\sum_k y_k \log \mathrm{softmax}(z)_k` as the logit of a class with :math:`y_k < 0` runs off.  Labels of
-1/+1 (an SVM's) would train to a negative "cross-entropy" with weights growing at every step and report success,
so a :class:`~symopt.Placeholder` given to a loss as its labels remembers the loss's range, and
:func:`check_label_values` refuses a value fed for it outside that range (probe26 P26-3).  Labels computed from
data (``(y + 1) / 2``) or from a model are not marked: their values exist only inside the generated code.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import sympy
from sympy import HadamardProduct

from . import functions
from .errors import FeedError
from .jax_tracers import is_traced
from .nodes import Elementwise, LogSumExp
from .run_arguments import entry_place
from .stable import LogisticLoss, one_label
from .traversal import unique_nodes

__all__ = ["LabelRange", "LABEL_RANGES", "MARKS_KEPT", "expect_labels", "label_ranges_of", "check_labels",
           "check_label_values"]


@dataclass(frozen=True)
class LabelRange:
    """Labels of ``loss`` lie in ``[low, high]`` (``high=None``: no upper bound)."""

    loss: str
    low: float
    high: float | None
    expected: str
    advice: str


#: The range of each loss's labels, by the name of the ``symopt.ops`` function.
LABEL_RANGES = {
    "sigmoid_cross_entropy": LabelRange(
        "sigmoid_cross_entropy", 0.0, 1.0, "numbers in [0, 1] (0/1 classes or probabilities)",
        "For labels -1/+1 feed (y + 1) / 2; for class indices of more than two classes use softmax_cross_entropy "
        "with one-hot labels, numpy.eye(k)[y]"),
    "softmax_cross_entropy": LabelRange(
        "softmax_cross_entropy", 0.0, None, "numbers >= 0 (one-hot rows, probabilities or counts)",
        "For labels -1/+1 feed (y + 1) / 2; for class indices feed one-hot rows, numpy.eye(k)[y]"),
}


#: The losses a placeholder remembers (the latest built): each holds its model's expression, kept alive by the
#: placeholder and pickled with it (review34 R34-6: 200 models made a pickle of y 64 kB).
MARKS_KEPT = 8


def _attributes(symbol) -> dict:
    """The attributes every copy of ``symbol`` shares (a matrix placeholder's registry entry, a scalar's own)."""
    return getattr(symbol, "_shared_attributes", None) or symbol.__dict__


def expect_labels(labels, loss: str, node) -> None:
    r"""Remember, where ``labels`` is a placeholder, that ``node`` takes it as the labels of ``loss``: the part of the
    loss that a cost built from it keeps whole (a matrix loss's sum over examples), or for one example's scalar loss
    the pair of its terms (:math:`\mathrm{softplus}(z)`, :math:`-yz`), which a sum of such losses keeps as terms of
    one sum.  The mark lives as long as the placeholder and names the loss, so a cost without that loss feeds it
    anything; a cost SymPy rebuilt (``subs``, ``expand``) is recognised by the loss's shape
    (:func:`label_ranges_of`)."""
    if getattr(labels, "is_placeholder", False):
        marks = _attributes(labels).setdefault("label_losses", {})
        marks.pop(node, None)
        marks[node] = LABEL_RANGES[loss]
        while len(marks) > MARKS_KEPT:  # a sweep of 200 models on one placeholder: the latest losses only
            del marks[next(iter(marks))]


def label_ranges_of(expression, symbols) -> dict:
    """``{symbol: (LabelRange, ...)}`` for each of ``symbols`` that ``expression`` reads as a loss's labels (one walk
    of the expression, and none where no symbol was ever given to a loss)."""
    marked = [s for s in symbols if hasattr(s, "__dict__") and _attributes(s).get("label_losses")]
    if not marked:
        return {}
    nodes = unique_nodes([expression])
    present = set(nodes)
    sums = [dict(term.as_coeff_Mul()[::-1] for term in node.args) for node in nodes if isinstance(node, sympy.Add)]

    def holds(key) -> bool:
        if not isinstance(key, tuple):
            return key in present
        parts = [term.as_coeff_Mul() for term in key]  # terms of one sum, scaled alike ((l1 + l2) / 3)
        return any(all(rest in terms for _, rest in parts) and
                   len({terms[rest] / coefficient for coefficient, rest in parts}) == 1 for terms in sums)
    found = {}
    for symbol in marked:
        marks = _attributes(symbol)["label_losses"]
        ranges = {r for key, r in marks.items() if holds(key)}
        ranges |= {r for r in set(marks.values()) if r not in ranges and _rewritten_loss(r.loss, symbol, nodes)}
        found[symbol] = tuple(sorted(ranges, key=lambda r: r.loss))
    return {s: ranges for s, ranges in found.items() if ranges}


def _rewritten_loss(loss: str, labels, nodes: list) -> bool:
    r"""Whether ``nodes`` (a cost's) hold ``loss`` on ``labels`` as SymPy may have rebuilt it (``cost.subs(W, V)``,
    ``sympy.expand(cost)``: review34 R34-2): the sigmoid loss's :math:`\mathrm{softplus}(Z)` beside
    :math:`y \circ Z` or its :class:`~symopt.stable.LogisticLoss` (scalar: :math:`c\,\mathrm{softplus}(z)` and
    :math:`-c\,yz` in one sum), the softmax loss's
    :math:`y \circ \log\mathrm{softmax}(Z)`.  Asked only for a placeholder once given to that loss."""
    if loss == "softmax_cross_entropy":
        return any(isinstance(node, HadamardProduct) and labels in node.args and len(node.args) == 2 and
                   any(isinstance(n, LogSumExp) for n in unique_nodes([a for a in node.args if a != labels]))
                   for node in nodes)
    if any(isinstance(node, LogisticLoss) and labels in (node.args[1], one_label(node.args[1])) for node in nodes):
        return True
    smoothed = {node.expr for node in nodes if isinstance(node, Elementwise) and _is_softplus(node.function)}
    if any(isinstance(node, HadamardProduct) and labels in node.args and len(node.args) == 2 and
           next(a for a in node.args if a != labels) in smoothed for node in nodes):
        return True
    for node in nodes:
        if isinstance(node, sympy.Add):
            for term in node.args:
                coefficient, rest = term.as_coeff_Mul()
                if isinstance(rest, functions.softplus) and sympy.Mul(-coefficient, labels, rest.args[0]) in node.args:
                    return True
    return False


def _is_softplus(function) -> bool:
    """``Lambda(x, softplus(x))``, the function :func:`symopt.ops.softplus` applies to each entry."""
    body, variables = getattr(function, "expr", None), getattr(function, "variables", ())
    return isinstance(body, functions.softplus) and tuple(body.args) == tuple(variables)


def check_labels(ranges: dict, symbols, values) -> None:
    """:func:`check_label_values` for each of ``symbols`` (with its converted value) that ``ranges`` (from
    :func:`label_ranges_of`) names."""
    if ranges:
        for symbol, value in zip(symbols, values):
            check_label_values(ranges.get(symbol), symbol, value)


def check_label_values(ranges: tuple | None, symbol, value, first_row: int | None = None) -> None:
    """Refuse ``value`` fed for ``symbol`` where a number of it lies outside one of the ``ranges`` of the losses
    that read it as labels (a NumPy or JAX array, or a number; NaN is left to the checks of real numbers), naming
    the first such entry of a host array (``first_row``: ``value`` holds the data's rows from that row on, as
    :func:`~symopt.run_arguments.entry_place` names them; probe61 P61-9)."""
    if not ranges or getattr(value, "size", 1) == 0:
        return
    on_device = not isinstance(value, (np.ndarray, np.generic, float, int))  # a jax.Array: immutable
    if on_device and is_traced(value):
        return  # traced inside the caller's jax.jit / vmap: its numbers exist only when that runs (review34 R34-8)
    if on_device and _CHECKED_ON_DEVICE.get((id(value), ranges)) is value:
        return  # checked when first fed: a loop of calls on the same device arrays waits for no reduction
    low, high = (float(value.min()), float(value.max())) if hasattr(value, "min") else (float(value), float(value))
    for expected in ranges:
        if low < expected.low or (expected.high is not None and high > expected.high):
            outside = low if low < expected.low else high
            raise FeedError(f"value for {symbol}: the labels of {expected.loss} must be {expected.expected}; given "
                            f"{_shown(outside)} (values from {_shown(low)} to {_shown(high)}), which "
                            f"makes the loss unbounded below: minimizing it would drive it negative with weights "
                            f"growing at every step. {expected.advice}.{_first_entry(value, outside, first_row)}")
    if on_device:
        try:
            _CHECKED_ON_DEVICE[(id(value), ranges)] = value
        except TypeError:  # an array type that cannot be weakly referenced: checked at every call
            pass


def _first_entry(value, outside: float, first_row: int | None) -> str:
    """`` The first such entry is at index [901, 0].`` for a host array (its first entry equal to ``outside``)."""
    if not isinstance(value, np.ndarray) or value.ndim == 0:
        return ""
    where = [int(i) for i in np.argwhere(value == outside)[0]]
    return f" The first such entry is at {entry_place(where, first_row, len(value))}."


def _shown(number: float) -> str:
    """The shortest text that reads back as ``number`` (1.0000000000000002 is not 1)."""
    return np.format_float_positional(number, trim="-") if abs(number) < 1e16 else repr(number)


#: ``(id, ranges) -> array`` of the device arrays whose labels passed (held weakly: an entry leaves with its array).
_CHECKED_ON_DEVICE: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
