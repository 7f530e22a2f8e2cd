"""``symopt graph EXPR --style values --at a=5,b=3,c=2 -o graph.svg``: the handler behind the subcommand.

The expression and the values are read by :mod:`symopt.parse` (no Python is evaluated).
The output format follows the file's extension: ``.svg``, ``.dot`` / ``.gv``, or text
for anything else; without an output file (or with ``-``) the text drawing is printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import ParseError
from ..parse import parse_assignments, parse_expression
from .graph import graph

__all__ = ["graph_command", "RENDERERS"]

#: Output file extension → Graph method name.
RENDERERS = {".svg": "svg", ".dot": "dot", ".gv": "dot"}


def graph_command(expr_text: str, style: str = "values", at_text: str | None = None, output: str | None = None) -> int:
    """Draw the graph of ``expr_text``; write it to ``output`` (format by extension) or print it. Returns 0."""
    cost = parse_expression(expr_text)
    at = None
    if at_text and at_text.strip():
        values = parse_assignments(at_text)
        symbols = {symbol.name: symbol for symbol in cost.free_symbols}
        unknown = sorted(set(values) - set(symbols))
        if unknown:
            raise ParseError(f"--at {', '.join(unknown)}: not symbols of the expression; its symbols are "
                             f"{sorted(symbols)}")
        at = {symbols[name]: value for name, value in values.items()}
    drawing = graph(cost, style, at=at)
    if output in (None, "", "-"):
        print(drawing.text())
        return 0
    path = Path(output)
    rendered = getattr(drawing, RENDERERS.get(path.suffix.lower(), "text"))()
    path.write_text(rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8")
    print(f"wrote {path} ({style} style)", file=sys.stderr)
    return 0
