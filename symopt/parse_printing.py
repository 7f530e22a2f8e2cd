"""Text of a SymPy expression that the command line's parser (:mod:`symopt.parse`) reads back: ``minimize``'s
``cost:`` line, and the simplified cost a message quotes."""

from __future__ import annotations

import sympy

__all__ = ["cli_text"]


class _CLIPrinter(sympy.printing.str.StrPrinter):
    """SymPy's text with the CLI's names of functions: ``abs``, ``max``, ``min``, ``ceil`` (``Heaviside`` and the
    rest are spelled alike)."""

    def _print_Function(self, expr):
        text = super()._print_Function(expr)
        return _CLI_NAMES.get(type(expr).__name__, type(expr).__name__) + text[len(type(expr).__name__):]

    _print_Abs = _print_Max = _print_Min = _print_ceiling = _print_Function


_CLI_NAMES = {"Abs": "abs", "Max": "max", "Min": "min", "ceiling": "ceil"}


def cli_text(expr: sympy.Basic) -> str:
    """``expr`` as text the command-line parser reads back: ``str(expr)`` with ``abs``, ``max``, ``min`` and ``ceil``
    for SymPy's ``Abs``, ``Max``, ``Min`` and ``ceiling``."""
    return _CLIPrinter().doprint(expr)
