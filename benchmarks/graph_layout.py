"""Graph drawing time against the size of the cost: is it near-linear?

    python benchmarks/graph_layout.py [--sizes 100 200 400 800 1200] [--repeats 3]

The cost is a sum of n squares :math:`\\sum_i x_i^2` with every :math:`x_i` given a value
(``at=``), as ``symopt graph "x0**2 + ... " --at ...`` draws it: nodes with values and
gradients, the layered layout, the SVG text.  Each row: median seconds of ``--repeats``
runs for the nodes (values and gradients), the layout and the SVG, and the growth exponent
:math:`\\log(t_2/t_1)/\\log(n_2/n_1)` of the total between consecutive rows (1 = linear, 2 =
quadratic, which the layout was before: 800 terms took 22 s).  This is a script, not a test:
timed assertions do not belong in tests/.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sympy  # noqa: E402

import symopt  # noqa: E402
from symopt.display.svg import layout, render_svg  # noqa: E402


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def row(n: int, repeats: int) -> tuple[float, float, float]:
    xs = sympy.symbols(f"x0:{n}")
    cost, at = sum(x ** 2 for x in xs), {x: index % 7 + 1 for index, x in enumerate(xs)}
    runs = []
    for _ in range(repeats):
        node_time, nodes = timed(lambda: symopt.graph(cost, at=at).nodes())
        layout_time, _ = timed(lambda: layout(nodes))
        svg_time, _ = timed(lambda: render_svg(nodes))
        runs.append((node_time, layout_time, svg_time))
    return tuple(statistics.median(column) for column in zip(*runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400, 800, 1200])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"{'terms':>6} {'nodes s':>9} {'layout s':>9} {'svg s':>9} {'total s':>9} {'growth':>7}")
    previous = None
    for n in args.sizes:
        nodes, placed, svg = row(n, args.repeats)
        total = nodes + placed + svg
        growth = f"{math.log(total / previous[1]) / math.log(n / previous[0]):.2f}" if previous else ""
        print(f"{n:>6} {nodes:>9.3f} {placed:>9.3f} {svg:>9.3f} {total:>9.3f} {growth:>7}")
        previous = (n, total)


if __name__ == "__main__":
    main()
