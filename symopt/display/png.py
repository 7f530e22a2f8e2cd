"""A computation graph as a PNG, drawn with matplotlib from the layout of :mod:`symopt.display.svg`.

Same boxes, labels and edges as the SVG; matplotlib is an optional extra
(``pip install 'symopt[plot]'``), and without it :func:`render_png` raises
:class:`~symopt.errors.ConfigurationError` naming the extra.
"""

from __future__ import annotations

import io

from ..errors import ConfigurationError
from .svg import FONT_SIZE, LINE_HEIGHT, layout, shown_lines

__all__ = ["render_png", "DPI"]

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
                      fontsize=FONT_SIZE * points_per_pixel, family=["DejaVu Sans", "sans-serif"])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
