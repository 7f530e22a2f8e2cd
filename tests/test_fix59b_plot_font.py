"""F42c-5: symopt.plot draws its labels in the user's own font.family (serif for a paper's figure), the CJK
families only after it, for the glyphs the user's fonts lack.

Oracle: matplotlib's own font lookup of the user's family.
"""
import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from matplotlib import font_manager, pyplot  # noqa: E402

from symopt import plot  # noqa: E402


def font_file(text) -> str:
    return font_manager.findfont(text.get_fontproperties())


def test_a_loss_curve_keeps_the_users_serif_font():
    serif = font_manager.findfont(font_manager.FontProperties(family="serif"))
    with matplotlib.rc_context({"font.family": "serif"}):
        ax = plot.loss_curve({"GD": np.array([4.0, 2.0, 1.0])})
    assert ax.xaxis.label.get_fontproperties().get_family()[0] == "serif"
    assert font_file(ax.xaxis.label) == serif
    assert font_file(ax.get_legend().get_texts()[0]) == serif
    pyplot.close(ax.figure)
