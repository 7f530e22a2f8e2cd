r"""A small layered layout and SVG writer for computation graphs (pure Python, no Graphviz).

Layout, in the manner of Sugiyama's method:

1. **Layers.**  An input sits in layer 0; an operation one layer right of its
   furthest input, :math:`\ell(v) = 1 + \max_{u \to v} \ell(u)`; a constant one layer
   left of its first reader.  So inputs are on the left and the cost, which reads
   everything, on the right.
2. **Waypoints.**  An edge that spans several layers gets a waypoint in each layer
   it crosses, which takes a place in that layer like a node, so that the edge runs
   between the nodes instead of through them.  Only edges spanning at most
   :data:`MAX_WAYPOINT_SPAN` layers get them, so there are at most
   ``MAX_WAYPOINT_SPAN`` waypoints per edge and the layout stays linear in the size of
   the graph (a value read at every level of a deep chain would otherwise add a
   quadratic number).  A longer edge runs in a **lane** above every column: it rises in
   the gap after its source's column and descends in the gap before its target's;
   the edges of one source share a lane, and sources whose spans do not overlap share
   one too (interval colouring, greedy by first layer).
3. **Order within a layer.**  Nodes start in forward order; four sweeps then sort
   each layer by the barycentre (mean vertical position) of its neighbours in the
   layer before (rightward sweeps) or after (leftward sweeps), which removes most
   edge crossings.
4. **Coordinates.**  Each node's box fits its longest label line (lines longer than
   :data:`MAX_LABEL` characters are cut with ``…``); layers are columns as wide as
   their widest node, stacked vertically and centred.

Every step is linear in nodes plus edges plus waypoints, except the sorts
(:math:`O(n \log n)`); :func:`layout_size` counts that work.

Inputs are drawn as ellipses, operations as rounded rectangles, constants as plain
boxes; edges are cubic Bézier curves in the gaps between columns and straight runs
across columns (in a waypoint's or a lane's own slot, or beside a node narrower than
its column), so no edge crosses a node other than its ends (probe68 P68-8).  Text is escaped, so the
result is well-formed XML.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

__all__ = ["render_svg", "layout", "layout_size", "shown_lines", "columns", "MAX_WAYPOINT_SPAN", "MAX_LABEL"]

FONT_SIZE = 14
CHAR_WIDTH = 8.4
LINE_HEIGHT = 18
PAD_X, PAD_Y = 14, 9
GAP_X, GAP_Y = 56, 22
MARGIN = 16
SWEEPS = 4
WAYPOINT_HEIGHT = 2
MAX_WAYPOINT_SPAN = 6
#: The height of one lane above the columns, for an edge longer than :data:`MAX_WAYPOINT_SPAN` layers.
LANE_GAP = 10
#: How far before a node's left side an edge's last curve starts (its arrowhead's run).
ARROW_RUN = 6
MAX_LABEL = 80
#: The drawing's own background: shown as an ``<img>``, it cannot follow a notebook's dark theme, where its grey
#: edges were faint on near-black (probe59 P59-2).
PAPER = "#ffffff"

_STYLE = {
    "input": 'fill="#e8f0fe" stroke="#3b5998"',
    "operation": 'fill="#fff6e0" stroke="#a0701a"',
    "constant": 'fill="#f2f2f2" stroke="#8c8c8c"',
}


def _layers(nodes) -> dict:
    layer = {}
    for node in nodes:
        layer[node.id] = 1 + max((layer[i] for i in node.inputs), default=-1) if node.inputs else 0
    readers: dict = {}
    for node in nodes:
        for source in node.inputs:
            readers.setdefault(source, []).append(node.id)
    for node in nodes:
        if node.kind == "constant" and node.id in readers:
            layer[node.id] = max(0, min(layer[r] for r in readers[node.id]) - 1)
    return layer


def shown_lines(node) -> tuple[str, ...]:
    """The label lines as drawn: each at most :data:`MAX_LABEL` :func:`columns` wide (a Chinese label half as many
    characters), cut with ``…``."""
    return tuple(_cut(line) for line in node.lines)


def _cut(line: str) -> str:
    if columns(line) <= MAX_LABEL:
        return line
    while columns(line) > MAX_LABEL - 1:
        line = line[:-1]
    return line + "…"


def columns(line: str) -> int:
    """How many character widths ``line`` takes: an East Asian wide or full-width character (``权``) two, a
    combining accent none, any other one (probe59 P59-8: boxes sized by ``len`` cut Chinese labels)."""
    return sum(0 if unicodedata.combining(character) else 2 if unicodedata.east_asian_width(character) in "WF" else 1
               for character in line)


def _size(node) -> tuple[float, float]:
    width = max(columns(line) for line in shown_lines(node)) * CHAR_WIDTH + 2 * PAD_X
    height = len(node.lines) * LINE_HEIGHT + 2 * PAD_Y
    if node.kind == "input":
        width, height = width * 1.2, height * 1.1
    return max(width, 40.0), height


def _routes(nodes, layer: dict) -> tuple[dict, dict]:
    """Split every edge that spans several layers by one waypoint per layer it crosses.

    Returns ``{edge: [waypoint, ...]}`` and ``{waypoint: layer}``; a waypoint is ``(source, target, layer)``.
    """
    routes, waypoint_layer = {}, {}
    for node in nodes:
        for source in node.inputs:
            span = layer[node.id] - layer[source]
            points = [(source, node.id, k) for k in range(layer[source] + 1, layer[node.id])
                      ] if span <= MAX_WAYPOINT_SPAN else []
            routes[(source, node.id)] = points
            waypoint_layer.update({point: point[2] for point in points})
    return routes, waypoint_layer


def _order(nodes, layer: dict, routes: dict, waypoint_layer: dict) -> list[list]:
    """Columns of node ids and waypoints, each sorted by barycentre sweeps."""
    count = max(layer.values()) + 1
    columns: list[list] = [[] for _ in range(count)]
    for node in nodes:
        columns[layer[node.id]].append(node.id)
    for point, k in waypoint_layer.items():
        columns[k].append(point)
    neighbours: dict = {item: ([], []) for column in columns for item in column}
    for (source, target), points in routes.items():
        chain = [source, *points, target]
        for before, after in zip(chain, chain[1:]):
            neighbours[after][0].append(before)
            neighbours[before][1].append(after)
    for sweep in range(SWEEPS):
        position = {item: index for column in columns for index, item in enumerate(column)}
        side, sequence = (0, range(1, count)) if sweep % 2 == 0 else (1, range(count - 2, -1, -1))
        for k in sequence:
            def barycentre(item, side=side):
                linked = [position[n] for n in neighbours[item][side]]
                return sum(linked) / len(linked) if linked else position[item]
            columns[k].sort(key=barycentre)
            position.update({item: index for index, item in enumerate(columns[k])})
    return columns


def layout_size(nodes) -> dict:
    """The work of :func:`layout`: ``nodes``, ``edges`` and ``waypoints`` (items placed in columns)."""
    layer = _layers(nodes)
    routes, waypoint_layer = _routes(nodes, layer)
    return {"nodes": len(nodes), "edges": len(routes), "waypoints": len(waypoint_layer)}


def _lanes(layer: dict, routes: dict) -> dict:
    """``{source: lane}`` for the sources of edges that span several layers without waypoints; the lanes are
    numbered from the top, a source's from its layer to its last reader's."""
    reach: dict = {}
    for (source, target), points in routes.items():
        if not points and layer[target] - layer[source] > 1:
            reach[source] = max(reach.get(source, 0), layer[target])
    lanes, lane_ends = {}, []
    for source in sorted(reach, key=lambda item: layer[item]):
        lane = next((index for index, end in enumerate(lane_ends) if end <= layer[source]), len(lane_ends))
        lane_ends[lane:lane + 1] = [reach[source]]
        lanes[source] = lane
    return lanes


def _path(runs: list, start: tuple, end: tuple) -> list:
    """The points of an edge from ``start`` to ``end`` through the straight ``runs`` ``(x_from, x_to, y)``: a curve
    into each run, a straight line along it, a curve from the last run into ``end``."""
    points = [start]
    for x_from, x_to, y in runs:
        points += [(x_from, y), (x_to, y)]
    return points + [end]


def layout(nodes) -> tuple[dict, dict, float, float]:
    """``({id: (x, y, width, height)}, {edge: [(x, y), ...]}, canvas width, canvas height)``.

    An edge's points run from the source's right side to the target's left side, alternately a curve's end (in
    a gap between columns) and a straight run's end (across a column: beside a narrow source or target, through
    a waypoint's slot, or along a lane above the columns).
    """
    layer = _layers(nodes)
    routes, waypoint_layer = _routes(nodes, layer)
    columns = _order(nodes, layer, routes, waypoint_layer)
    lanes = _lanes(layer, routes)
    lanes_height = LANE_GAP * (max(lanes.values(), default=-1) + 1)
    sizes = {node.id: _size(node) for node in nodes}
    sizes.update({point: (0.0, WAYPOINT_HEIGHT) for point in waypoint_layer})
    heights = [sum(sizes[item][1] for item in column) + GAP_Y * (len(column) - 1) for column in columns]
    canvas_height = max(heights) + 2 * MARGIN + lanes_height
    boxes, spans, column_spans, x = {}, {}, [], float(MARGIN)
    for column, height in zip(columns, heights):
        width = max(sizes[item][0] for item in column)
        y = MARGIN + lanes_height + (canvas_height - lanes_height - 2 * MARGIN - height) / 2
        for item in column:
            item_width, item_height = sizes[item]
            boxes[item] = (x + (width - item_width) / 2, y, item_width, item_height)
            spans[item] = (x, x + width)
            y += item_height + GAP_Y
        column_spans.append((x, x + width))
        x += width + GAP_X
    paths = {}
    for (source, target), points in routes.items():
        sx, sy, sw, sh = boxes[source]
        tx, ty, _, th = boxes[target]
        start, end = (sx + sw, sy + sh / 2), (tx, ty + th / 2)
        runs = [(start[0], spans[source][1], start[1])] if spans[source][1] > start[0] + 1 else []
        for point in points:
            middle = boxes[point][1] + WAYPOINT_HEIGHT / 2
            runs.append((*spans[point], middle))
        if source in lanes and not points and layer[target] - layer[source] > 1:
            lane_y = MARGIN + (lanes[source] + 0.5) * LANE_GAP
            runs.append((column_spans[layer[source] + 1][0], column_spans[layer[target] - 1][1], lane_y))
        if tx - ARROW_RUN > spans[target][0] + 1:
            runs.append((spans[target][0], tx - ARROW_RUN, end[1]))
        paths[(source, target)] = _path(runs, start, end)
    return {node.id: boxes[node.id] for node in nodes}, paths, x - GAP_X + MARGIN, canvas_height


def _shape(node, box) -> str:
    x, y, width, height = box
    style = _STYLE[node.kind]
    if node.kind == "input":
        return (f'<ellipse cx="{x + width / 2:.1f}" cy="{y + height / 2:.1f}" rx="{width / 2:.1f}" '
                f'ry="{height / 2:.1f}" {style}/>')
    radius = 6 if node.kind == "operation" else 0
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" rx="{radius}" {style}/>'


def _label(node, box) -> str:
    x, y, width, height = box
    centre = x + width / 2
    top = y + height / 2 - (len(node.lines) - 1) * LINE_HEIGHT / 2 + FONT_SIZE * 0.35
    spans = "".join(f'<tspan x="{centre:.1f}" y="{top + i * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
                    for i, line in enumerate(shown_lines(node)))
    return f'<text text-anchor="middle">{spans}</text>'


def _edge(points: list) -> str:
    """Bézier curves between columns, straight runs across the columns an edge passes."""
    (x, y), rest = points[0], points[1:]
    commands = [f"M{x:.1f},{y:.1f}"]
    for index, (nx, ny) in enumerate(rest):
        if index % 2 == 0:
            middle = (x + nx) / 2
            end = nx - 2 if index == len(rest) - 1 else nx
            commands.append(f"C{middle:.1f},{y:.1f} {middle:.1f},{ny:.1f} {end:.1f},{ny:.1f}")
        else:
            commands.append(f"L{nx:.1f},{ny:.1f}")
        x, y = nx, ny
    return (f'<path d="{" ".join(commands)}" fill="none" stroke="#555" '
            'marker-end="url(#symopt-arrow)"/>')


def render_svg(nodes) -> str:
    """The SVG document for ``nodes`` (each with ``id``, ``lines``, ``kind``, ``inputs``)."""
    boxes, paths, width, height = layout(nodes)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
             f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="Helvetica, Arial, sans-serif" '
             f'font-size="{FONT_SIZE}">',
             '<defs><marker id="symopt-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
             f'<rect class="paper" width="{width:.0f}" height="{height:.0f}" fill="{PAPER}"/>']
    parts.extend(_edge(points) for points in paths.values())
    for node in nodes:
        parts.append(f'<g class="{node.kind}">{_shape(node, boxes[node.id])}{_label(node, boxes[node.id])}</g>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
