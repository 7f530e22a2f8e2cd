"""A computation graph as a PNG, drawn with matplotlib from the layout of :mod:`symopt.display.svg`.

Same boxes, labels and edges as the SVG; matplotlib is an optional extra
(``pip install 'symopt[plot]'``), and without it :func:`render_png` raises
:class:`~symopt.errors.ConfigurationError` naming the extra.
"""

from __future__ import annotations

import functools
import io
import os
import re

from ..errors import ConfigurationError
from .svg import FONT_SIZE, LINE_HEIGHT, layout, shown_lines

__all__ = ["render_png", "DPI", "CJK_FAMILIES", "font_families", "cjk_families"]

DPI = 100
_COLOURS = {  # kind → (fill, edge), as in the SVG
    "input": ("#e8f0fe", "#3b5998"),
    "operation": ("#fff6e0", "#a0701a"),
    "constant": ("#f2f2f2", "#8c8c8c"),
}


def _matplotlib():
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib import patches
        from matplotlib.path import Path
    except ImportError as error:
        raise ConfigurationError("a PNG needs matplotlib: pip install 'symopt[plot]' "
                                 "(or write .svg, which needs nothing)") from error
    return matplotlib, FigureCanvasAgg, Figure, patches, Path


#: Font families with CJK glyphs, asked for after DejaVu Sans (which has Latin and Greek but no Chinese: a name
#: ``权重`` drew as empty boxes, probe52 P52-1); matplotlib takes each character from the first family that has it.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK KR", "Noto Serif CJK SC",
                "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
                "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB", "Arial Unicode MS")


#: File names of the :data:`CJK_FAMILIES`' fonts (Noto's ``NotoSansCJK-Regular.ttc``, WenQuanYi's ``wqy-zenhei``).
_CJK_FILES = re.compile(r"CJK|SourceHan|wqy|DroidSansFallback|msyh|simhei|PingFang|Hiragino", re.IGNORECASE)


@functools.cache
def _registered_cjk_fonts() -> None:
    """Register the system's CJK font files with matplotlib once (``fontManager.addfont``): its font list is cached
    when matplotlib is first imported, so a font installed later (``fonts-noto-cjk``) is not in it."""
    from matplotlib import font_manager

    for path in font_manager.findSystemFonts():
        if _CJK_FILES.search(os.path.basename(path)):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # a file matplotlib cannot read: the others still serve
                continue


def font_families() -> list[str]:
    """The families a PNG's labels are drawn in: DejaVu Sans, then the installed :data:`CJK_FAMILIES`, then
    ``sans-serif``."""
    return ["DejaVu Sans", *cjk_families(), "sans-serif"]


def cjk_families() -> list[str]:
    """The :data:`CJK_FAMILIES` installed (a missing one is left out, so matplotlib logs no "not found")."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    if not installed & set(CJK_FAMILIES):
        _registered_cjk_fonts()
        installed = {font.name for font in font_manager.fontManager.ttflist}
    return [family for family in CJK_FAMILIES if family in installed]


def _edge_path(points: list, Path):
    """The SVG's edge: Bézier curves between columns, straight runs across columns."""
    (x, y), rest = points[0], points[1:]
    vertices, codes = [(x, y)], [Path.MOVETO]
    for index, (nx, ny) in enumerate(rest):
        if index % 2 == 0:
            middle = (x + nx) / 2
            vertices += [(middle, y), (middle, ny), (nx, ny)]
            codes += [Path.CURVE4] * 3
        else:
            vertices.append((nx, ny))
            codes.append(Path.LINETO)
        x, y = nx, ny
    return Path(vertices, codes)


def render_png(nodes) -> bytes:
    """PNG bytes of the graph of ``nodes`` (each with ``id``, ``lines``, ``kind``, ``inputs``)."""
    _, FigureCanvasAgg, Figure, patches, Path = _matplotlib()
    boxes, paths, width, height = layout(nodes)
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    axes.axis("off")
    points_per_pixel = 72 / DPI
    families = font_families()
    for points in paths.values():
        axes.add_patch(patches.FancyArrowPatch(path=_edge_path(points, Path), arrowstyle="-|>", color="#555",
                                               mutation_scale=10, linewidth=1))
    for node in nodes:
        x, y, w, h = boxes[node.id]
        fill, edge = _COLOURS[node.kind]
        if node.kind == "input":
            shape = patches.Ellipse((x + w / 2, y + h / 2), w, h, facecolor=fill, edgecolor=edge)
        else:
            style = "round,pad=0,rounding_size=6" if node.kind == "operation" else "square,pad=0"
            shape = patches.FancyBboxPatch((x, y), w, h, boxstyle=style, facecolor=fill, edgecolor=edge)
        axes.add_patch(shape)
        lines = shown_lines(node)
        top = y + h / 2 - (len(lines) - 1) * LINE_HEIGHT / 2
        for index, line in enumerate(lines):
            axes.text(x + w / 2, top + index * LINE_HEIGHT, line, ha="center", va="center",
                      fontsize=FONT_SIZE * points_per_pixel, family=families)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
