"""The handlers behind ``symopt derive``, ``symopt explain`` and ``symopt graph``.

``symopt derive "3*(a + b*c)" --wrt a,b,c --at a=5,b=3,c=2 --format text`` prints the
derivation of :func:`symopt.display.derive` (forward steps, chain rule, gradient) as
text, LaTeX or Markdown.  ``symopt graph EXPR --style values --at a=5,b=3,c=2 -o g.svg``
draws the graph; the output format follows the file's extension (:data:`RENDERERS`):
``.svg``, ``.png`` (with matplotlib), ``.dot`` / ``.gv``, ``.txt``; without an output
file (or with ``-``) the text drawing is printed.  Expressions and values are read
by :mod:`symopt.parse` (no Python is evaluated); every mistake is a
:class:`~symopt.errors.ConfigurationError` or :class:`~symopt.errors.ParseError`
phrased in the command line's own syntax (``--at a=5``), raised before anything is written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import ConfigurationError, ParseError
from ..parse import parse_assignments, parse_expression, parse_symbol_list
from ..parse_names import refuse_cancelled, refuse_differential_names
from .derivation import derive
from .explain import explain
from .graph import graph

__all__ = ["graph_command", "derive_command", "explain_command", "RENDERERS", "output_path"]

#: Output file extension → (Graph method, whether it returns bytes).
RENDERERS = {".svg": ("svg", False), ".png": ("png", True), ".dot": ("dot", False), ".gv": ("dot", False),
             ".txt": ("text", False), "": ("text", False)}


def _values(option: str, text: str | None, cost, expr_text: str) -> dict | None:
    """``--at a=5,b=3`` → {a: 5.0, b: 3.0} keyed by the symbols of ``cost``, read from ``expr_text``."""
    if text is None or not text.strip():
        return None
    values = parse_assignments(text)
    symbols = {symbol.name: symbol for symbol in cost.free_symbols}
    unknown = sorted(set(values) - set(symbols))
    if unknown:
        refuse_cancelled(option, unknown, expr_text, cost)
        raise ParseError(f"{option} {', '.join(unknown)}: not symbols of the expression; its symbols are "
                         f"{sorted(symbols)}")
    missing = sorted(set(symbols) - set(values))
    if missing:
        example = ",".join(f"{name}={values.get(name, 1):g}" for name in sorted(symbols))
        raise ConfigurationError(f"{option}: give every symbol a value; missing {', '.join(missing)} "
                                 f"(e.g. {option} {example})")
    return {symbols[name]: value for name, value in values.items()}


def _wrt(cost, wrt_text: str, expr_text: str) -> list:
    """``--wrt a,b,c`` → the symbols of those names of ``cost``, read from ``expr_text``."""
    available = {symbol.name: symbol for symbol in cost.free_symbols}
    names = parse_symbol_list(wrt_text)
    refuse_cancelled("--wrt", names, expr_text, cost)
    for name in names:
        if name not in available:
            raise ParseError(f"--wrt {name}: the expression has no symbol {name!r}; its symbols are "
                             f"{sorted(available)}")
    return [available[name] for name in names]


def derive_command(expr_text: str, wrt_text: str, at_text: str | None = None, fmt: str = "text") -> int:
    """Print the derivation of ``expr_text`` with respect to ``wrt_text`` (``a,b,c``) in ``fmt``. Returns 0."""
    cost = parse_expression(expr_text)
    refuse_differential_names(cost)
    derivation = derive(cost, _wrt(cost, wrt_text, expr_text), at=_values("--at", at_text, cost, expr_text))
    rendered = {"text": derivation.text, "latex": derivation.latex, "markdown": derivation.markdown}[fmt]()
    print(rendered)
    return 0


def explain_command(expr_text: str, wrt_text: str, at_text: str) -> int:
    """Print :func:`symopt.explain` of ``expr_text`` at ``--at`` (every symbol a value): why each gradient of
    ``wrt_text`` is zero, vanishing, not finite or undefined there, and on which line. Returns 0."""
    cost = parse_expression(expr_text)
    refuse_differential_names(cost)
    wrt = _wrt(cost, wrt_text, expr_text)
    point = _values("--at", at_text, cost, expr_text)
    if point is None:
        example = ",".join(f"{symbol.name}=1" for symbol in sorted(cost.free_symbols, key=str))
        raise ConfigurationError(f"--at: explain needs the point; give every symbol a value (e.g. --at {example})")
    print(explain(cost, wrt, at=point).text())
    return 0


def output_path(output: str) -> Path:
    """The file ``-o`` names, checked before anything is drawn: no folder (``out/``), a known extension, an existing
    folder, writable."""
    path = Path(output)
    if output.endswith(("/", os.sep)):  # Path drops the slash: "out/" would be written as the file "out"
        create = "" if path.is_dir() else f" (create it first: mkdir -p {path})"
        raise ConfigurationError(f"-o {output}: expected a file; given a folder (it ends in '/'); name a file in "
                                 f"it, e.g. -o {path / 'graph.svg'}{create}")
    if path.suffix.lower() not in RENDERERS:
        raise ConfigurationError(f"-o {output}: expected a file ending in .svg, .png, .dot, .gv or .txt; "
                                 f"given {path.suffix!r}")
    if path.is_dir():
        raise ConfigurationError(f"-o {output}: that is a folder; name a file in it, e.g. -o {path / 'graph.svg'}")
    folder = path.parent
    if not folder.is_dir():
        raise ConfigurationError(f"-o {output}: the folder {folder} does not exist; create it first "
                                 f"(mkdir -p {folder}) or write elsewhere")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ConfigurationError(f"-o {output}: not writable here; choose another file or folder")
    return path


def graph_command(expr_text: str, style: str = "values", at_text: str | None = None, output: str | None = None) -> int:
    """Draw the graph of ``expr_text``; write it to ``output`` (format by extension) or print it. Returns 0."""
    if style == "ops" and at_text is not None and at_text.strip():
        raise ConfigurationError("--at: numbers are drawn in the values style only; drop --at or use --style values")
    path = None if output in (None, "", "-") else output_path(output)
    cost = parse_expression(expr_text)
    refuse_differential_names(cost)
    drawing = graph(cost, style, at=_values("--at", at_text, cost, expr_text))
    if path is None:
        print(drawing.text())
        return 0
    method, binary = RENDERERS[path.suffix.lower()]
    rendered = getattr(drawing, method)()
    try:
        if binary:
            path.write_bytes(rendered)
        else:
            path.write_text(rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(f"-o {output}: cannot write it ({error.strerror}); choose another file") from error
    print(f"wrote {path} ({style} style)", file=sys.stderr)
    return 0
