r"""``explain``'s judgement of a network whose output already matches its targets.

:func:`fitted` marks the entries where the output is its label to within :data:`~.findings.TINY`
(:math:`|A - Y|`): there a tiny :math:`dZ` says the example is fitted, not that a σ saturated (with the
cross-entropy :math:`dZ = A - Y` has no σ' factor at all).  :func:`fit_cause` words the finding: an exact fit
(:math:`dZ = 0`), or, for an output that reaches its targets only in the limit (σ, tanh, softmax), a fit
bought with weights that keep growing: on separable data the cost has no minimum at finite weights.
"""

from __future__ import annotations

import numpy as np

from .findings import TINY
from .notation import text as text_of
from . import terms

__all__ = ["fitted", "fit_cause"]

#: Output activations that reach their targets only in the limit, as the finding names them.
BOUNDED = {"sigmoid": "σ", "tanh": "tanh"}


def _output(course):
    """The output layer's activation line (``A = σ(Z)``), or None for a linear output."""
    line = course.forward[-2]
    return line if line.layer == len(course.network.layers) and line.symbol != course.forward[0].symbol and \
        isinstance(line.formula, terms.Entrywise) else None


def fitted(course, values: dict) -> np.ndarray | None:
    """The entries of the output where :math:`|A - Y| <` TINY; None where the output is not one activation
    compared with one label matrix of its shape."""
    line, labels = _output(course), course.network.labels
    if line is None or len(labels) != 1 or labels[0][1] not in values:
        return None
    output, targets = np.asarray(values[line.symbol], dtype=float), np.asarray(values[labels[0][1]], dtype=float)
    try:
        return np.abs(output - targets) < TINY
    except ValueError:
        return None


def _limit_name(course) -> str | None:
    """``σ`` / ``tanh`` / ``softmax`` where the output reaches its targets only in the limit."""
    if course.network.softmax:
        return "softmax"
    line = _output(course)
    return BOUNDED.get(type(line.formula.expression).__name__) if line is not None else None


def fit_cause(course, dz_line, values: dict) -> tuple[str, str] | None:
    """The finding for a tiny output :math:`dZ` (``dz_line``) where every example is fitted; None otherwise."""
    dz = np.abs(np.asarray(values[dz_line.symbol], dtype=float))
    largest = float(np.max(dz))
    if largest >= TINY:
        return None
    shown = f"{text_of(dz_line.symbol)} = {terms.text(dz_line.formula)}"
    if largest == 0:
        return ("exact fit", f"{shown} is 0 in every entry: the output matches every example's target here, so the "
                             "cost is at its minimum in the output (an exact fit)")
    matches = fitted(course, values)
    limit = _limit_name(course)
    if limit is None or matches is None or not np.all(matches):
        return ("exact fit", f"{shown} is at most {largest:.2g} in every entry: the output matches every example's "
                             "target here, so the cost is at its minimum in the output (an exact fit)")
    output = text_of(_output(course).symbol) if not course.network.softmax else "A"
    labels = text_of(course.network.labels[0][1])
    loss = float(np.max(np.asarray(values[course.forward[-1].symbol], dtype=float)))
    loss_shown = f"at most {loss:.2g}" if loss > 0 else "0 to rounding"
    weight = text_of(course.network.layers[-1].weight)
    return ("fitted", f"{shown} is at most {largest:.2g} in every entry because {output} ≈ {labels} for every "
                      f"example (each example's loss is {loss_shown}): every example is fitted. {limit} "
                      "reaches its targets only in the limit: on separable data the weights grow without bound as "
                      f"training goes on and the cost has no minimum; add a penalty (+ λ·ops.l2_penalty({weight})) "
                      "for one")
