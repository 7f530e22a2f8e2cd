r"""How a :class:`symopt.Result` shows in a notebook: a small table and the loss curve.

:func:`result_html` is the ``text/html`` a notebook renders, even untrusted: a table of
the outcome (message, ``success`` where it is False, steps, final cost) and of the parameters (shape, and the value
or, for an array, its range), next to the loss curve :math:`J` per step drawn as an
``<img>`` of a small SVG (no matplotlib needed).  The curve is on a log scale when
every cost is positive and they span more than a factor of 100.
"""

from __future__ import annotations

import base64
import html
import math

import numpy as np

from ..parameter_labels import parameter_labels

__all__ = ["result_html", "loss_curve_svg", "parameter_summary"]

CURVE_WIDTH, CURVE_HEIGHT = 320, 160
_LEFT, _RIGHT, _TOP, _BOTTOM = 58, 10, 10, 28
#: The curve's own paper and ink: an ``<img>`` cannot follow a notebook's theme, so its labels never sit black on a
#: dark page (probe59 P59-2).
PAPER, INK = "#ffffff", "#222222"
MAX_POINTS = 400
MAX_LISTED = 4


def parameter_summary(value) -> tuple[str, str]:
    """``(shape, value)`` as shown: ``("scalar", "4.99999")``, ``("(2, 1)", "[2.35, 2.36]")`` (up to
    :data:`MAX_LISTED` entries) or ``("(64, 32)", "min -0.41, max 0.39")``."""
    array = np.asarray(value)
    shape = "scalar" if array.ndim == 0 else str(array.shape)
    if array.size <= MAX_LISTED:
        entries = ", ".join(f"{float(entry):.6g}" for entry in array.reshape(-1))
        return shape, entries if array.ndim == 0 else f"[{entries}]"
    return shape, f"min {float(array.min()):.3g}, max {float(array.max()):.3g}"


def _points(history: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """The finite costs drawn: all, or past :data:`MAX_POINTS` the lowest and highest of each of
    ``MAX_POINTS / 2`` runs of steps, with the first and last finite step, so the curve's dips, spikes and
    extreme labels are the history's own (probe59 P59-6)."""
    costs = np.asarray(history, dtype=float).reshape(-1)
    steps = np.flatnonzero(np.isfinite(costs))
    costs = costs[steps]
    if costs.size > MAX_POINTS:
        runs = np.array_split(np.arange(costs.size), MAX_POINTS // 2)
        extremes = [(run[np.argmin(costs[run])], run[np.argmax(costs[run])]) for run in runs]
        keep = np.unique([0, costs.size - 1, *(index for pair in extremes for index in pair)])
        steps, costs = steps[keep], costs[keep]
    log = costs.size > 1 and bool(np.all(costs > 0)) and costs.max() / costs.min() > 100
    return steps, (np.log10(costs) if log else costs), log


def loss_curve_svg(history) -> str:
    """The cost per step as a small standalone SVG (axis ticks: first and last step, lowest and highest cost)."""
    steps, values, log = _points(history)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{CURVE_WIDTH}" height="{CURVE_HEIGHT}" '
             f'viewBox="0 0 {CURVE_WIDTH} {CURVE_HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="11" '
             f'fill="{INK}">',
             f'<rect width="{CURVE_WIDTH}" height="{CURVE_HEIGHT}" fill="{PAPER}"/>',
             f'<rect x="{_LEFT}" y="{_TOP}" width="{CURVE_WIDTH - _LEFT - _RIGHT}" '
             f'height="{CURVE_HEIGHT - _TOP - _BOTTOM}" fill="#fafafa" stroke="#999"/>']
    if steps.size:
        low, high = float(values.min()), float(values.max())
        span_x = max(float(steps[-1] - steps[0]), 1.0)
        span_y = high - low if high > low else 1.0
        width, height = CURVE_WIDTH - _LEFT - _RIGHT, CURVE_HEIGHT - _TOP - _BOTTOM
        xs = _LEFT + (steps - steps[0]) / span_x * width
        ys = _TOP + (1 - (values - low) / span_y) * height
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
        parts.append(f'<polyline points="{points}" fill="none" stroke="#1f77b4" stroke-width="1.5"/>')

        def label(value: float) -> str:
            return f"{10 ** value:.3g}" if log else f"{value:.3g}"

        bottom = CURVE_HEIGHT - _BOTTOM
        parts += [f'<text x="{_LEFT - 4}" y="{_TOP + 8}" text-anchor="end">{label(high)}</text>',
                  f'<text x="{_LEFT - 4}" y="{bottom}" text-anchor="end">{label(low)}</text>',
                  f'<text x="{_LEFT}" y="{bottom + 14}">{int(steps[0])}</text>',
                  f'<text x="{CURVE_WIDTH - _RIGHT}" y="{bottom + 14}" text-anchor="end">{int(steps[-1])}</text>',
                  f'<text x="{(_LEFT + CURVE_WIDTH) / 2:.0f}" y="{bottom + 14}" text-anchor="middle">'
                  f'step{" (log cost)" if log else ""}</text>']
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _row(cells, header: bool = False) -> str:
    tag = "th" if header else "td"
    return "<tr>" + "".join(f"<{tag}>{html.escape(str(cell))}</{tag}>" for cell in cells) + "</tr>"


#: The label of ``result.value``, by whether the run trained on mini-batches (``result.batched``): there it is the
#: last mini-batch's cost, taken before that batch's update, not the cost of the data at the returned parameters
#: (probe97 P97-3).
COST_LABELS = {False: "final cost", True: "last mini-batch cost (before its update)"}


def result_html(result) -> str:
    """The notebook view of ``result`` (anything with ``message``, ``steps``, ``value``, ``params``, ``history``)."""
    value = float(result.value)
    outcome = [_row(["outcome", result.message]), _row(["steps", result.steps]),
               _row([COST_LABELS[bool(getattr(result, "batched", False))],
                     f"{value:.6g}" if math.isfinite(value) else str(value)])]
    if not getattr(result, "success", True):  # tol unmet, or a run cut short: not to be read as a success
        outcome.insert(1, _row(["success", "False"]))
    parameters = [_row(["parameter", "shape", "value"], header=True)]
    labels = parameter_labels(result)  # two parameters named W: W and W′, as derive shows them
    parameters += [_row([labels[symbol], *parameter_summary(v)]) for symbol, v in result.params.items()]
    curve = base64.b64encode(loss_curve_svg(result.history).encode("utf-8")).decode("ascii")
    return ("<div class='symopt-result' style='display: flex; gap: 24px; align-items: flex-start'>"
            f"<div><table>{''.join(outcome)}</table><table>{''.join(parameters)}</table></div>"
            f"<img class='symopt-loss-curve' src='data:image/svg+xml;base64,{curve}' "
            "alt='the cost per step' style='max-width: 100%; height: auto'></div>")
