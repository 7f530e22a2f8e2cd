"""P59-6, P59-2: the Result's loss curve labels the history's own lowest and highest cost and keeps its last
finite step; its labels are drawn on a background of its own (an ``<img>`` cannot follow a dark theme).

Oracle: NumPy on the history (min, max, index of the last finite cost).
"""
import re
import xml.etree.ElementTree as ElementTree

import numpy as np

from symopt.display.result import loss_curve_svg


def labels(svg: str) -> list[str]:
    return re.findall(r">([^<>]+)</text>", svg)


def test_a_dip_and_a_spike_between_sampled_steps_are_labelled():
    history = np.full(1000, 1.0)
    history[1::2] = 2.0
    assert 694 not in set(np.linspace(0, 999, 400).astype(int))  # a step an even sampling would skip
    history[694], history[331] = 0.01, 50.0
    high, low, first, last, _ = labels(loss_curve_svg(history))
    assert (high, low, first, last) == (f"{history.max():.3g}", f"{history.min():.3g}", "0", "999")
    points = re.search(r'<polyline points="([^"]*)"', loss_curve_svg(history)).group(1).split()
    assert len(points) <= 402  # the points drawn stay bounded: two per run of steps, the first and the last


def test_a_diverged_run_ends_at_its_last_finite_cost():
    history = np.array([4.0 ** k for k in range(511)] + [np.inf])
    high, low, first, last, _ = labels(loss_curve_svg(history))
    finite = np.flatnonzero(np.isfinite(history))
    assert (high, last) == (f"{history[finite].max():.3g}", str(finite[-1]))


def test_the_labels_are_drawn_on_the_curves_own_background():
    root = ElementTree.fromstring(loss_curve_svg([3.0, 2.0, 1.0]))
    width, height = root.get("width"), root.get("height")
    background = root[0]
    assert background.tag.endswith("rect") and (background.get("width"), background.get("height")) == (width, height)
    assert background.get("x", "0") == background.get("y", "0") == "0"
    ink = root.get("fill")
    assert ink and ink != background.get("fill")
