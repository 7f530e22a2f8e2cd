"""IPython's plain text of a display object (a terminal, a text export of a notebook).

Shown alone, the object prints its lines (``str()``); inside a list or a dict it prints its one-line
``repr``, as lines of its own would run into the container's commas and keys."""

from __future__ import annotations

__all__ = ["pretty_text"]


def pretty_text(shown, printer, cycle: bool) -> None:
    """``_repr_pretty_``'s body: ``str(shown)`` at the top of IPython's ``printer``, ``repr(shown)`` within a container."""
    alone = not cycle and len(getattr(printer, "stack", ())) <= 1 and getattr(printer, "indentation", 0) == 0
    printer.text(str(shown) if alone else repr(shown))
