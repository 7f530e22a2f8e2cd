"""probe52 P52-1: ``Graph.png()`` drew Chinese names as empty boxes (DejaVu Sans only) though a CJK font was
installed; the labels now ask for a CJK family after DejaVu Sans.  Checked by font lookup (the family matplotlib
finds has the glyph) and by matplotlib's own "Glyph ... missing" warning, not by pixels."""

from __future__ import annotations

import warnings

import pytest
import sympy

matplotlib = pytest.importorskip("matplotlib")
from matplotlib import font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

import symopt  # noqa: E402
from symopt.display.png import CJK_FAMILIES, font_families  # noqa: E402

CJK_INSTALLED = {font.name for font in font_manager.fontManager.ttflist} & set(CJK_FAMILIES) or any(
    "CJK" in path for path in font_manager.findSystemFonts())
needs_cjk = pytest.mark.skipif(not CJK_INSTALLED,
                               reason="no CJK font installed (README: .ci/run installs fonts-noto-cjk)")


def _has_glyph(family: str, character: str) -> bool:
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    return FT2Font(path).get_char_index(ord(character)) != 0


@needs_cjk
def test_a_family_of_the_png_draws_chinese():
    families = font_families()
    assert families[0] == "DejaVu Sans" and families[-1] == "sans-serif"
    assert not _has_glyph("DejaVu Sans", "权")  # why it drew boxes
    assert any(_has_glyph(family, "权") and _has_glyph(family, "重") for family in families[1:-1])


@needs_cjk
def test_a_chinese_graph_draws_without_a_missing_glyph():
    weight, x = sympy.Symbol("权重"), sympy.Symbol("x")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = symopt.graph((weight * x - 3) ** 2, at={weight: 1, x: 2}).png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_only_installed_families_are_asked_for():
    assert set(font_families()[1:-1]) <= {font.name for font in font_manager.fontManager.ttflist}
