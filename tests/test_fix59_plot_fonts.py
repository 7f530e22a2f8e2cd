"""P59-13: symopt.plot draws Chinese run labels and parameter names with a CJK font when one is installed, as
graph(...).png() does; matplotlib warns "Glyph ... missing from font(s)" for every glyph it draws as an empty box.
"""
import warnings

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402

import symopt  # noqa: E402
from symopt import plot  # noqa: E402
from symopt.display.png import CJK_FAMILIES, font_families  # noqa: E402


def missing_glyphs(figure) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.canvas.draw()
    return [str(warning.message) for warning in caught if "missing from font" in str(warning.message)]


@pytest.fixture(scope="module")
def cjk_installed():
    font_families()  # registers a CJK font installed after matplotlib built its list
    if not {font.name for font in font_manager.fontManager.ttflist} & set(CJK_FAMILIES):
        pytest.skip("no CJK font installed")


def test_a_chinese_run_label_is_drawn_with_its_glyphs(cjk_installed):
    ax = plot.loss_curve({"梯度下降": np.array([4.0, 2.0, 1.0])})
    assert missing_glyphs(ax.figure) == []


def test_a_chinese_parameter_name_on_the_axis_is_drawn_with_its_glyphs(cjk_installed):
    weight = symopt.Variable("权重", 0.0)
    ax = plot.optimizer_paths(weight**2 - 10 * weight + 25, {weight: 0.0}, {"GD": symopt.GradientDescent(0.1)},
                              steps=3, resolution=10)
    assert missing_glyphs(ax.figure) == []
